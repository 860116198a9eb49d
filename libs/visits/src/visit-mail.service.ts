import { Injectable } from '@nestjs/common';
import { AppConfig, publicLink } from '@spcomms/config';
import { MailTemplate, RecipientsService } from '@spcomms/notifications';
import { ReferenceRepository } from '@spcomms/reference';
import { VisitEntity } from './visit.entity';

export interface VisitMail {
  /** The outbox kind, part of its once-only key. */
  kind: string;
  /** Tells apart several messages of one kind about one request (a reminder's due day). */
  occasion?: string;
  template: MailTemplate;
}

/** E-mails about a visit request to the focal points of its State (RecipientsService.focalPointsOf). */
@Injectable()
export class VisitMailService {
  constructor(
    private readonly recipients: RecipientsService,
    private readonly reference: ReferenceRepository,
    private readonly config: AppConfig,
  ) {}

  /** Writes one message per focal point into the outbox, inside the caller's transaction; answers how many were written. */
  async mailFocalPoints(
    visit: Pick<VisitEntity, 'id' | 'mandateId' | 'stateCode' | 'requestedOn'>,
    mail: VisitMail,
  ): Promise<number> {
    const mandate = await this.reference.findMandate(visit.mandateId);
    const state = await this.reference.findState(visit.stateCode);
    const focalPoints = (await this.recipients.focalPointsOf([visit.stateCode])).get(visit.stateCode) ?? [];
    const params = {
      mandate: mandate?.title ?? visit.mandateId,
      requestedOn: visit.requestedOn,
    };
    return this.recipients.tell(
      focalPoints,
      {
        kind: mail.kind,
        subject: { type: 'visit', id: visit.id },
        occasion: mail.occasion,
        template: mail.template,
        params,
      },
      (user) => ({
        ...params,
        state: state?.names[user.language] ?? state?.name ?? visit.stateCode,
        link: publicLink(this.config, `/portal/visits/${visit.id}`, user.language),
      }),
    );
  }
}
