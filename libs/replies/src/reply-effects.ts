import { Injectable } from '@nestjs/common';
import { CommunicationEntity, LetterSchedulesService } from '@spcomms/communications';
import { MailTemplate } from '@spcomms/notifications';
import { PublicationService } from '@spcomms/publication';
import { RecordedReply } from './reply-writer';

/**
 * What a reply received now changes besides its rows, in the same transaction: the reminders and
 * the overdue mark still pending are cancelled (C13), a reply to a public letter is published, the recipient's focal points get a receipt,
 * and for a portal reply the assistants of the lead mandate are told. The e-mails carry the
 * reference and the day of receipt (the receipt, its code too), never the content of the reply.
 */
@Injectable()
export class ReplyEffects {
  constructor(
    private readonly letterSchedules: LetterSchedulesService,
    private readonly publication: PublicationService,
  ) {}

  async afterReply(letter: CommunicationEntity, { reply }: RecordedReply): Promise<void> {
    await this.letterSchedules.replyReceived(letter.id);
    // A reply to a letter already public is published now (C11); earlier ones go with the letter.
    await this.publication.publishReply(reply.id);
    const params = { receivedOn: reply.receivedOn };
    await this.letterSchedules.mailFocalPoints(letter, 'reply.receipt', MailTemplate.ReplyReceipt, reply.id, {
      ...params,
      receiptCode: reply.receiptCode,
    });
    if (reply.channel === 'portal') {
      await this.letterSchedules.mailAssistants(letter, 'reply.received', MailTemplate.ReplyReceived, reply.id, params);
    }
  }
}
