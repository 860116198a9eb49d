import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CommitStatement, TransactionHost } from '@spcomms/database';
import { updatedRows } from '@spcomms/schedules';
import { OutboxMessageEntity, OutboxState } from './outbox-message.entity';

export interface NewOutboxMessage {
  id: string;
  kind: string;
  subjectType: string;
  subjectId: string;
  recipientUserId: string | null;
  recipientAddress: string;
  occasion: string;
  language: string;
  template: string;
  params: Record<string, string>;
  messageId: string;
  nextAttemptAt: Date;
  createdAt: Date;
}

/** What the relay needs to make the job of a message. */
export interface MailRelayRow {
  id: string;
  attempts: number;
  runAt: Date;
}

interface RawRelayRow {
  id: string;
  attempts: number;
  run_at: Date;
}

/**
 * A connection reserved for a worker's hand-offs to SMTP (see OutboxMailer): the claim just before
 * the SMTP transaction and the mark of the server's acceptance right after it never wait behind the
 * pool's other users. Each statement commits at once.
 */
export interface MailHandoffConnection {
  /**
   * Takes the message for one attempt: pending and due, or sending with an expired lease (its worker
   * died). Answers null when another worker has it, it is not due yet, or it is sent or failed.
   */
  claim(id: string, now: Date, leaseUntil: Date): Promise<OutboxMessageEntity | null>;
  /** Marks the attempt `attempt` sent; false when the lease was lost meanwhile. */
  markSent(id: string, attempt: number, at: Date): Promise<boolean>;
  /** Gives the connection back to the pool (which closes it if it broke). */
  release(): Promise<void>;
}

const toRelayRow = (row: RawRelayRow): MailRelayRow => ({
  id: row.id,
  attempts: Number(row.attempts),
  runAt: new Date(row.run_at),
});

/** The e-mail outbox. Messages belong to the system; only admins list them (failures). */
@Injectable()
export class NotificationsRepository {
  constructor(
    private readonly tx: TransactionHost,
    private readonly dataSource: DataSource,
  ) {}

  private get messages() {
    return this.tx.manager.getRepository(OutboxMessageEntity);
  }

  /**
   * Inserts the messages whose key (kind, subject, recipient address, occasion) is not taken yet, in
   * one statement; answers the ids of those inserted. A key given twice in `messages` is inserted once.
   */
  async insertManyIfNew(messages: NewOutboxMessage[]): Promise<Set<string>> {
    if (messages.length === 0) {
      return new Set();
    }
    const { text, values } = this.insertStatement(messages);
    const rows: Array<{ id: string }> = await this.tx.manager.query(text, values);
    return new Set(rows.map((row) => row.id));
  }

  /** The statement of insertManyIfNew (at least one message): it answers the ids inserted. */
  insertStatement(messages: NewOutboxMessage[]): CommitStatement {
    const column = <K extends keyof NewOutboxMessage>(key: K) => messages.map((message) => message[key]);
    return {
      text: `INSERT INTO outbox_message (id, kind, subject_type, subject_id, recipient_user_id, recipient_address, occasion, language,
                                   template, params, message_id, next_attempt_at, created_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::text[],
                            $9::text[], $10::jsonb[], $11::text[], $12::timestamptz[], $13::timestamptz[])
       ON CONFLICT (kind, subject_type, subject_id, recipient_address, occasion) DO NOTHING
       RETURNING id`,
      values: [
        column('id'),
        column('kind'),
        column('subjectType'),
        column('subjectId'),
        column('recipientUserId'),
        column('recipientAddress'),
        column('occasion'),
        column('language'),
        column('template'),
        messages.map((message) => JSON.stringify(message.params)),
        column('messageId'),
        column('nextAttemptAt'),
        column('createdAt'),
      ],
    };
  }

  findById(id: string): Promise<OutboxMessageEntity | null> {
    return this.messages.findOneBy({ id });
  }

  findForSubject(subjectType: string, subjectId: string): Promise<OutboxMessageEntity[]> {
    return this.messages.find({
      where: { subjectType, subjectId },
      order: { createdAt: 'ASC', recipientAddress: 'ASC' },
    });
  }

  /** Reserves a connection of the pool for a worker's hand-offs to SMTP, until released. */
  async reserveHandoff(): Promise<MailHandoffConnection> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    return {
      claim: (id, now, leaseUntil) => claimOn(runner.manager, id, now, leaseUntil),
      markSent: async (id, attempt, at) => {
        const result = await runner.manager.update(
          OutboxMessageEntity,
          { id, state: OutboxState.Sending, attempts: attempt },
          { state: OutboxState.Sent, sentAt: at, leaseUntil: null, lastError: null },
        );
        return (result.affected ?? 0) > 0;
      },
      release: () => runner.release(),
    };
  }

  async markRetry(id: string, attempt: number, error: string, nextAttemptAt: Date): Promise<boolean> {
    const result = await this.messages.update(
      { id, state: OutboxState.Sending, attempts: attempt },
      { state: OutboxState.Pending, leaseUntil: null, lastError: error.slice(0, 2000), nextAttemptAt },
    );
    return (result.affected ?? 0) > 0;
  }

  async markFailed(id: string, attempt: number, error: string): Promise<boolean> {
    const result = await this.messages.update(
      { id, state: OutboxState.Sending, attempts: attempt },
      { state: OutboxState.Failed, leaseUntil: null, lastError: error.slice(0, 2000) },
    );
    return (result.affected ?? 0) > 0;
  }

  /**
   * Messages that need a job by `until`: pending ones at their next attempt, and sending ones at
   * the end of their lease (their worker may have died). Keyset-paginated by id.
   */
  async findRelayable(until: Date, limit: number, afterId?: string): Promise<MailRelayRow[]> {
    const rows: RawRelayRow[] = await this.tx.manager.query(
      `SELECT id, attempts, run_at FROM (
         SELECT id, attempts, next_attempt_at AS run_at FROM outbox_message WHERE state = 'pending' AND next_attempt_at <= $1
         UNION ALL
         SELECT id, attempts, lease_until AS run_at FROM outbox_message WHERE state = 'sending' AND lease_until <= $1
       ) due
       WHERE $3::uuid IS NULL OR id > $3::uuid
       ORDER BY id LIMIT $2`,
      [until, limit, afterId ?? null],
    );
    return rows.map(toRelayRow);
  }

  /** Failed messages, last attempt first: `limit` of them after the keyset (last attempt, id) `after`. */
  findFailed(limit: number, after?: { at: Date; id: string }): Promise<OutboxMessageEntity[]> {
    const attempt = "COALESCE(m.last_attempt_at, 'epoch'::timestamptz)";
    const query = this.messages
      .createQueryBuilder('m')
      .where('m.state = :state', { state: OutboxState.Failed })
      .orderBy(attempt, 'DESC')
      .addOrderBy('m.id', 'DESC')
      .limit(limit);
    if (after) {
      query.andWhere(`(${attempt}, m.id) < (:afterAt, :afterId)`, { afterAt: after.at, afterId: after.id });
    }
    return query.getMany();
  }

  /** Open messages, for metrics and health (counted through partial indexes). */
  /** The e-mails about one subject (a letter, a visit), oldest first: what, to whom, and where each stands. */
  async findAbout(subject: { type: string; id: string }): Promise<MailRecord[]> {
    return this.tx.manager.query(
      `SELECT kind, recipient_address AS "recipientAddress", state, created_at AS "createdAt", sent_at AS "sentAt"
         FROM outbox_message WHERE subject_type = $1 AND subject_id = $2 ORDER BY created_at, recipient_address`,
      [subject.type, subject.id],
    );
  }

  async countOpen(): Promise<{ pending: number; sending: number; failed: number }> {
    const rows: Array<{ pending: string; sending: string; failed: string }> = await this.tx.manager.query(
      `SELECT (SELECT count(*) FROM outbox_message WHERE state = 'pending')::text AS pending,
              (SELECT count(*) FROM outbox_message WHERE state = 'sending')::text AS sending,
              (SELECT count(*) FROM outbox_message WHERE state = 'failed')::text AS failed`,
    );
    return { pending: Number(rows[0].pending), sending: Number(rows[0].sending), failed: Number(rows[0].failed) };
  }
}

async function claimOn(
  manager: EntityManager,
  id: string,
  now: Date,
  leaseUntil: Date,
): Promise<OutboxMessageEntity | null> {
  const rows = updatedRows<{ id: string }>(
    await manager.query(
      `UPDATE outbox_message
          SET state = 'sending', attempts = attempts + 1, lease_until = $3, last_attempt_at = $2
        WHERE id = $1
          AND ((state = 'pending' AND next_attempt_at <= $2) OR (state = 'sending' AND lease_until <= $2))
        RETURNING id`,
      [id, now, leaseUntil],
    ),
  );
  return rows.length > 0 ? manager.findOneBy(OutboxMessageEntity, { id }) : null;
}

/** One e-mail about a subject, as a letter's timeline shows it. */
export interface MailRecord {
  kind: string;
  recipientAddress: string;
  state: string;
  createdAt: Date;
  sentAt: Date | null;
}
