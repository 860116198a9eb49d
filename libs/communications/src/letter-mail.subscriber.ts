import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  CosignersInvited,
  DeadlineExtended,
  DomainEventBus,
  LetterEdited,
  LetterSent,
  ReplyRecorded,
} from '@spcomms/domain-events';
import { MailTemplate } from '@spcomms/notifications';
import { ReferenceRepository } from '@spcomms/reference';
import { LetterMailService } from './letter-mail.service';

/**
 * The e-mails that follow a letter's facts: the State's focal points learn that a letter was sent,
 * that its reply date moved and that their reply arrived (its receipt); the assistants learn of a
 * reply submitted on the portal; mandate-holders are asked to approve each new version and to sign on
 * when invited. The e-mails carry references and days, never the content of a reply.
 */
@Injectable()
export class LetterMailSubscriber implements OnModuleInit {
  constructor(
    private readonly bus: DomainEventBus,
    private readonly mail: LetterMailService,
    private readonly reference: ReferenceRepository,
  ) {}

  onModuleInit(): void {
    const name = LetterMailSubscriber.name;
    this.bus.subscribe(LetterSent, name, (event) => this.letterSent(event).then(() => undefined));
    this.bus.subscribe(ReplyRecorded, name, (event) => this.replyRecorded(event));
    this.bus.subscribe(DeadlineExtended, name, (event) => this.deadlineExtended(event));
    this.bus.subscribe(LetterEdited, name, (event) => this.letterEdited(event));
    this.bus.subscribe(CosignersInvited, name, (event) => this.cosignersInvited(event));
  }

  /**
   * The focal points of the recipient State are told, with the transmission's COMMIT (it holds the
   * counter's lock); answers how many e-mails go to the outbox.
   */
  letterSent({ letter }: LetterSent): Promise<number> {
    return this.mail.mailFocalPointsAtCommit('letter.transmitted', MailTemplate.LetterTransmitted, {
      letter,
      occasion: 'sent',
      extra: { sentOn: letter.sentOn },
    });
  }

  /** A receipt to the focal points; for a reply submitted on the portal, a word to the assistants. */
  async replyRecorded({ letter, reply }: ReplyRecorded): Promise<void> {
    const params = { receivedOn: reply.receivedOn };
    await this.mail.mailFocalPoints(letter, 'reply.receipt', MailTemplate.ReplyReceipt, reply.id, {
      ...params,
      receiptCode: reply.receiptCode,
    });
    if (reply.channel === 'portal') {
      await this.mail.mailAssistants(letter, 'reply.received', MailTemplate.ReplyReceived, reply.id, params);
    }
  }

  /** The State's focal points learn the new reply date. */
  async deadlineExtended({ letter, previousReplyRequestedBy }: DeadlineExtended): Promise<void> {
    await this.mail.mailFocalPoints(
      letter,
      'letter.deadline_extended',
      MailTemplate.ReplyDeadlineExtended,
      letter.replyRequestedBy,
      { previousReplyDueOn: previousReplyRequestedBy },
    );
  }

  /**
   * Asks the holders of each mandate for their approval of the letter's current version (C5, C6): the
   * lead's when a draft is created, every mandate still on the letter when an edit makes a new version
   * (earlier approvals no longer count). Once per holder and version, whatever the retries.
   */
  async letterEdited({ letter, approvalsNeededFrom }: LetterEdited): Promise<void> {
    const mandates = new Map(
      (await this.reference.findMandates([letter.leadMandateId, ...approvalsNeededFrom])).map((m) => [m.id, m]),
    );
    for (const mandateId of approvalsNeededFrom) {
      await this.mail.mailHolders(
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
  }

  /** The holders of each invited mandate are asked to sign on by the deadline. */
  async cosignersInvited({ letter, mandateIds, signOnBy }: CosignersInvited): Promise<void> {
    const lead = await this.reference.findMandate(letter.leadMandateId);
    for (const mandateId of mandateIds) {
      await this.mail.mailHolders(
        letter,
        mandateId,
        'approval.requested',
        MailTemplate.ApprovalRequested,
        signOnBy.toISOString(),
        { leadMandate: lead?.code ?? '', signOnBy: signOnBy.toISOString() },
      );
    }
  }
}
