import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { contentDigest } from '../libs/audit/src/audit-hash';
import { subjectChainAppend } from '../libs/audit/src/subject-chain-append';

export const BARE_QUEUE = 'bench-bare';
/** The engine's concurrency for the schedules queue (worker-host.service.ts), used for the bare worker too. */
export const CONCURRENCY = 16;
/** Government users (focal points) per State: each reminder is e-mailed to every one of them. */
export const FOCAL_POINTS = 2;

interface LetterRow {
  id: string;
  status: string;
  reference: string;
  recipient_code: string;
  other_recipient_id: string | null;
  reply_requested_by: string;
}

/**
 * The bare worker's job: the product's letter reminder as plain SQL through `pg`, one transaction
 * per job, as a BullMQ worker without the engine would write it. Take the row (the same UPDATE as the
 * engine's), read the letter, the State's name and its focal points, write one outbox row per focal
 * point, append the audit event to the letter's chain with the product's statement, commit.
 */
export async function runBareReminder(pool: Pool, scheduleId: string, publicBaseUrl: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const now = new Date(Date.now());
    const taken = await client.query<{ id: string; kind: string; subject_id: string }>(
      `UPDATE schedule SET state = 'done', done_at = $2, retry_at = NULL
        WHERE id = $1 AND state = 'pending' AND GREATEST(due_at, COALESCE(retry_at, due_at)) <= $2
        RETURNING id, kind, subject_id`,
      [scheduleId, now],
    );
    const row = taken.rows[0];
    const letter = row
      ? (
          await client.query<LetterRow>(
            `SELECT id, status, reference, recipient_code, other_recipient_id, reply_requested_by::text AS reply_requested_by FROM communication WHERE id = $1`,
            [row.subject_id],
          )
        ).rows[0]
      : undefined;
    if (!row || !letter || letter.status !== 'sent' || letter.other_recipient_id) {
      await client.query('COMMIT');
      return;
    }
    const state = (
      await client.query<{ phrases: Record<string, { to: string }> }>(`SELECT phrases FROM state WHERE code = $1`, [
        letter.recipient_code,
      ])
    ).rows[0];
    const users = (
      await client.query<{ id: string; email: string; language: string }>(
        `SELECT id, email, language FROM app_user WHERE role = 'government' AND state_code = $1 AND disabled_at IS NULL ORDER BY username`,
        [letter.recipient_code],
      )
    ).rows;
    const params = {
      reference: letter.reference,
      ...Object.fromEntries(
        ['en', 'fr', 'es'].map((language) => [
          `recipientTo.${language}`,
          state?.phrases?.[language]?.to ?? letter.recipient_code,
        ]),
      ),
      replyDueOn: letter.reply_requested_by,
      link: `${publicBaseUrl.replace(/\/$/, '')}/portal/communications/${letter.id}`,
      daysOverdue: '0',
    };
    const template =
      { 'letter.reminder.before': 'letter.reminder_before', 'letter.reminder.due': 'letter.reminder_due' }[row.kind] ??
      'letter.reminder_after';
    let emails = 0;
    for (const user of users) {
      const id = randomUUID();
      const inserted = await client.query(
        `INSERT INTO outbox_message (id, kind, subject_type, subject_id, recipient_user_id, recipient_address, occasion, language,
                                     template, params, message_id, next_attempt_at, created_at)
         VALUES ($1, $2, 'communication', $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $11)
         ON CONFLICT (kind, subject_type, subject_id, recipient_address, occasion) DO NOTHING
         RETURNING id`,
        [
          id,
          row.kind,
          letter.id,
          user.id,
          user.email,
          row.id,
          user.language,
          template,
          JSON.stringify(params),
          `<outbox.${id}@spcomms.local>`,
          now,
        ],
      );
      emails += inserted.rowCount ?? 0;
    }
    const event = {
      occurredAt: now,
      actorType: 'system',
      actorId: null,
      actorLabel: 'reminders',
      action: 'communication.reminder',
      subjectType: 'communication',
      subjectId: letter.id,
      before: null,
      after: { kind: row.kind, scheduleId: row.id, replyRequestedBy: letter.reply_requested_by, emails },
    };
    const append = subjectChainAppend([{ ...event, content: contentDigest(event) }]);
    await client.query(append.sql, append.parameters);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
