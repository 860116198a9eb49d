import { Injectable } from '@nestjs/common';
import { AccessDeniedException, Actor, Role, UserActor, hasRole } from '@spcomms/access';
import { NotFoundException } from '@spcomms/errors';
import { CommunicationEntity } from './communication.entity';
import { CommunicationsRepository } from './communications.repository';

/**
 * Who may see and act on a letter (C14): the assistants and mandate-holders of the mandates on it.
 * A letter the actor may not see answers 404, so that its existence does not leak.
 */
@Injectable()
export class CommunicationAccess {
  constructor(private readonly repository: CommunicationsRepository) {}

  requireStaff(actor: Actor): asserts actor is UserActor {
    if (!hasRole(actor, Role.Assistant, Role.MandateHolder)) {
      throw new AccessDeniedException('Only assistants and mandate-holders work on letters');
    }
  }

  /** The letter, if a mandate of the actor is on it; 404 otherwise. Locks it when `forUpdate`. */
  async loadVisible(actor: Actor, id: string, forUpdate = false): Promise<CommunicationEntity> {
    const letter = hasRole(actor, Role.Assistant, Role.MandateHolder)
      ? forUpdate
        ? await this.repository.findByIdForUpdate(id)
        : await this.repository.findById(id)
      : null;
    if (!letter || !(await this.isOnLetter(letter, (actor as UserActor).mandateIds))) {
      throw new NotFoundException('communication', id);
    }
    return letter;
  }

  /**
   * Whether one of the mandates is on the letter. The lead mandate always is (its row is written with
   * the letter, by drafting and by imports alike), so an actor of the lead needs no read.
   */
  private isOnLetter(letter: CommunicationEntity, mandateIds: readonly string[]): Promise<boolean> {
    return mandateIds.includes(letter.leadMandateId)
      ? Promise.resolve(true)
      : this.repository.isOnLetter(letter.id, mandateIds);
  }

  /** The letter, for an assistant of its lead mandate (drafting, inviting, sending). */
  async loadForLeadAssistant(actor: Actor, id: string): Promise<CommunicationEntity> {
    const letter = await this.loadVisible(actor, id, true);
    if (!hasRole(actor, Role.Assistant) || !actor.mandateIds.includes(letter.leadMandateId)) {
      throw new AccessDeniedException('Only an assistant of the lead mandate can do this');
    }
    return letter;
  }
}
