import { randomBytes, randomUUID } from 'node:crypto';
import { Role, UserActor } from '@spcomms/access';
import { AccountsRepository, PreferredLanguage, UserEntity } from '@spcomms/accounts';
import { TransactionHost } from '@spcomms/database';
import { SentLetterFacts } from '@spcomms/domain-events';
import { ReferenceRepository } from '@spcomms/reference';
import { TestContext } from '@spcomms/testing';
import { CreateDraftDto } from '../src/communications.dto';
import { DraftingService } from '../src/drafting.service';
import { SigningService } from '../src/signing.service';
import { TransmissionService } from '../src/transmission.service';
import { TransmissionDto } from '../src/communication-response.dto';

/** A user of the given role, persisted through the accounts repository, and the actor that speaks for them. */
export async function buildUser(
  ctx: TestContext,
  input: { role: Role; mandates?: string[]; stateCode?: string; language?: PreferredLanguage; disabled?: boolean },
): Promise<UserActor & { user: UserEntity }> {
  const accounts = ctx.get(AccountsRepository);
  const reference = ctx.get(ReferenceRepository);
  const username = `${input.role}-${randomBytes(4).toString('hex')}`;
  return ctx.get(TransactionHost).run(async () => {
    const mandateIds: string[] = [];
    for (const code of input.mandates ?? []) {
      mandateIds.push((await reference.findMandateByCode(code))!.id);
    }
    const user = await accounts.saveUser(
      Object.assign(new UserEntity(), {
        username,
        displayName: username,
        email: `${username}@test.local`,
        role: input.role,
        stateCode: input.role === Role.Government ? (input.stateCode ?? 'IRN') : null,
        language: input.language ?? 'en',
        passwordHash: '!',
        disabledAt: input.disabled ? ctx.clock.now() : null,
      }),
    );
    await accounts.replaceUserMandates(user.id, mandateIds);
    return {
      kind: 'user' as const,
      userId: user.id,
      sessionId: 'test-session',
      username,
      role: input.role,
      mandateIds,
      stateCode: user.stateCode,
      user,
    };
  });
}

/** A well-formed draft; tests override what they exercise. */
export function draftInput(overrides: Partial<CreateDraftDto> = {}): CreateDraftDto {
  return {
    type: 'UA',
    language: 'en',
    leadMandate: 'EXPRESSION',
    recipientStateCode: 'IRN',
    subject: 'Imminent execution of a journalist',
    body: 'We have received information concerning the death sentence imposed on a journalist …',
    victims: [
      { name: 'Reza Example', gender: 'male', ageGroup: 'adult', nameConfidential: false },
      { name: 'Maryam Example', gender: 'female', ageGroup: 'adult', nameConfidential: true },
    ],
    perpetrators: [{ name: 'Revolutionary Court of Tehran', kind: 'state' }],
    themes: ['death penalty'],
    ...overrides,
  } as CreateDraftDto;
}

/** The staff of one mandate: an assistant who drafts and sends, a holder who approves. */
export interface MandateStaff {
  mandate: string;
  assistant: UserActor;
  holder: UserActor;
}

export async function buildMandateStaff(ctx: TestContext, mandate = 'EXPRESSION'): Promise<MandateStaff> {
  return {
    mandate,
    assistant: await buildUser(ctx, { role: Role.Assistant, mandates: [mandate] }),
    holder: await buildUser(ctx, { role: Role.MandateHolder, mandates: [mandate] }),
  };
}

/** A draft written and approved by the lead mandate, ready to send; answers its id. */
export async function buildApprovedDraft(
  ctx: TestContext,
  staff: MandateStaff,
  overrides: Partial<CreateDraftDto> = {},
): Promise<string> {
  const draft = await ctx
    .get(DraftingService)
    .createDraft(staff.assistant, draftInput({ leadMandate: staff.mandate, ...overrides }));
  await ctx.get(SigningService).decide(staff.holder, draft.id, { version: 1, decision: 'approve' });
  return draft.id;
}

/** A draft written, approved and sent through the real services. */
export async function buildSentLetter(
  ctx: TestContext,
  staff: MandateStaff,
  overrides: Partial<CreateDraftDto> = {},
): Promise<TransmissionDto> {
  const id = await buildApprovedDraft(ctx, staff, overrides);
  return ctx.get(TransmissionService).transmit(staff.assistant, id);
}

/** The facts of a sent letter as an event carries them, for testing a subscriber on its own. */
export function sentLetterFactsFor(overrides: Partial<SentLetterFacts> = {}): SentLetterFacts {
  const leadMandateId = overrides.leadMandateId ?? randomUUID();
  return {
    id: randomUUID(),
    type: 'UA',
    reference: `UA IRN ${Math.floor(Math.random() * 1e6)}/2026`,
    subject: 'Imminent execution of a journalist',
    recipientCode: 'IRN',
    otherRecipientId: null,
    leadMandateId,
    mandateIds: [leadMandateId],
    currentVersion: 1,
    sentOn: '2026-03-02',
    replyRequestedBy: '2026-05-01',
    publicFrom: '2026-05-01',
    ...overrides,
  };
}
