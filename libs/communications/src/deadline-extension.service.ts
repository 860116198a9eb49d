import { Injectable } from '@nestjs/common';
import { Actor, Role, hasRole } from '@spcomms/access';
import { AuditService } from '@spcomms/audit';
import { Clock } from '@spcomms/clock';
import { TransactionHost } from '@spcomms/database';
import { DeadlineExtended, DomainEventBus } from '@spcomms/domain-events';
import { CommunicationEntity } from './communication.entity';
import { CommunicationAccess } from './communication-access';
import { CommunicationDto } from './communication-response.dto';
import { ExtendDeadlineDto } from './communications.dto';
import { CommunicationErrorCode, CommunicationException } from './communications.exception';
import { CommunicationsRepository } from './communications.repository';
import { LetterDetailsService } from './letter-details.service';
import { sentLetterFacts } from './letter-facts';

/**
 * An assistant grants the recipient more time: a new reply-requested date. What follows (the
 * reminders move, the public record shows the new date, the State's focal points are told) is done
 * by the subscribers of DeadlineExtended, in the same transaction.
 */
@Injectable()
export class DeadlineExtensionService {
  constructor(
    private readonly repository: CommunicationsRepository,
    private readonly access: CommunicationAccess,
    private readonly details: LetterDetailsService,
    private readonly bus: DomainEventBus,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

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
      const extended = (await this.repository.findById(letter.id)) as CommunicationEntity;
      await this.bus.publish(
        new DeadlineExtended(
          sentLetterFacts(extended, await this.repository.findMandatesOf(letter.id)),
          before.replyRequestedBy as string,
          dto.reason,
        ),
      );
      await this.audit.record(actor, {
        action: 'communication.extend_reply_deadline',
        subject: { type: 'communication', id: letter.id },
        before,
        after: { replyRequestedBy: dto.replyRequestedBy, reason: dto.reason },
      });
      return this.details.describe(extended);
    });
  }
}
