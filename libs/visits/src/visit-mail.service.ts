import { Injectable } from '@nestjs/common';
import { AccountsRepository } from '@spcomms/accounts';
import { AppConfig, publicLink } from '@spcomms/config';
import { MailTemplate, NotificationsService } from '@spcomms/notifications';
import { ReferenceRepository } from '@spcomms/reference';
import { VisitEntity } from './visit.entity';

export interface VisitMail {
  /** The outbox kind, part of its once-only key. */
  kind: string;
  /** Tells apart several messages of one kind about one request (a reminder's due day). */
  occasion?: string;
  template: MailTemplate;
}

/** E-mails about a visit request to the government focal points (active government users) of its State. */
@Injectable()
export class VisitMailService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly reference: ReferenceRepository,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
  ) {}

  /** Writes one message per focal point into the outbox, inside the caller's transaction; answers how many were written. */
  async mailFocalPoints(visit: VisitEntity, mail: VisitMail): Promise<number> {
    const mandate = await this.reference.findMandate(visit.mandateId);
    const state = await this.reference.findState(visit.stateCode);
    const focalPoints = await this.accounts.findActiveGovernmentUsers([visit.stateCode]);
    let written = 0;
    for (const user of focalPoints) {
      const queued = await this.notifications.enqueue({
        kind: mail.kind,
        subject: { type: 'visit', id: visit.id },
        occasion: mail.occasion,
        to: { userId: user.id },
        template: mail.template,
        params: {
          mandate: mandate?.title ?? visit.mandateId,
          requestedOn: visit.requestedOn,
          state: state?.names[user.language] ?? state?.name ?? visit.stateCode,
          link: publicLink(this.config, `/portal/visits/${visit.id}`, user.language),
        },
      });
      written += queued ? 1 : 0;
    }
    return written;
  }
}
