import { Injectable } from '@nestjs/common';
import { Actor, Role, UserActor, requireRole } from '@spcomms/access';
import { NotFoundException } from '@spcomms/errors';
import { ReferenceRepository } from '@spcomms/reference';
import { CommunicationEntity } from './communication.entity';
import { PortalCommunicationDto } from './communication-response.dto';
import { ListCommunicationsQueryDto } from './communications.dto';
import { CommunicationErrorCode, CommunicationException } from './communications.exception';
import { approvingMandateIds, mapPortalCommunication } from './communications.mapper';
import { CommunicationsRepository } from './communications.repository';

export class PortalPageDto {
  items!: PortalCommunicationDto[];
  next!: string | null;
}

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

  async list(actor: Actor, query: ListCommunicationsQueryDto): Promise<PortalPageDto> {
    const state = this.stateOf(actor);
    const limit = Math.min(query.limit ?? 50, 200);
    const letters = await this.repository.findSentToState(state, limit + 1, decodeCursor(query.after));
    const page = letters.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: await Promise.all(page.map((letter) => this.describe(letter, state))),
      next: letters.length > limit && last?.sentAt ? Buffer.from(`${last.sentAt.toISOString()}|${last.id}`).toString('base64url') : null,
    };
  }

  async get(actor: Actor, id: string): Promise<PortalCommunicationDto> {
    const state = this.stateOf(actor);
    return this.describe(await this.loadOwn(state, id), state);
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

function decodeCursor(cursor: string | undefined): { sentAt: Date; id: string } | undefined {
  if (!cursor) {
    return undefined;
  }
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const sentAt = new Date(at);
  if (!id || Number.isNaN(sentAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new CommunicationException(CommunicationErrorCode.InvalidCursor, 'Invalid page cursor');
  }
  return { sentAt, id };
}
