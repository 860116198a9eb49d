import { Injectable } from '@nestjs/common';
import { Actor } from '@spcomms/access';
import { AuditService } from '@spcomms/audit';
import { Clock, addCalendarDays, calendarDateIn, calendarYearIn } from '@spcomms/clock';
import { AppConfig } from '@spcomms/config';
import { TransactionHost } from '@spcomms/database';
import { DomainEventBus, LetterSent } from '@spcomms/domain-events';
import { RecipientsService } from '@spcomms/notifications';
import { ReferenceRepository } from '@spcomms/reference';
import { CommunicationApprovalEntity } from './communication-approval.entity';
import { CommunicationMandateEntity } from './communication-mandate.entity';
import { CommunicationVersionEntity } from './communication-version.entity';
import { CommunicationEntity } from './communication.entity';
import { CommunicationAccess } from './communication-access';
import {
  TransmissionDto,
  TransmissionPreviewDto,
  TransmittedLetterDto,
  UnreachableRecipientDto,
} from './communication-response.dto';
import { CommunicationErrorCode, CommunicationException } from './communications.exception';
import { approvingMandateIds } from './communications.mapper';
import { CommunicationsRepository } from './communications.repository';
import { ReferenceCountersRepository } from './reference-counters.repository';
import { contentHash } from './letter-content';
import { formatReference } from './reference-number';
import { sentLetterFacts } from './letter-facts';
import { LetterDetailsService } from './letter-details.service';

export interface LetterDates {
  sentOn: string;
  year: number;
  replyRequestedBy: string;
  publicFrom: string;
}

/** Sending: checks approvals (C5, C6), numbers each letter (C7) and sets its dates (C9, C11). */
@Injectable()
export class TransmissionService {
  constructor(
    private readonly repository: CommunicationsRepository,
    private readonly counters: ReferenceCountersRepository,
    private readonly reference: ReferenceRepository,
    private readonly access: CommunicationAccess,
    private readonly recipients: RecipientsService,
    private readonly details: LetterDetailsService,
    private readonly bus: DomainEventBus,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** The dates of a letter sent at `sentAt`, in the Geneva calendar. */
  datesFor(type: string, sentAt: Date, publishAtOnce: boolean): LetterDates {
    const { timezone, replyDays, publicationDays } = this.config.rules;
    const sentOn = calendarDateIn(sentAt, timezone);
    return {
      sentOn,
      year: calendarYearIn(sentAt, timezone),
      replyRequestedBy: addCalendarDays(sentOn, replyDays[type as 'UA' | 'AL' | 'OL'] ?? replyDays.AL),
      publicFrom: publishAtOnce ? sentOn : addCalendarDays(sentOn, publicationDays),
    };
  }

  /**
   * What sending the draft now would give: each recipient's reference (the next number of its counter,
   * not taken), the dates, and the mandates whose approval of the current version is missing. Another
   * letter sent in between takes a number first: the confirmation shows what is known now.
   */
  preview(actor: Actor, id: string): Promise<TransmissionPreviewDto> {
    return this.tx.run(() => this.previewInTransaction(actor, id));
  }

  private async previewInTransaction(actor: Actor, id: string): Promise<TransmissionPreviewDto> {
    const letter = await this.access.loadForLeadAssistant(actor, id);
    if (letter.status !== 'draft') {
      throw new CommunicationException(
        CommunicationErrorCode.NotDraft,
        `Letter ${letter.reference ?? id} was already sent`,
      );
    }
    const version = await this.repository.findVersion(letter.id, letter.currentVersion);
    const mandates = await this.repository.findMandatesOf(letter.id);
    const approvals = await this.repository.findApprovalsOf(letter.id);
    const approving = approvingMandateIds(approvals, version!.id);
    const missing = mandates.filter(
      (row) => (row.participation === 'lead' || row.participation === 'invited') && !approving.has(row.mandateId),
    );
    const missingCodes = (await this.reference.findMandates(missing.map((row) => row.mandateId)))
      .map((mandate) => mandate.code)
      .sort();
    const lead = await this.reference.findMandate(letter.leadMandateId);
    const dates = this.datesFor(
      letter.type,
      this.clock.now(),
      letter.type === 'OL' && (lead?.publishLegislationAtOnce ?? false),
    );
    const content = version!.content;
    const codes = [content.recipientCode, ...content.coRecipientCodes];
    const states = new Map((await this.reference.findStates(codes)).map((state) => [state.code, state.name]));
    const letters = [];
    for (const code of codes) {
      const number = await this.counters.peekReferenceNumber(code, dates.year);
      letters.push({
        recipientCode: code,
        recipientName:
          code === content.recipientCode && letter.otherRecipientId
            ? await this.details.recipientName(letter)
            : (states.get(code) ?? code),
        reference: formatReference(letter.type, code, number, dates.year),
      });
    }
    return {
      letters,
      sentOn: dates.sentOn,
      replyRequestedBy: dates.replyRequestedBy,
      publicFrom: dates.publicFrom,
      version: letter.currentVersion,
      missingApprovals: missingCodes,
    };
  }

  transmit(actor: Actor, id: string): Promise<TransmissionDto> {
    return this.tx.run(async () => {
      const letter = await this.access.loadForLeadAssistant(actor, id);
      if (letter.status !== 'draft') {
        throw new CommunicationException(
          CommunicationErrorCode.NotDraft,
          `Letter ${letter.reference ?? id} was already sent`,
        );
      }
      // With the letter's row locked, the rest is read in one go: the pool's connections pipeline, so
      // the server answers the four reads back to back. The focal points of the letter's States (its
      // row names those of its current version) are read with them; focalPointsOf answers them again
      // below without a second read.
      const [version, mandates, approvals] = await Promise.all([
        this.repository.findVersion(letter.id, letter.currentVersion),
        this.repository.findMandatesOf(letter.id),
        this.repository.findApprovalsOf(letter.id),
        this.recipients.focalPointsOf([letter.recipientCode, ...letter.coRecipientCodes]),
      ]);
      const onLetter = mandates.filter((row) => row.participation === 'lead' || row.participation === 'invited');
      const invited = mandates.filter((row) => row.participation !== 'lead').map((row) => row.mandateId);
      const approving = approvingMandateIds(approvals, version!.id);
      const missing = onLetter.filter((row) => !approving.has(row.mandateId));
      if (missing.length > 0) {
        const codes = (await this.reference.findMandates(missing.map((row) => row.mandateId)))
          .map((m) => m.code)
          .sort();
        throw new CommunicationException(
          CommunicationErrorCode.MissingApprovals,
          `Version ${letter.currentVersion} still lacks the approval of: ${codes.join(', ')} (C5)`,
          { missing: codes, version: letter.currentVersion },
        );
      }

      const sentAt = this.clock.now();
      const publishAtOnce =
        letter.type === 'OL' &&
        ((await this.reference.findMandate(letter.leadMandateId))?.publishLegislationAtOnce ?? false);
      const dates = this.datesFor(letter.type, sentAt, publishAtOnce);
      const content = version!.content;
      const recipients = [content.recipientCode, ...content.coRecipientCodes];
      const groupId = recipients.length > 1 ? letter.id : null;

      // One letter per State; numbers are taken in code order so that groups cannot deadlock each other.
      const letters: Array<{ letter: CommunicationEntity; code: string }> = [{ letter, code: content.recipientCode }];
      for (const code of content.coRecipientCodes) {
        letters.push({ letter: await this.cloneForState(letter, version!, onLetter, approvals, code, sentAt), code });
      }
      letters.sort((a, b) => a.code.localeCompare(b.code));
      // Who the e-mails reach is known before the first number is taken: a counter's lock, which queues
      // the senders to the same recipient, is then held for the writes only.
      const focalPoints = await this.recipients.focalPointsOf(recipients);
      const emailsTo = (entry: { letter: CommunicationEntity; code: string }) =>
        entry.letter.otherRecipientId ? 0 : (focalPoints.get(entry.code) ?? []).length;
      const unreachable = new Map<string, Omit<UnreachableRecipientDto, 'reference'>>();
      for (const entry of letters.filter((candidate) => emailsTo(candidate) === 0)) {
        unreachable.set(entry.letter.id, {
          id: entry.letter.id,
          recipientCode: entry.code,
          recipientName: await this.details.recipientName(entry.letter),
          reason: entry.letter.otherRecipientId ? 'non_state_recipient' : 'no_focal_point',
        });
      }

      const sent: Array<TransmittedLetterDto & { sentLetter: CommunicationEntity }> = [];
      for (const entry of letters) {
        const unreachableLetter = unreachable.has(entry.letter.id);
        const { number, reference } = await this.counters.sendUnderNextNumber(entry.letter.id, {
          type: letter.type,
          code: entry.code,
          year: dates.year,
          groupId,
          sentAt,
          sentOn: dates.sentOn,
          replyRequestedBy: dates.replyRequestedBy,
          publicFrom: dates.publicFrom,
          unreachable: unreachableLetter,
        });
        const changes: Partial<CommunicationEntity> = {
          status: 'sent',
          groupId,
          reference,
          refCode: entry.code,
          refNumber: number,
          refYear: dates.year,
          sentAt,
          sentOn: dates.sentOn,
          replyRequestedBy: dates.replyRequestedBy,
          publicFrom: dates.publicFrom,
          coRecipientCodes: [],
          updatedAt: sentAt,
          revision: entry.letter.revision + 1,
          ...(unreachableLetter ? { recipientUnreachable: true } : {}),
        };
        sent.push({
          id: entry.letter.id,
          reference,
          recipientCode: entry.code,
          sentOn: dates.sentOn,
          replyRequestedBy: dates.replyRequestedBy,
          publicFrom: dates.publicFrom,
          sentLetter: Object.assign(entry.letter, changes),
        });
      }
      sent.sort((a, b) =>
        a.id === letter.id ? -1 : b.id === letter.id ? 1 : a.recipientCode.localeCompare(b.recipientCode),
      );
      // What follows the sending of each letter (its deadlines, its publication, the e-mails to the
      // State) is done by the subscribers of LetterSent, in this transaction.
      const unreachableRecipients: UnreachableRecipientDto[] = [];
      const transmitted: TransmittedLetterDto[] = [];
      for (const { sentLetter, ...entry } of sent) {
        // The invitations to co-sign belong to the draft, the first letter; its copies have none.
        const cosigners = entry.id === letter.id ? invited : [];
        await this.bus.publish(new LetterSent(sentLetterFacts(sentLetter, onLetter), groupId, cosigners));
        const notReached = unreachable.get(entry.id);
        if (notReached) {
          unreachableRecipients.push({ ...notReached, reference: entry.reference });
        }
        await this.audit.record(actor, {
          action: 'communication.transmit',
          subject: { type: 'communication', id: entry.id },
          after: {
            ...entry,
            version: letter.currentVersion,
            groupId,
            emails: emailsTo({ letter: sentLetter, code: entry.recipientCode }),
          },
        });
        transmitted.push(entry);
      }
      return { groupId, letters: transmitted, unreachableRecipients };
    });
  }

  /** A copy of the approved letter addressed to another State of the group, with the same signatures. */
  private async cloneForState(
    letter: CommunicationEntity,
    version: CommunicationVersionEntity,
    onLetter: CommunicationMandateEntity[],
    approvals: CommunicationApprovalEntity[],
    code: string,
    now: Date,
  ): Promise<CommunicationEntity> {
    const clone = await this.repository.insert(
      Object.assign(new CommunicationEntity(), {
        ...letter,
        id: undefined,
        recipientCode: code,
        otherRecipientId: null,
        coRecipientCodes: [],
        currentVersion: 1,
        revision: 1,
        createdAt: now,
        updatedAt: now,
      }),
    );
    const cloneContent = { ...version.content, recipientCode: code, coRecipientCodes: [] };
    const cloneVersion = await this.repository.insertVersion(
      Object.assign(new CommunicationVersionEntity(), {
        communicationId: clone.id,
        number: 1,
        content: cloneContent,
        contentHash: contentHash(cloneContent),
        createdBy: version.createdBy,
        createdAt: now,
      }),
    );
    await this.repository.insertMandates(
      onLetter.map((row) => Object.assign(new CommunicationMandateEntity(), { ...row, communicationId: clone.id })),
    );
    await this.repository.copyApprovals(
      approvals
        .filter((approval) => approval.versionId === version.id)
        .map((approval) =>
          Object.assign(new CommunicationApprovalEntity(), {
            ...approval,
            id: undefined,
            communicationId: clone.id,
            versionId: cloneVersion.id,
            note: `Approved as version ${version.number} of the group letter ${letter.id}`,
          }),
        ),
    );
    const links = await this.repository.findFollowUpLinks(letter.id);
    await this.repository.insertFollowUps(clone.id, links.followsUp);
    return clone;
  }
}
