import { randomUUID } from 'node:crypto';
import { CommunicationsModule } from '@spcomms/communications';
import { TransactionHost } from '@spcomms/database';
import { DeadlineExtended, LetterSent, ReplyFacts, ReplyRecorded, SentLetterFacts } from '@spcomms/domain-events';
import { NotificationsRepository } from '@spcomms/notifications';
import { SchedulesService } from '@spcomms/schedules';
import { TestContext, createTestContext } from '@spcomms/testing';
import {
  MandateStaff,
  buildMandateStaff,
  buildSentLetter,
  sentLetterFactsFor,
} from '../../communications/test/letter-fixtures';
import { PublicationModule } from './publication.module';
import { PublicationService } from './publication.service';
import { PublicationSubscriber } from './publication.subscriber';
import { PublishedRepository } from './published.repository';

/**
 * Publication below HTTP: the subscriber handles each event on its own; the letters it publishes are
 * sent through the real communications services.
 */
describe('PublicationSubscriber and the publication of sent letters', () => {
  let ctx: TestContext;
  let sut: PublicationSubscriber;
  let publication: PublicationService;
  let tx: TransactionHost;
  let staff: MandateStaff;

  beforeAll(async () => {
    ctx = await createTestContext({ imports: [CommunicationsModule, PublicationModule] });
    sut = ctx.get(PublicationSubscriber);
    publication = ctx.get(PublicationService);
    tx = ctx.get(TransactionHost);
    staff = await buildMandateStaff(ctx, 'CULTURE');
  });
  afterAll(() => ctx.close());
  beforeEach(() => ctx.clock.set('2026-03-02T09:00:00Z'));

  /** A letter sent now and published 60 days later, once its redaction was checked. */
  const publishedLetter = async (): Promise<SentLetterFacts & { id: string }> => {
    const sent = (await buildSentLetter(ctx, staff, { recipientStateCode: 'KEN' })).letters[0];
    ctx.clock.set(`${sent.publicFrom}T10:00:00Z`);
    const status = await publication.recordRedactionCheck(staff.assistant, sent.id, {});
    expect(status.status).toBe('published');
    return sentLetterFactsFor({
      id: sent.id,
      reference: sent.reference,
      recipientCode: 'KEN',
      sentOn: sent.sentOn,
      replyRequestedBy: sent.replyRequestedBy,
      publicFrom: sent.publicFrom,
    });
  };
  const replyFor = (letterId: string, overrides: Partial<ReplyFacts> = {}): ReplyFacts => ({
    id: randomUUID(),
    communicationId: letterId,
    number: 1,
    receiptCode: 'R-0123456789AB',
    receivedOn: '2026-05-02',
    language: 'en',
    text: 'Maryam Example was released on bail.',
    confidential: false,
    channel: 'portal',
    correctsNumber: null,
    ...overrides,
  });
  const publishedReplies = (letterId: string) =>
    ctx.dataSource.query(
      'SELECT id, number, text, confidential, language FROM published_reply WHERE communication_id = $1 ORDER BY number',
      [letterId],
    );

  it('plans the publication at the start of public-from in Geneva, and the notice before it', async () => {
    const letter = sentLetterFactsFor({ publicFrom: '2026-05-01' });
    await tx.run(() => sut.letterSent(new LetterSent(letter, null, [])));
    const rows = await ctx.get(SchedulesService).listForSubject({ type: 'communication', id: letter.id });
    expect(rows.map((row) => [row.kind, row.dueAt])).toEqual([
      ['communication.publication_notice', '2026-04-24T06:00:00.000Z'],
      ['communication.publish', '2026-04-30T22:00:00.000Z'],
    ]);
  });

  it('publishes a reply to a public letter from the facts the event carries, redacted', async () => {
    const letter = await publishedLetter();
    const reply = replyFor(letter.id);
    const attachment = {
      id: randomUUID(),
      replyId: reply.id,
      position: 1,
      fileName: 'Annex on Maryam Example.pdf',
      mediaType: 'application/pdf',
      size: '1234',
      sha256: 'a'.repeat(64),
      storageKey: `objects/aa/aa/${'a'.repeat(64)}`,
    };

    // The reply exists only in the event: nothing is read back by id.
    await tx.run(() => sut.replyRecorded(new ReplyRecorded(letter, reply, [attachment])));

    const [row] = await publishedReplies(letter.id);
    expect(row).toMatchObject({ id: reply.id, number: 1, confidential: false, language: 'en' });
    expect(row.text).toContain('was released on bail');
    expect(row.text).not.toContain('Maryam Example');
    const [file] = await ctx.dataSource.query('SELECT file_name FROM published_attachment WHERE reply_id = $1', [
      reply.id,
    ]);
    expect(file.file_name).toMatch(/^Annex on .+\.pdf$/);
    expect(file.file_name).not.toContain('Maryam Example');
    await expect(tx.run(() => publication.publishRecordedReply(reply, [attachment]))).resolves.toBe(
      'already_published',
    );
  });

  it('publishes a confidential reply as a placeholder without its text', async () => {
    const letter = await publishedLetter();
    const reply = replyFor(letter.id, { confidential: true, text: 'Confidential answer' });
    await tx.run(() => sut.replyRecorded(new ReplyRecorded(letter, reply, [])));
    expect(await publishedReplies(letter.id)).toEqual([
      { id: reply.id, number: 1, text: null, confidential: true, language: null },
    ]);
  });

  it('leaves a reply to a letter not yet public for the publication of the letter', async () => {
    const sent = (await buildSentLetter(ctx, staff, { recipientStateCode: 'UGA' })).letters[0];
    const letter = sentLetterFactsFor({ id: sent.id });
    await tx.run(() => sut.replyRecorded(new ReplyRecorded(letter, replyFor(sent.id), [])));
    expect(await publishedReplies(sent.id)).toEqual([]);
  });

  it('shows a new reply date on the public record of a published letter', async () => {
    const letter = await publishedLetter();
    await tx.run(() =>
      sut.deadlineExtended(
        new DeadlineExtended({ ...letter, replyRequestedBy: '2026-08-31' }, letter.replyRequestedBy, 'More time'),
      ),
    );
    expect((await ctx.get(PublishedRepository).findLetter(letter.id))?.replyRequestedBy).toBe('2026-08-31');
  });

  it('blocks a letter whose redaction nobody checked, and asks its assistants', async () => {
    const sent = (await buildSentLetter(ctx, staff, { recipientStateCode: 'TZA' })).letters[0];
    // Sending through the communications services reached this subscriber: the publication is planned.
    const planned = await ctx.get(SchedulesService).listForSubject({ type: 'communication', id: sent.id });
    expect(planned.filter((row) => row.kind === 'communication.publish')).toHaveLength(1);
    ctx.clock.set(`${sent.publicFrom}T10:00:00Z`);
    await expect(publication.publishDue(sent.id)).resolves.toBe('blocked');
    const mails = await ctx.get(NotificationsRepository).findForSubject('communication', sent.id);
    expect(
      mails.filter((mail) => mail.kind === 'publication.redaction_check_missing').map((m) => m.recipientUserId),
    ).toEqual([staff.assistant.userId]);
  });
});
