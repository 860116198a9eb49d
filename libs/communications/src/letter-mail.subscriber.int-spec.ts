import { Role } from '@spcomms/access';
import { TransactionHost } from '@spcomms/database';
import {
  CosignersInvited,
  DeadlineExtended,
  LetterEdited,
  LetterSent,
  ReplyRecorded,
  ReplyFacts,
  SentLetterFacts,
} from '@spcomms/domain-events';
import { NotificationsRepository } from '@spcomms/notifications';
import { TestContext, createTestContext } from '@spcomms/testing';
import { MandateStaff, buildMandateStaff, buildUser, draftInput, sentLetterFactsFor } from '../test/letter-fixtures';
import { CommunicationsModule } from './communications.module';
import { LetterMailSubscriber } from './letter-mail.subscriber';
import { toVersionContent } from './letter-content';
import { referenceSlug } from './reference-number';

/** The letter e-mails as a subscriber on its own: each event handled directly, the outbox read back. */
describe('LetterMailSubscriber', () => {
  let ctx: TestContext;
  let sut: LetterMailSubscriber;
  let tx: TransactionHost;
  let staff: MandateStaff;

  beforeAll(async () => {
    ctx = await createTestContext({ imports: [CommunicationsModule] });
    sut = ctx.get(LetterMailSubscriber);
    tx = ctx.get(TransactionHost);
    staff = await buildMandateStaff(ctx, 'HOUSING');
  });
  afterAll(() => ctx.close());

  const outbox = async (letterId: string) =>
    (await ctx.get(NotificationsRepository).findForSubject('communication', letterId)).map((mail) => ({
      kind: mail.kind,
      to: mail.recipientUserId,
      occasion: mail.occasion,
      params: mail.params,
    }));
  const letterTo = (recipientCode: string): SentLetterFacts =>
    sentLetterFactsFor({
      recipientCode,
      leadMandateId: staff.assistant.mandateIds[0],
      mandateIds: [staff.assistant.mandateIds[0]],
    });
  const replyTo = (letter: SentLetterFacts, channel: string): ReplyFacts => ({
    id: '7f1d1f8e-0000-4000-8000-000000000001',
    communicationId: letter.id,
    number: 1,
    receiptCode: 'R-0123456789AB',
    receivedOn: '2026-03-10',
    language: 'en',
    text: 'The content of the reply',
    confidential: false,
    channel,
    correctsNumber: null,
  });

  it('tells the focal points of the State that a letter was sent, with its reference and link', async () => {
    const focalPoint = await buildUser(ctx, { role: Role.Government, stateCode: 'KEN' });
    await buildUser(ctx, { role: Role.Government, stateCode: 'KEN', disabled: true });
    await buildUser(ctx, { role: Role.Government, stateCode: 'UGA' });
    const letter = letterTo('KEN');

    expect(await tx.run(() => sut.letterSent(new LetterSent(letter, null, [])))).toBe(1);

    expect(await outbox(letter.id)).toEqual([
      {
        kind: 'letter.transmitted',
        to: focalPoint.userId,
        occasion: 'sent',
        params: expect.objectContaining({
          reference: letter.reference,
          replyDueOn: letter.replyRequestedBy,
          sentOn: letter.sentOn,
          'link.fr': `http://localhost:3000/fr/portal/letters/${referenceSlug(letter.reference as string)}`,
        }),
      },
    ]);
  });

  it('writes to nobody for a letter to a company or organisation', async () => {
    const letter = { ...letterTo('OTH'), otherRecipientId: '00000000-0000-4000-8000-000000000009' };
    expect(await tx.run(() => sut.letterSent(new LetterSent(letter, null, [])))).toBe(0);
    expect(await outbox(letter.id)).toEqual([]);
  });

  it('sends a receipt for a reply, and tells the assistants of one submitted on the portal, without its content', async () => {
    const focalPoint = await buildUser(ctx, { role: Role.Government, stateCode: 'TZA' });
    const portal = letterTo('TZA');
    const byMail = letterTo('TZA');

    await tx.run(() => sut.replyRecorded(new ReplyRecorded(portal, replyTo(portal, 'portal'), [])));
    await tx.run(() => sut.replyRecorded(new ReplyRecorded(byMail, replyTo(byMail, 'email'), [])));

    const portalMails = (await outbox(portal.id)).sort((a, b) => a.kind.localeCompare(b.kind));
    expect(portalMails.map((mail) => [mail.kind, mail.to])).toEqual([
      ['reply.receipt', focalPoint.userId],
      ['reply.received', staff.assistant.userId],
    ]);
    expect(portalMails[0].params).toMatchObject({ receiptCode: 'R-0123456789AB', receivedOn: '2026-03-10' });
    expect(JSON.stringify(portalMails)).not.toContain('The content of the reply');
    expect((await outbox(byMail.id)).map((mail) => mail.kind)).toEqual(['reply.receipt']);
  });

  it('tells the focal points of a new reply date', async () => {
    const focalPoint = await buildUser(ctx, { role: Role.Government, stateCode: 'RWA' });
    const letter = { ...letterTo('RWA'), replyRequestedBy: '2026-07-01' };

    await tx.run(() => sut.deadlineExtended(new DeadlineExtended(letter, '2026-05-01', 'More time')));

    expect(await outbox(letter.id)).toEqual([
      {
        kind: 'letter.deadline_extended',
        to: focalPoint.userId,
        occasion: '2026-07-01',
        params: expect.objectContaining({ replyDueOn: '2026-07-01', previousReplyDueOn: '2026-05-01' }),
      },
    ]);
  });

  it('asks the holders of each mandate to approve a new version, and invited co-signers to sign on', async () => {
    const cosigners = await buildMandateStaff(ctx, 'WGAD');
    const letter = {
      ...letterTo('IRN'),
      reference: null,
      currentVersion: 2,
      mandateIds: [staff.assistant.mandateIds[0], cosigners.holder.mandateIds[0]],
    };
    const content = toVersionContent(draftInput(), 'OTH');

    await tx.run(() => sut.letterEdited(new LetterEdited(letter, content, letter.mandateIds)));
    await tx.run(() =>
      sut.cosignersInvited(
        new CosignersInvited(letter, [cosigners.holder.mandateIds[0]], new Date('2026-03-04T09:00:00Z')),
      ),
    );

    const sorted = (rows: Array<Array<string | null>>) => rows.map((row) => row.join(' ')).sort();
    expect(sorted((await outbox(letter.id)).map((mail) => [mail.kind, mail.to, mail.occasion]))).toEqual(
      sorted([
        ['approval.version', staff.holder.userId, 'v2'],
        ['approval.version', cosigners.holder.userId, 'v2'],
        ['approval.requested', cosigners.holder.userId, '2026-03-04T09:00:00.000Z'],
      ]),
    );
  });
});
