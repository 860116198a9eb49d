import { Injectable } from '@nestjs/common';
import { Actor, Role, hasRole } from '@spcomms/access';
import { AccountsRepository } from '@spcomms/accounts';
import { AuditEventDto, AuditService } from '@spcomms/audit';
import { CalendarDate, Clock, addCalendarDays, atLocalTime } from '@spcomms/clock';
import { AppConfig } from '@spcomms/config';
import { TransactionHost } from '@spcomms/database';
import { EnqueueMail, MailTemplate, NotificationsService, pageLinks } from '@spcomms/notifications';
import { ReferenceRepository } from '@spcomms/reference';
import { PublicationService } from '@spcomms/publication';
import { PlannedSchedule, SchedulesService } from '@spcomms/schedules';
import { CommunicationEntity } from './communication.entity';
import { CommunicationAccess } from './communication-access';
import { CommunicationDto } from './communication-response.dto';
import { ExtendDeadlineDto } from './communications.dto';
import { CommunicationErrorCode, CommunicationException } from './communications.exception';
import { CommunicationsRepository } from './communications.repository';
import { referenceSlug } from './reference-number';
import { LetterDetailsService } from './letter-details.service';
import { recipientParams } from './recipient-phrases';
import {
  ApprovalReminder,
  LetterOverdue,
  LetterReminderAfter,
  LetterReminderBefore,
  LetterReminderDue,
  REPLY_DEADLINE_KINDS,
  SignOnDeadline,
} from './letter-schedule-kinds';

/** One letter's message to the focal points of its State (mailFocalPointsOf). */
export interface FocalPointMail {
  letter: CommunicationEntity;
  /** Tells apart several messages of one kind about the letter (the once-only key). */
  occasion: string;
  /** Template parameters beyond the letter's reference, recipient, reply date and link. */
  extra?: Record<string, string>;
}

/** Reminders go out at this Geneva time on their day; the overdue mark at the start of the day. */
const REMINDER_TIME = '08:00';

/**
 * The deadlines of a letter as schedule rows (C9, C13) and the e-mails that accompany its changes.
 * Everything is written in the caller's transaction.
 */
@Injectable()
export class LetterSchedulesService {
  constructor(
    private readonly repository: CommunicationsRepository,
    private readonly reference: ReferenceRepository,
    private readonly accounts: AccountsRepository,
    private readonly access: CommunicationAccess,
    private readonly details: LetterDetailsService,
    private readonly schedules: SchedulesService,
    private readonly notifications: NotificationsService,
    private readonly publication: PublicationService,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** The reminder and overdue rows for a reply-requested date (C13 settings). */
  replyDeadlineRows(replyRequestedBy: CalendarDate): PlannedSchedule[] {
    const { timezone, reminders } = this.config.rules;
    return [
      {
        kind: LetterReminderBefore,
        dueAt: atLocalTime(addCalendarDays(replyRequestedBy, -reminders.daysBefore), REMINDER_TIME, timezone),
      },
      { kind: LetterReminderDue, dueAt: atLocalTime(replyRequestedBy, REMINDER_TIME, timezone) },
      { kind: LetterOverdue, dueAt: atLocalTime(addCalendarDays(replyRequestedBy, 1), '00:00', timezone) },
      {
        kind: LetterReminderAfter,
        dueAt: atLocalTime(addCalendarDays(replyRequestedBy, reminders.daysAfter), REMINDER_TIME, timezone),
      },
    ];
  }

  /**
   * In the sending transaction: plan the deadlines and the publication, and tell the recipient's focal
   * points. Answers how many e-mails were queued (0: the recipient cannot be reached by e-mail).
   */
  async afterTransmission(communicationId: string): Promise<number> {
    const letter = (await this.repository.findById(communicationId)) as CommunicationEntity;
    await this.schedules.planMany(subjectOf(letter.id), this.replyDeadlineRows(letter.replyRequestedBy as string));
    await this.publication.planPublication(letter.id, letter.publicFrom as string);
    await this.endDraftSchedules(letter.id);
    return this.mailFocalPoints(letter, 'letter.transmitted', MailTemplate.LetterTransmitted, 'sent', {
      sentOn: letter.sentOn as string,
    });
  }

  /** Sign-on deadlines and approval reminders of a draft that was sent or abandoned have nothing left to do. */
  async endDraftSchedules(communicationId: string): Promise<void> {
    for (const row of await this.repository.findMandatesOf(communicationId)) {
      await this.schedules.cancelPending(cosignerSubject(communicationId, row.mandateId), [
        SignOnDeadline,
        ApprovalReminder,
      ]);
    }
  }

  /**
   * Asks the holders of each mandate for their approval of the letter's current version (C5, C6): the
   * lead's when a draft is created, every mandate still on the letter when an edit makes a new version
   * (earlier approvals no longer count). Once per holder and version, whatever the retries.
   */
  async askForApproval(letter: CommunicationEntity, mandateIds: string[]): Promise<number> {
    const mandates = new Map(
      (await this.reference.findMandates([letter.leadMandateId, ...mandateIds])).map((m) => [m.id, m]),
    );
    let queued = 0;
    for (const mandateId of mandateIds) {
      queued += await this.mailHolders(
        letter,
        mandateId,
        'approval.version',
        MailTemplate.ApprovalVersion,
        `v${letter.currentVersion}`,
        {
          version: String(letter.currentVersion),
          leadMandate: mandates.get(letter.leadMandateId)?.code ?? '',
          mandate: mandates.get(mandateId)?.code ?? '',
        },
      );
    }
    return queued;
  }

  /** In the invitation transaction: the sign-on deadline, a reminder half-way, and the request e-mails. */
  async afterInvitation(letter: CommunicationEntity, mandateIds: string[], deadline: Date): Promise<void> {
    const now = this.clock.now();
    const halfway = new Date(now.getTime() + (deadline.getTime() - now.getTime()) / 2);
    for (const mandateId of mandateIds) {
      await this.schedules.planMany(cosignerSubject(letter.id, mandateId), [
        { kind: SignOnDeadline, dueAt: deadline, payload: { communicationId: letter.id, mandateId } },
        { kind: ApprovalReminder, dueAt: halfway, payload: { communicationId: letter.id, mandateId } },
      ]);
    }
    const lead = await this.reference.findMandate(letter.leadMandateId);
    for (const mandateId of mandateIds) {
      await this.mailHolders(
        letter,
        mandateId,
        'approval.requested',
        MailTemplate.ApprovalRequested,
        deadline.toISOString(),
        {
          leadMandate: lead?.code ?? '',
          signOnBy: deadline.toISOString(),
        },
      );
    }
  }

  /** A reply cancels the reminders and the overdue mark still pending (C13). */
  async replyReceived(communicationId: string): Promise<number> {
    return this.schedules.cancelPending(subjectOf(communicationId), REPLY_DEADLINE_KINDS);
  }

  /**
   * An assistant grants the recipient more time: a new reply-requested date; the reminders move, the
   * public record of a published letter shows the new date, and the State's focal points are told.
   */
  extendReplyDeadline(actor: Actor, id: string, dto: ExtendDeadlineDto): Promise<CommunicationDto> {
    return this.tx.run(async () => {
      if (!hasRole(actor, Role.Assistant)) {
        throw new CommunicationException(
          CommunicationErrorCode.NotYourMandate,
          'Only assistants of the letter grant extensions',
        );
      }
      const letter = await this.access.loadVisible(actor, id, true);
      if (letter.status !== 'sent') {
        throw new CommunicationException(
          CommunicationErrorCode.NotSent,
          'Only a sent letter has a reply date to extend',
        );
      }
      if (dto.replyRequestedBy <= (letter.sentOn as string)) {
        throw new CommunicationException(
          CommunicationErrorCode.InvalidDeadline,
          `The reply date must be after the sent date ${letter.sentOn}`,
        );
      }
      const before = { replyRequestedBy: letter.replyRequestedBy };
      await this.repository.update(letter.id, {
        replyRequestedBy: dto.replyRequestedBy,
        overdueMarkedAt: null,
        updatedAt: this.clock.now(),
      });
      await this.schedules.replan(
        subjectOf(letter.id),
        REPLY_DEADLINE_KINDS,
        this.replyDeadlineRows(dto.replyRequestedBy),
      );
      await this.publication.replyDeadlineChanged(letter.id, dto.replyRequestedBy);
      await this.audit.record(actor, {
        action: 'communication.extend_reply_deadline',
        subject: { type: 'communication', id: letter.id },
        before,
        after: { replyRequestedBy: dto.replyRequestedBy, reason: dto.reason },
      });
      const extended = (await this.repository.findById(letter.id)) as CommunicationEntity;
      await this.mailFocalPoints(
        extended,
        'letter.deadline_extended',
        MailTemplate.ReplyDeadlineExtended,
        dto.replyRequestedBy,
        {
          previousReplyDueOn: before.replyRequestedBy as string,
        },
      );
      return this.details.describe(extended);
    });
  }

  /** The letter's schedule rows, and those of its co-signers' invitations. */
  async listSchedules(actor: Actor, id: string) {
    const letter = await this.access.loadVisible(actor, id);
    const rows = await this.schedules.listForSubject(subjectOf(letter.id));
    for (const mandate of await this.repository.findMandatesOf(letter.id)) {
      rows.push(...(await this.schedules.listForSubject(cosignerSubject(letter.id, mandate.mandateId))));
    }
    return rows.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.kind.localeCompare(b.kind));
  }

  /** The letter's audit trail (its timeline), for those who may read the letter. */
  async timeline(actor: Actor, id: string): Promise<AuditEventDto[]> {
    const letter = await this.access.loadVisible(actor, id);
    return this.audit.trailOf(subjectOf(letter.id));
  }

  // ---- e-mail ----

  link(path: string): Record<string, string> {
    return pageLinks(this.config, path);
  }

  /** The recipient's name as the API answers it: the State's UN short name, or the other recipient's name. */
  async recipientName(letter: CommunicationEntity): Promise<string> {
    if (letter.otherRecipientId) {
      return (await this.reference.findOtherRecipient(letter.otherRecipientId))?.name ?? letter.recipientCode;
    }
    return (await this.reference.findState(letter.recipientCode))?.name ?? letter.recipientCode;
  }

  /** The parameters naming the letter's recipient in an e-mail, in each e-mail language (see recipientParams). */
  async recipientParamsOf(letter: CommunicationEntity): Promise<Record<string, string>> {
    if (letter.otherRecipientId) {
      const other = await this.reference.findOtherRecipient(letter.otherRecipientId);
      return recipientParams({ state: null, otherName: other?.name ?? null, code: letter.recipientCode });
    }
    return recipientParams({
      state: await this.reference.findState(letter.recipientCode),
      otherName: null,
      code: letter.recipientCode,
    });
  }

  /** E-mails the active government users of the letter's State; answers how many were queued. */
  async mailFocalPoints(
    letter: CommunicationEntity,
    kind: string,
    template: MailTemplate,
    occasion: string,
    extra: Record<string, string> = {},
  ): Promise<number> {
    return (await this.mailFocalPointsOf(kind, template, [{ letter, occasion, extra }]))[0];
  }

  /**
   * mailFocalPoints for several letters (the reminders of a batch) in four queries whatever their
   * number: the focal points and the names of all their States, then NotificationsService.enqueueMany's
   * read of the recipients (their address, language and whether they are disabled, checked there for
   * every caller) and its insert. Answers how many were queued for each letter, in order. Letters to
   * other recipients have no focal points (0).
   */
  async mailFocalPointsOf(kind: string, template: MailTemplate, mails: FocalPointMail[]): Promise<number[]> {
    const codes = [
      ...new Set(mails.filter(({ letter }) => !letter.otherRecipientId).map(({ letter }) => letter.recipientCode)),
    ];
    if (codes.length === 0) {
      return mails.map(() => 0);
    }
    const focalPoints = new Map<string, string[]>();
    for (const user of await this.accounts.findActiveGovernmentUsers(codes)) {
      const ids = focalPoints.get(user.stateCode as string) ?? [];
      ids.push(user.id);
      focalPoints.set(user.stateCode as string, ids);
    }
    const states = new Map((await this.reference.findStates(codes)).map((state) => [state.code, state]));
    const messages: EnqueueMail[] = [];
    const letterOf: number[] = [];
    mails.forEach(({ letter, occasion, extra }, index) => {
      if (letter.otherRecipientId) {
        return;
      }
      const params = {
        reference: letter.reference as string,
        ...recipientParams({
          state: states.get(letter.recipientCode) ?? null,
          otherName: null,
          code: letter.recipientCode,
        }),
        replyDueOn: letter.replyRequestedBy as string,
        ...this.link(`/portal/letters/${referenceSlug(letter.reference as string)}`),
        ...extra,
      };
      for (const userId of focalPoints.get(letter.recipientCode) ?? []) {
        messages.push({ kind, subject: subjectOf(letter.id), to: { userId }, occasion, template, params });
        letterOf.push(index);
      }
    });
    const queued = mails.map(() => 0);
    (await this.notifications.enqueueMany(messages)).forEach(
      (inserted, message) => (queued[letterOf[message]] += Number(inserted)),
    );
    return queued;
  }

  /** E-mails the assistants of the letter's lead mandate. */
  async mailAssistants(
    letter: CommunicationEntity,
    kind: string,
    template: MailTemplate,
    occasion: string,
    extra: Record<string, string> = {},
  ): Promise<number> {
    const users = await this.accounts.findActiveUsersOfMandates([letter.leadMandateId], [Role.Assistant]);
    const params = {
      reference: letter.reference ?? letter.subject,
      ...(await this.recipientParamsOf(letter)),
      replyDueOn: letter.replyRequestedBy ?? '',
      ...this.link(`/workspace/letters/${letter.id}`),
      ...extra,
    };
    let queued = 0;
    for (const user of users) {
      queued += Number(
        await this.notifications.enqueue({
          kind,
          subject: subjectOf(letter.id),
          to: { userId: user.id },
          occasion,
          template,
          params,
        }),
      );
    }
    return queued;
  }

  /** E-mails the mandate-holders of one mandate about a draft they are asked to sign. */
  async mailHolders(
    letter: CommunicationEntity,
    mandateId: string,
    kind: string,
    template: MailTemplate,
    occasion: string,
    extra: Record<string, string>,
  ): Promise<number> {
    const users = await this.accounts.findActiveUsersOfMandates([mandateId], [Role.MandateHolder]);
    let queued = 0;
    for (const user of users) {
      queued += Number(
        await this.notifications.enqueue({
          kind,
          subject: subjectOf(letter.id),
          to: { userId: user.id },
          occasion,
          template,
          params: { title: letter.subject, ...this.link(`/workspace/letters/${letter.id}`), ...extra },
        }),
      );
    }
    return queued;
  }
}

export const subjectOf = (communicationId: string) => ({ type: 'communication', id: communicationId });

/** An invitation's rows have a subject of their own: the unique (kind, subject, due) key must not merge two co-signers. */
export const cosignerSubject = (communicationId: string, mandateId: string) => ({
  type: 'communication_cosigner',
  id: `${communicationId}/${mandateId}`,
});
