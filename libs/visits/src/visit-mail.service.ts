import { Injectable } from '@nestjs/common';
import { AppConfig } from '@spcomms/config';
import { MailTemplate, RecipientsService, byMailLanguage, pageLinks, perLanguage } from '@spcomms/notifications';
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
    // The State's name and the page in each e-mail language: the e-mail takes those of its language.
    const params = {
      mandate: mandate?.title ?? visit.mandateId,
      requestedOn: visit.requestedOn,
      ...perLanguage(
        'state',
        byMailLanguage((language) => state?.names[language] ?? state?.name ?? visit.stateCode),
      ),
      ...pageLinks(this.config, `/portal/visits/${visit.id}`),
    };
    return this.recipients.tell(focalPoints, {
      kind: mail.kind,
      subject: { type: 'visit', id: visit.id },
      occasion: mail.occasion,
      template: mail.template,
      params,
    });
  }
}
