import { Injectable, OnModuleInit } from '@nestjs/common';
import { DeadlineExtended, DomainEventBus, LetterSent, ReplyRecorded } from '@spcomms/domain-events';
import { PublicationService } from './publication.service';

/**
 * Publication follows the letters' facts (C11): a sent letter's publication is planned at its
 * public-from day, a reply to a letter already public is published at once (earlier ones go with the
 * letter), and the public record of a published letter shows a new reply date.
 */
@Injectable()
export class PublicationSubscriber implements OnModuleInit {
  constructor(
    private readonly bus: DomainEventBus,
    private readonly publication: PublicationService,
  ) {}

  onModuleInit(): void {
    const name = PublicationSubscriber.name;
    this.bus.subscribe(LetterSent, name, (event) => this.letterSent(event));
    this.bus.subscribe(ReplyRecorded, name, async (event) => void (await this.replyRecorded(event)));
    this.bus.subscribe(DeadlineExtended, name, (event) => this.deadlineExtended(event));
  }

  letterSent({ letter }: LetterSent): Promise<void> {
    this.publication.planPublication(letter.id, letter.publicFrom);
    return Promise.resolve();
  }

  replyRecorded({ reply, attachments }: ReplyRecorded) {
    return this.publication.publishRecordedReply(reply, attachments);
  }

  deadlineExtended({ letter }: DeadlineExtended): Promise<void> {
    return this.publication.replyDeadlineChanged(letter.id, letter.replyRequestedBy);
  }
}
