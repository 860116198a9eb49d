import { Injectable } from '@nestjs/common';
import { CommunicationPublicationNotice, CommunicationPublish, PublicationService } from '@spcomms/publication';
import { ScheduleHandler, ScheduleView } from '@spcomms/schedules';

/** C11: at public-from, publish the letter, or flag it blocked and tell its assistants. */
@Injectable()
export class PublicationDueHandler implements ScheduleHandler {
  readonly kind = CommunicationPublish;

  constructor(private readonly publication: PublicationService) {}

  async run(schedule: ScheduleView): Promise<void> {
    await this.publication.publishDue(schedule.subject.id);
  }
}

/** C11: before public-from, ask the assistants to check the redaction if nobody has. */
@Injectable()
export class PublicationNoticeHandler implements ScheduleHandler {
  readonly kind = CommunicationPublicationNotice;

  constructor(private readonly publication: PublicationService) {}

  async run(schedule: ScheduleView): Promise<void> {
    await this.publication.notifyPublicationDue(schedule.subject.id);
  }
}

export const PUBLICATION_SCHEDULE_HANDLERS = [PublicationDueHandler, PublicationNoticeHandler];
