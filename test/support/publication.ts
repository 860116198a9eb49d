import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startOfCalendarDate } from '@spcomms/clock';
import { TransactionHost } from '@spcomms/database';
import { PublicationService } from '@spcomms/publication';
import { TestClock } from '@spcomms/testing';
import { draftBody } from './letters';
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
    .run(async () => sut.app.get(PublicationService).planPublication(letter.id, letter.publicFrom));
}

/** How `publishLetter` takes a letter through: who signs, its replies, and whether it is checked and published. */
export interface PublishedLetterSpec {
  sentAt: string;
  body?: Record<string, unknown>;
  /** DEFENDERS co-signs as well as EXPRESSION. */
  cosign?: boolean;
  replies?: TestReply[];
  /** Record the redaction check (default true). */
  check?: boolean;
  /** Move the clock to public-from and publish (default true; without the check it stays blocked). */
  publish?: boolean;
}

/** The staff who send the letters of `publishLetter`: an assistant of both mandates and their holders. */
export interface LetterSenders {
  assistant: string;
  srExpression: string;
  srDefenders: string;
}

/**
 * Sends a letter through the API (EXPRESSION leads, DEFENDERS co-signs when asked), records its
 * replies, checks its redaction and publishes it at public-from with the real publication service.
 */
export async function publishLetter(
  sut: TestApp,
  clock: TestClock,
  senders: LetterSenders,
  spec: PublishedLetterSpec,
): Promise<SentLetter> {
  clock.set(spec.sentAt);
  const draft = await sut.post('/communications', draftBody({ themes: [], ...spec.body }), {
    token: senders.assistant,
  });
  expect(draft.status).toBe(201);
  if (spec.cosign) {
    await sut.post(
      `/communications/${draft.body.id}/invitations`,
      { mandates: ['DEFENDERS'] },
      { token: senders.assistant },
    );
    await sut.post(
      `/communications/${draft.body.id}/decisions`,
      { version: 1, decision: 'approve' },
      { token: senders.srDefenders },
    );
  }
  await sut.post(
    `/communications/${draft.body.id}/decisions`,
    { version: 1, decision: 'approve' },
    { token: senders.srExpression },
  );
  const sent = await sut.post(`/communications/${draft.body.id}/transmit`, {}, { token: senders.assistant });
  expect(sent.status).toBe(200);
  const letter = sent.body.letters[0] as SentLetter;
  for (const reply of spec.replies ?? []) {
    await insertReply(sut.dataSource(), letter.id, reply, clock.now());
  }
  if (spec.check ?? true) {
    // The assistant deals with every issue the check lists (a source named in the text is withheld by
    // the redaction all the same; the service asks that it be confirmed on purpose).
    const status = await sut.get(`/communications/${letter.id}/publication`, { token: senders.assistant });
    const confirmed = (status.body.redaction.issues as Array<{ key: string }>).map((issue) => issue.key);
    expect(
      (await sut.post(`/communications/${letter.id}/redaction-check`, { confirmed }, { token: senders.assistant }))
        .status,
    ).toBe(201);
  }
  if (spec.publish ?? true) {
    clock.set(startOfCalendarDate(letter.publicFrom, 'Europe/Zurich'));
    await expect(sut.app.get(PublicationService).publishDue(letter.id)).resolves.toBe(
      spec.check === false ? 'blocked' : 'published',
    );
  }
  return letter;
}
