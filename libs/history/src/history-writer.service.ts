import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Actor } from '@spcomms/access';
import { AuditService } from '@spcomms/audit';
import { Clock, startOfCalendarDate } from '@spcomms/clock';
import {
  CommunicationApprovalEntity,
  CommunicationEntity,
  CommunicationMandateEntity,
  CommunicationVersionEntity,
  CommunicationsRepository,
  ReferenceCountersRepository,
  VersionContent,
  contentHash,
  parseReference,
} from '@spcomms/communications';
import { AppConfig } from '@spcomms/config';
import { PublicationService } from '@spcomms/publication';
import { ReferenceService } from '@spcomms/reference';
import { REPLY_CHANNELS, ReplyChannel, ReplyWriter } from '@spcomms/replies';
import { HistoryDocument } from './history-csv';
import { ImportCheck } from './history.mapper';
import { HistoryRepository, LegacySending, chunks } from './history.repository';
import { LetterPlan } from './history-rows';

interface PlannedLetter {
  plan: LetterPlan;
  letter: CommunicationEntity;
  sending: LegacySending;
  version: CommunicationVersionEntity;
  mandates: CommunicationMandateEntity[];
  approvals: CommunicationApprovalEntity[];
}

export interface WrittenImport {
  /** Letter ids by row. */
  letters: Map<number, string>;
  /** Ids of the other recipients registered, by name. */
  otherRecipients: Map<string, string>;
}

/** Replies of the import file arrived by a channel other than the portal; `other` when not given. */
export const IMPORTED_REPLY_CHANNELS: readonly ReplyChannel[] = REPLY_CHANNELS.filter(
  (channel) => channel !== 'portal',
);
const DEFAULT_REPLY_CHANNEL: ReplyChannel = 'other';

/** Writes the letters (and their replies) of a checked import, inside the caller's transaction. */
@Injectable()
export class HistoryWriterService {
  constructor(
    private readonly letters: CommunicationsRepository,
    private readonly counters: ReferenceCountersRepository,
    private readonly repository: HistoryRepository,
    private readonly replies: ReplyWriter,
    private readonly publication: PublicationService,
    private readonly reference: ReferenceService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * Moves each reference counter the file names to at least its highest imported number, so that
   * new letters never reuse one (C7). Taken first, in code and year order: the counter rows stay
   * locked until the import ends, so a transmission or another import cannot take one of these
   * numbers between the check and the writes.
   */
  async raiseReferenceCounters(document: HistoryDocument): Promise<void> {
    const highest = new Map<string, { code: string; year: number; number: number }>();
    for (const row of document.letters.rows) {
      const parsed = parseReference(row.values.reference ?? '');
      if (parsed) {
        const key = `${parsed.code}/${parsed.year}`;
        const current = highest.get(key);
        if (!current || current.number < parsed.number) {
          highest.set(key, { code: parsed.code, year: parsed.year, number: parsed.number });
        }
      }
    }
    const ordered = [...highest.values()].sort((a, b) => a.code.localeCompare(b.code) || a.year - b.year);
    for (const { code, year, number } of ordered) {
      await this.counters.raiseReferenceCounter(code, year, number);
    }
  }

  /**
   * Writes every accepted letter and reply, after registering the other recipients the file gives a
   * kind (as POST /other-recipients does, audited); answers the ids of the letters by row and of the
   * registered recipients by name.
   */
  async write(actor: Actor, importId: string, check: ImportCheck): Promise<WrittenImport> {
    const otherRecipients = new Map<string, string>();
    for (const other of check.otherRecipients?.registered ?? []) {
      otherRecipients.set(
        other.name,
        (await this.reference.createOtherRecipient(actor, { name: other.name, kind: other.kind })).id,
      );
    }
    const now = this.clock.now();
    const userId = actor.kind === 'user' ? actor.userId : null;
    const planned = check.letters.map((plan) =>
      this.legacyLetter(
        {
          ...plan,
          otherRecipientId: plan.otherRecipientId ?? otherRecipients.get(plan.otherRecipient?.name ?? '') ?? null,
        },
        userId,
        now,
      ),
    );
    await this.repository.insertLegacyLetters(
      planned.map(({ letter }) => letter),
      planned.map(({ version }) => version),
    );
    for (const rows of chunks(planned.flatMap(({ mandates }) => mandates))) {
      await this.letters.insertMandates(rows);
    }
    for (const rows of chunks(planned.flatMap(({ approvals }) => approvals))) {
      await this.letters.copyApprovals(rows);
    }
    await this.repository.markLegacyLettersSent(planned.map(({ sending }) => sending));
    // Published like any sent letter (C11): at public-from, once the redaction is checked.
    await this.publication.planPublications(
      planned.map(({ sending }) => ({ communicationId: sending.id, publicFrom: sending.publicFrom })),
    );
    for (const { plan, letter, version } of planned) {
      await this.audit.record(actor, {
        action: 'communication.import',
        subject: { type: 'communication', id: letter.id },
        after: {
          importId,
          row: plan.row,
          reference: plan.reference,
          sentOn: plan.sentOn,
          replyRequestedBy: plan.replyRequestedBy,
          publicFrom: plan.publicFrom,
          leadMandate: plan.lead.code,
          cosigningMandates: plan.cosigners.map((mandate) => mandate.code),
          contentHash: version.contentHash,
        },
      });
    }

    const byReference = new Map(
      planned.map(({ plan, letter, sending }) => [plan.reference, Object.assign(letter, sending, { status: 'sent' })]),
    );
    for (const reply of [...check.replies].sort((a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.row - b.row)) {
      await this.replies.write(
        actor,
        byReference.get(reply.reference) as CommunicationEntity,
        {
          kind: 'record',
          text: reply.text,
          language: reply.language,
          confidential: reply.confidential,
          channel: (reply.channel as ReplyChannel | null) ?? DEFAULT_REPLY_CHANNEL,
          receivedOn: reply.receivedOn,
          correctsReplyId: null,
        },
        [],
      );
    }
    return { letters: new Map(planned.map(({ plan, letter }) => [plan.row, letter.id])), otherRecipients };
  }

  /**
   * The rows of a sent legacy letter: the letter with its reference as given, version 1 with the
   * content, the lead and co-signers on it, each approving version 1 (so `joint` is derived as for
   * any letter).
   */
  private legacyLetter(plan: LetterPlan, userId: string | null, now: Date): PlannedLetter {
    // Only the day of sending is known: the instant is the start of that day in Geneva.
    const sentAt = startOfCalendarDate(plan.sentOn, this.config.rules.timezone);
    const content: VersionContent = {
      type: plan.type,
      language: plan.language,
      recipientCode: plan.recipientCode,
      otherRecipientId: plan.otherRecipientId,
      coRecipientCodes: [],
      subject: plan.subject,
      body: plan.body,
      victims: plan.victims,
      lawOrPolicy: null,
      perpetrators: [],
      themes: [],
      reprisal: false,
      reprisalConsent: null,
    };
    const sending: LegacySending = {
      id: randomUUID(),
      reference: plan.reference,
      refCode: plan.parsed.code,
      refNumber: plan.parsed.number,
      refYear: plan.parsed.year,
      sentAt,
      sentOn: plan.sentOn,
      replyRequestedBy: plan.replyRequestedBy,
      publicFrom: plan.publicFrom,
    };
    // Written as a draft, then sent once its parts exist (see HistoryRepository.markLegacyLettersSent).
    const letter = Object.assign(new CommunicationEntity(), {
      id: sending.id,
      type: plan.type,
      legacyType: plan.legacyType,
      status: 'draft',
      revision: 1,
      leadMandateId: plan.lead.id,
      recipientCode: plan.recipientCode,
      otherRecipientId: plan.otherRecipientId,
      coRecipientCodes: [],
      language: plan.language,
      subject: plan.subject,
      themes: [],
      reprisal: false,
      reprisalConsent: null,
      currentVersion: 1,
      groupId: null,
      reference: null,
      refCode: null,
      refNumber: null,
      refYear: null,
      sentAt: null,
      sentOn: null,
      replyRequestedBy: null,
      publicFrom: null,
      legacy: true,
      internalNotes: '',
      createdBy: userId,
      createdAt: now,
      updatedAt: now,
    });
    const version = Object.assign(new CommunicationVersionEntity(), {
      id: randomUUID(),
      communicationId: letter.id,
      number: 1,
      content,
      contentHash: contentHash(content),
      createdBy: userId,
      createdAt: now,
    });
    const signers = [plan.lead, ...plan.cosigners];
    const mandates = signers.map((mandate, index) =>
      Object.assign(new CommunicationMandateEntity(), {
        communicationId: letter.id,
        mandateId: mandate.id,
        participation: index === 0 ? 'lead' : 'invited',
        invitedAt: sentAt,
        signOnDeadline: null,
        leftAt: null,
      }),
    );
    const approvals = signers.map((mandate) =>
      Object.assign(new CommunicationApprovalEntity(), {
        communicationId: letter.id,
        versionId: version.id,
        mandateId: mandate.id,
        decision: 'approve',
        decidedBy: null,
        decidedAt: sentAt,
        note: 'Signed the historical letter (import)',
      }),
    );
    return { plan, letter, sending, version, mandates, approvals };
  }
}
