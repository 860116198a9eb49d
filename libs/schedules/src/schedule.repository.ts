import { Injectable } from '@nestjs/common';
import { CommitStatement, TransactionHost } from '@spcomms/database';
import { ScheduleEntity, ScheduleState } from './schedule.entity';

export interface NewScheduleRow {
  kind: string;
  subjectType: string;
  subjectId: string;
  dueAt: Date;
  payload: Record<string, unknown>;
}

/** What the relay and the reconciler need to make a job of a row. */
export interface RelayRow {
  id: string;
  dueAt: Date;
  retryAt: Date | null;
  attempts: number;
}

interface RawScheduleRow {
  id: string;
  kind: string;
  subject_type: string;
  subject_id: string;
  due_at: Date;
  payload: Record<string, unknown> | null;
  attempts: number;
  created_at: Date;
}

interface RawRelayRow {
  id: string;
  due_at: Date;
  retry_at: Date | null;
  attempts: number;
}

const toRelayRow = (row: RawRelayRow): RelayRow => ({
  id: row.id,
  dueAt: new Date(row.due_at),
  retryAt: row.retry_at ? new Date(row.retry_at) : null,
  attempts: Number(row.attempts),
});

/** The rows now pending that a statement of insertStatements answers. */
export const relayRowsOf = (rows: unknown[]): RelayRow[] => (rows as RawRelayRow[]).map(toRelayRow);

/** The rows of an UPDATE … RETURNING: TypeORM answers them as `[rows, affected]` for UPDATE and DELETE. */
export function updatedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

/** A row just taken for its run (marked done in the run's transaction). */
const toTakenEntity = (row: RawScheduleRow, now: Date): ScheduleEntity =>
  Object.assign(new ScheduleEntity(), {
    id: row.id,
    kind: row.kind,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    dueAt: new Date(row.due_at),
    state: ScheduleState.Done,
    attempts: Number(row.attempts),
    lastError: null,
    retryAt: null,
    payload: row.payload ?? {},
    createdAt: new Date(row.created_at),
    doneAt: now,
  });

/** A pending row this late is counted as overdue: the worker is behind or down. */
const OVERDUE_LAG_MS = 5 * 60_000;

/** Rows per INSERT statement (6 parameters each, well under PostgreSQL's 65,535). */
const INSERT_CHUNK = 2000;

/**
 * The schedule rows. Schedules belong to the system, not to a user: the lib that plans a kind has
 * checked the actor's rights on the subject before it calls the service.
 */
@Injectable()
export class ScheduleRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get rows() {
    return this.tx.manager.getRepository(ScheduleEntity);
  }

  /**
   * Inserts rows, ignoring those whose (kind, subject, due) exists; with `reviveCancelled`, a
   * cancelled row with the same key becomes pending again (a deadline moved back to where it was).
   * Answers the rows now pending because of this call.
   */
  async insertRows(rows: NewScheduleRow[], createdAt: Date, reviveCancelled: boolean): Promise<RelayRow[]> {
    const planned: RelayRow[] = [];
    for (const { text, values } of this.insertStatements(rows, createdAt, reviveCancelled)) {
      planned.push(...relayRowsOf(await this.tx.manager.query(text, values)));
    }
    return planned;
  }

  /** The statements of insertRows, one per 2,000 rows; relayRowsOf reads what each answers. */
  insertStatements(rows: NewScheduleRow[], createdAt: Date, reviveCancelled: boolean): CommitStatement[] {
    const statements: CommitStatement[] = [];
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      const chunk = rows.slice(start, start + INSERT_CHUNK);
      const values: unknown[] = [];
      const tuples = chunk.map((row, index) => {
        values.push(row.kind, row.subjectType, row.subjectId, row.dueAt, JSON.stringify(row.payload), createdAt);
        const base = index * 6;
        return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}::jsonb, $${base + 6})`;
      });
      const onConflict = reviveCancelled
        ? `DO UPDATE SET state = 'pending', attempts = 0, last_error = NULL, retry_at = NULL, done_at = NULL, payload = EXCLUDED.payload
           WHERE schedule.state = 'cancelled'`
        : 'DO NOTHING';
      statements.push({
        text: `INSERT INTO schedule (kind, subject_type, subject_id, due_at, payload, created_at)
         VALUES ${tuples.join(', ')}
         ON CONFLICT (kind, subject_id, due_at) ${onConflict}
         RETURNING id, due_at, retry_at, attempts`,
        values,
      });
    }
    return statements;
  }

  /**
   * Cancels the pending rows of some subjects of one type (of some kinds only, when given), in one
   * statement; answers how many.
   */
  async cancelPending(
    subjectType: string,
    subjectIds: string[],
    kinds: string[] | undefined,
    at: Date,
  ): Promise<number> {
    if (subjectIds.length === 0) {
      return 0;
    }
    const query = this.rows
      .createQueryBuilder()
      .update()
      .set({ state: ScheduleState.Cancelled, doneAt: at })
      .where('subject_type = :subjectType AND subject_id IN (:...subjectIds) AND state = :pending', {
        subjectType,
        subjectIds,
        pending: ScheduleState.Pending,
      });
    if (kinds) {
      query.andWhere('kind IN (:...kinds)', { kinds: kinds.length > 0 ? kinds : [''] });
    }
    const result = await query.execute();
    return result.affected ?? 0;
  }

  findForSubject(subjectType: string, subjectId: string): Promise<ScheduleEntity[]> {
    return this.rows.find({ where: { subjectType, subjectId }, order: { dueAt: 'ASC', kind: 'ASC' } });
  }

  findById(id: string): Promise<ScheduleEntity | null> {
    return this.rows.findOneBy({ id });
  }

  /**
   * Takes a pending, due row for its run, inside the run's transaction: one UPDATE that locks the
   * row, checks it is still pending and due, and marks it done. The handler then runs in the same
   * transaction; if it fails, the rollback makes the row pending again. A second run of the same
   * row (another worker, a duplicate job) waits for the lock and then matches nothing. Answers the
   * row, or null when there is nothing to run.
   */
  async takeForRun(id: string, now: Date): Promise<ScheduleEntity | null> {
    const rows = updatedRows<RawScheduleRow>(
      await this.tx.manager.query(
        `UPDATE schedule SET state = 'done', done_at = $2, retry_at = NULL
          WHERE id = $1 AND state = 'pending' AND GREATEST(due_at, COALESCE(retry_at, due_at)) <= $2
          RETURNING id, kind, subject_type, subject_id, due_at, payload, attempts, created_at`,
        [id, now],
      ),
    );
    return rows[0] ? toTakenEntity(rows[0], now) : null;
  }

  /**
   * takeForRun for several rows in one statement (a batch run): locks, checks and marks done every
   * row of `ids` that is pending and due; answers those rows by id. The others are left as they are.
   */
  async takeManyForRun(ids: string[], now: Date): Promise<Map<string, ScheduleEntity>> {
    const rows = updatedRows<RawScheduleRow>(
      await this.tx.manager.query(
        `UPDATE schedule SET state = 'done', done_at = $2, retry_at = NULL
          WHERE id = ANY($1::uuid[]) AND state = 'pending' AND GREATEST(due_at, COALESCE(retry_at, due_at)) <= $2
          RETURNING id, kind, subject_type, subject_id, due_at, payload, attempts, created_at`,
        [ids, now],
      ),
    );
    return new Map(rows.map((row) => [row.id, toTakenEntity(row, now)]));
  }

  /** Turns rows taken for their run into skipped ones (their handler found nothing true left to do). */
  async markTakenSkipped(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) {
      await this.tx.manager.query(
        `UPDATE schedule SET state = 'skipped' WHERE id = ANY($1::uuid[]) AND state = 'done'`,
        [[...ids]],
      );
    }
  }

  /** Turns a row taken for its run into a failed one (no handler for its kind). */
  async failTaken(id: string, error: string): Promise<void> {
    await this.tx.manager.query(`UPDATE schedule SET state = 'failed', last_error = $2 WHERE id = $1`, [
      id,
      error.slice(0, 4000),
    ]);
  }

  /** Records a failed run: pending again with a retry time, or failed for good. Answers the attempts. */
  async recordFailure(id: string, error: string, at: Date, retryAt: Date | null): Promise<number | null> {
    const rows = updatedRows<{ attempts: number }>(
      await this.tx.manager.query(
        `UPDATE schedule
          SET attempts = attempts + 1,
              last_error = $2,
              retry_at = $3,
              state = CASE WHEN $3::timestamptz IS NULL THEN 'failed' ELSE state END,
              done_at = CASE WHEN $3::timestamptz IS NULL THEN $4::timestamptz ELSE done_at END
        WHERE id = $1 AND state = 'pending'
        RETURNING attempts`,
        [id, error.slice(0, 4000), retryAt, at],
      ),
    );
    return rows[0] ? Number(rows[0].attempts) : null;
  }

  async markFailed(id: string, error: string, at: Date): Promise<void> {
    await this.rows.update(
      { id, state: ScheduleState.Pending },
      { state: ScheduleState.Failed, doneAt: at, lastError: error.slice(0, 4000) },
    );
  }

  /**
   * Pending rows due in (after, until], in due order, keyset-paginated by (due_at, id).
   * `after` null means from the beginning of time.
   */
  async findPendingDue(
    after: Date | null,
    until: Date,
    limit: number,
    cursor?: { dueAt: Date; id: string },
  ): Promise<RelayRow[]> {
    const values: unknown[] = [until, limit];
    let where = `state = 'pending' AND due_at <= $1`;
    if (after) {
      values.push(after);
      where += ` AND due_at > $${values.length}`;
    }
    if (cursor) {
      values.push(cursor.dueAt, cursor.id);
      where += ` AND (due_at, id) > ($${values.length - 1}, $${values.length})`;
    }
    const rows: RawRelayRow[] = await this.tx.manager.query(
      `SELECT id, due_at, retry_at, attempts FROM schedule WHERE ${where} ORDER BY due_at, id LIMIT $2`,
      values,
    );
    return rows.map(toRelayRow);
  }

  /** Pending and failed rows, for metrics and health (both counted through partial indexes). */
  async countOpen(now: Date): Promise<{ pending: number; overdue: number; failed: number }> {
    const rows: Array<{ pending: string; overdue: string; failed: string }> = await this.tx.manager.query(
      `SELECT (SELECT count(*) FROM schedule WHERE state = 'pending')::text AS pending,
              (SELECT count(*) FROM schedule WHERE state = 'pending' AND due_at < $1)::text AS overdue,
              (SELECT count(*) FROM schedule WHERE state = 'failed')::text AS failed`,
      [new Date(now.getTime() - OVERDUE_LAG_MS)],
    );
    return { pending: Number(rows[0].pending), overdue: Number(rows[0].overdue), failed: Number(rows[0].failed) };
  }
}
