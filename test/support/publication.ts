import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TransactionHost } from '@spcomms/database';
import { PublicationService } from '@spcomms/publication';
import { TestApp } from './test-app';

export interface SentLetter {
  id: string;
  reference: string;
  sentOn: string;
  publicFrom: string;
}

export interface TestReply {
  number: number;
  receivedOn: string;
  language?: string;
  text?: string | null;
  confidential?: boolean;
  attachments?: Array<{ fileName: string; sha256?: string; size?: number }>;
}

/**
 * Records a reply as the replies lib stores it (rows of `reply` and `reply_attachment`), so that the
 * publication tests do not depend on how replies are submitted.
 */
export async function insertReply(
  db: DataSource,
  communicationId: string,
  reply: TestReply,
  now: Date,
): Promise<string> {
  const [row] = await db.query(
    `INSERT INTO reply (communication_id, number, receipt_code, received_on, language, text, confidential, channel, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'note_verbale', $8) RETURNING id`,
    [
      communicationId,
      reply.number,
      `R-${randomBytes(6).toString('hex').toUpperCase()}`,
      reply.receivedOn,
      reply.language ?? 'en',
      reply.text === undefined ? 'The Government rejects the allegations.' : reply.text,
      reply.confidential ?? false,
      now,
    ],
  );
  for (const [index, attachment] of (reply.attachments ?? []).entries()) {
    const sha256 = attachment.sha256 ?? randomBytes(32).toString('hex');
    await db.query(
      `INSERT INTO reply_attachment (reply_id, position, file_name, media_type, size, sha256, storage_key)
       VALUES ($1, $2, $3, 'application/pdf', $4, $5, $6)`,
      [row.id, index + 1, attachment.fileName, attachment.size ?? 1234, sha256, sha256],
    );
  }
  return row.id as string;
}

/** Plans the publication of a sent letter, as the sending transaction does (planning twice is harmless). */
export async function planPublication(sut: TestApp, letter: SentLetter): Promise<void> {
  await sut.app
    .get(TransactionHost)
    .run(() => sut.app.get(PublicationService).planPublication(letter.id, letter.publicFrom));
}
