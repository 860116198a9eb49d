import { Injectable } from '@nestjs/common';
import { Actor, Role, UserActor, requireRole } from '@spcomms/access';
import { NotFoundException } from '@spcomms/errors';
import { Page, decodeInstantCursor, encodeInstantCursor, pageOf, pageSize } from '@spcomms/paging';
import { ReferenceRepository } from '@spcomms/reference';
import { CommunicationEntity } from './communication.entity';
import { PortalCommunicationDto } from './communication-response.dto';
import { ListPortalCommunicationsQueryDto } from './communications.dto';
import { CommunicationErrorCode, CommunicationException } from './communications.exception';
import { approvingMandateIds, mapPortalCommunication } from './communications.mapper';
import { CommunicationsRepository } from './communications.repository';
import { referenceFromSlug } from './reference-number';

/**
 * The Government portal: a government user sees the sent letters addressed to its State, and
 * nothing else — never drafts, approvals, internal notes or the source (C14).
 */
@Injectable()
export class PortalService {
  constructor(
    private readonly repository: CommunicationsRepository,
    private readonly reference: ReferenceRepository,
  ) {}

  async list(actor: Actor, query: ListPortalCommunicationsQueryDto): Promise<Page<PortalCommunicationDto>> {
    const state = this.stateOf(actor);
    const limit = pageSize(query.limit);
    const after = query.cursor === undefined ? undefined : decodeInstantCursor(query.cursor);
    if (after === null) {
      throw new CommunicationException(
        CommunicationErrorCode.InvalidCursor,
        'cursor is not a nextCursor given by this list',
      );
    }
    const letters = await this.repository.findSentToState(state, {
      type: query.type,
      replyStatus: query.status,
      limit: limit + 1,
      after,
    });
    const page = pageOf(letters, limit, (last) => encodeInstantCursor({ at: last.sentAt!, id: last.id }));
    return {
      items: await Promise.all(page.items.map((letter) => this.describe(letter, state))),
      nextCursor: page.nextCursor,
    };
  }

  async get(actor: Actor, id: string): Promise<PortalCommunicationDto> {
    const state = this.stateOf(actor);
    return this.describe(await this.loadOwn(state, id), state);
  }

  /**
   * A sent letter addressed to the actor's State by the URL form of its reference (`UA-IRN-5-2023`),
   * or 404, the same for a letter of another State as for none.
   */
  async getByReferenceSlug(actor: Actor, slug: string): Promise<PortalCommunicationDto> {
    const state = this.stateOf(actor);
    const reference = referenceFromSlug(slug);
    const found = reference ? await this.repository.findByReference(reference) : null;
    const letter = found ? await this.repository.findSentToStateById(state, found.id) : null;
    if (!letter) {
      throw new NotFoundException('communication', slug);
    }
    return this.describe(letter, state);
  }

  /** A sent letter addressed to the actor's State, or 404. For the replies lib too. */
  async loadOwn(stateCode: string, id: string): Promise<CommunicationEntity> {
    const letter = await this.repository.findSentToStateById(stateCode, id);
    if (!letter) {
      throw new NotFoundException('communication', id);
    }
    return letter;
  }

  stateOf(actor: Actor): string {
    requireRole(actor, Role.Government);
    return (actor as UserActor).stateCode as string;
  }

  private async describe(letter: CommunicationEntity, state: string): Promise<PortalCommunicationDto> {
    const version = await this.repository.findVersion(letter.id, letter.currentVersion);
    const approvals = await this.repository.findApprovalsOf(letter.id);
    const links = await this.repository.findFollowUpLinks(letter.id);
    const signing = await this.reference.findMandates([...approvingMandateIds(approvals, version!.id)]);
    const earlier = (await this.repository.findByIds(links.followsUp)).filter(
      (other) => other.status === 'sent' && other.recipientCode === state,
    );
    return mapPortalCommunication(
      letter,
      version!,
      signing.map((mandate) => mandate.title).sort(),
      earlier.map((other) => ({ id: other.id, reference: other.reference })),
    );
  }
}
