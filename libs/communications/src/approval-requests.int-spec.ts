import { Role } from '@spcomms/access';
import { NotificationsRepository } from '@spcomms/notifications';
import { TestContext, createTestContext } from '@spcomms/testing';
import { buildUser, draftInput } from '../test/letter-fixtures';
import { CommunicationsModule } from './communications.module';
import { EditDraftDto } from './communications.dto';
import { CommunicationErrorCode } from './communications.exception';
import { DraftingService } from './drafting.service';
import { SigningService } from './signing.service';

/**
 * C5, C6 through the real services: every holder of the lead mandate is asked to approve a new draft,
 * every holder of every mandate still on it is asked again when an edit voids the approvals, each
 * e-mail opens the holder's decision page, and the e-mails are written in the transaction of the fact
 * (a refused edit queues none).
 */
describe('approval requests to mandate-holders', () => {
  let ctx: TestContext;
  let drafting: DraftingService;
  let signing: SigningService;

  beforeAll(async () => {
    ctx = await createTestContext({ imports: [CommunicationsModule] });
    drafting = ctx.get(DraftingService);
    signing = ctx.get(SigningService);
  });
  afterAll(() => ctx.close());

  const editOf = (revision: number, body: string): EditDraftDto => {
    const { leadMandate: _lead, ...content } = draftInput({ body });
    return { ...content, revision } as EditDraftDto;
  };

  const approvalMails = async (letterId: string) =>
    (await ctx.get(NotificationsRepository).findForSubject('communication', letterId))
      .filter((mail) => mail.kind === 'approval.version')
      .map((mail) => ({ to: mail.recipientUserId, occasion: mail.occasion, link: mail.params['link.en'] }));

  it('asks each holder of the lead mandate, and everyone again after an edit, with the decision page link', async () => {
    const assistant = await buildUser(ctx, { role: Role.Assistant, mandates: ['FOOD'] });
    const first = await buildUser(ctx, { role: Role.MandateHolder, mandates: ['FOOD'] });
    const second = await buildUser(ctx, { role: Role.MandateHolder, mandates: ['FOOD'] });
    const elsewhere = await buildUser(ctx, { role: Role.MandateHolder, mandates: ['WATER'] });

    const draft = await drafting.createDraft(assistant, draftInput({ leadMandate: 'FOOD' }));
    const link = `http://localhost:3000/en/workspace/decisions/${draft.id}`;
    const sortByUser = <T extends { to: string | null }>(rows: T[]) =>
      [...rows].sort((a, b) => String(a.to).localeCompare(String(b.to)));
    expect(sortByUser(await approvalMails(draft.id))).toEqual(
      sortByUser([
        { to: first.userId, occasion: 'v1', link },
        { to: second.userId, occasion: 'v1', link },
      ]),
    );

    await signing.decide(first, draft.id, { version: 1, decision: 'approve' });
    const approved = await drafting.get(assistant, draft.id);
    const edited = await drafting.editDraft(
      assistant,
      draft.id,
      editOf(approved.revision, 'A corrected text of the letter'),
    );
    expect(edited.currentVersion.number).toBe(2);
    expect(edited.mandates.find((mandate) => mandate.code === 'FOOD')?.approvedCurrentVersion).toBe(false);

    const mails = await approvalMails(draft.id);
    expect(sortByUser(mails.filter((mail) => mail.occasion === 'v2'))).toEqual(
      sortByUser([
        { to: first.userId, occasion: 'v2', link },
        { to: second.userId, occasion: 'v2', link },
      ]),
    );
    expect(mails.some((mail) => mail.to === elsewhere.userId)).toBe(false);

    // An edit refused (a stale revision) rolls back with its e-mails: no version 3 is asked for.
    await expect(
      drafting.editDraft(assistant, draft.id, editOf(approved.revision, 'A text nobody will approve')),
    ).rejects.toMatchObject({ code: CommunicationErrorCode.StaleRevision });
    expect((await approvalMails(draft.id)).filter((mail) => mail.occasion === 'v3')).toEqual([]);
  });
});
