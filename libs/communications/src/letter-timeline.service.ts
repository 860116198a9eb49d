import { Injectable } from '@nestjs/common';
import { Actor } from '@spcomms/access';
import { AuditEventDto, AuditService } from '@spcomms/audit';
import { communicationSubject } from '@spcomms/domain-events';
import { MailRecord, NotificationsService } from '@spcomms/notifications';
import { CommunicationAccess } from './communication-access';

/** The letter's audit trail (its timeline), for those who may read the letter. */
@Injectable()
export class LetterTimelineService {
  constructor(
    private readonly access: CommunicationAccess,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  async timeline(actor: Actor, id: string): Promise<AuditEventDto[]> {
    const letter = await this.access.loadVisible(actor, id);
    return this.audit.trailOf(communicationSubject(letter.id));
  }

  /** The e-mails the letter caused (to the State, its assistants, its holders), for those who may read it. */
  async mails(actor: Actor, id: string): Promise<MailRecord[]> {
    const letter = await this.access.loadVisible(actor, id);
    return this.notifications.mailsAbout(communicationSubject(letter.id));
  }
}
