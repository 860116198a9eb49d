import { Injectable } from '@nestjs/common';
import { Actor, Role, UserActor, requireRole } from '@spcomms/access';
import { Clock, addCalendarDays, calendarDateIn, daysBetween } from '@spcomms/clock';
import { AppConfig } from '@spcomms/config';
import { NotFoundException } from '@spcomms/errors';
import { Page, decodeInstantCursor, encodeInstantCursor, pageOf, pageSize } from '@spcomms/paging';
import { ReferenceRepository } from '@spcomms/reference';
import { CommunicationEntity } from './communication.entity';
import { PortalCommunicationDto } from './communication-response.dto';
import { ListPortalCommunicationsQueryDto } from './communications.dto';
import { CommunicationErrorCode, CommunicationException } from './communications.exception';
import { approvingMandateIds, mapPortalCommunication } from './communications.mapper';
import { CommunicationsRepository } from './communications.repository';
import { PortalInboxRepository } from './portal-inbox.repository';
import { referenceFromSlug } from './reference-number';

/** The words of a reference as typed (`ua irn 5 2023`, `UA-IRN-5/2023`, `irn5`): upper case, letters and digits apart. */
export function referenceWords(typed: string | undefined): string[] {
  return (typed ?? '')
    .toUpperCase()
    .replace(/([A-Z])([0-9])|([0-9])([A-Z])/g, '$1$3 $2$4')
    .split(/[^A-Z0-9]+/)
    .filter((word) => word.length > 0)
    .slice(0, 6);
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
    private readonly inbox: PortalInboxRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
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
      referenceWords: referenceWords(query.q),
      today: this.today(),
      limit: limit + 1,
      after,
    });
    const page = pageOf(letters, limit, (last) => encodeInstantCursor({ at: last.sentAt!, id: last.id }));
    const items: PortalCommunicationDto[] = [];
    for (const letter of page.items) {
      items.push(await this.describe(letter, state));
    }
    return { items, nextCursor: page.nextCursor };
  }

  /** A sent letter addressed to the actor's State; reading it records that the State opened it. */
  async get(actor: Actor, id: string): Promise<PortalCommunicationDto> {
    const state = this.stateOf(actor);
    const letter = await this.loadOwn(state, id);
    await this.recordOpening(actor, letter);
    return this.describe(letter, state);
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
    await this.recordOpening(actor, letter);
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

  private recordOpening(actor: Actor, letter: CommunicationEntity): Promise<void> {
    return this.inbox.recordOpening(letter.id, letter.recipientCode, (actor as UserActor).userId, this.clock.now());
  }

  private today(): string {
    return calendarDateIn(this.clock.now(), this.config.rules.timezone);
  }

  private async describe(letter: CommunicationEntity, state: string): Promise<PortalCommunicationDto> {
    const version = await this.repository.findVersion(letter.id, letter.currentVersion);
    const approvals = await this.repository.findApprovalsOf(letter.id);
    const links = await this.repository.findFollowUpLinks(letter.id);
    const signing = await this.reference.findMandates([...approvingMandateIds(approvals, version!.id)]);
    const ownSent = (other: CommunicationEntity) => other.status === 'sent' && other.recipientCode === state;
    const link = (other: CommunicationEntity) => ({ id: other.id, reference: other.reference });
    const earlier = (await this.repository.findByIds(links.followsUp)).filter(ownSent);
    const later = (await this.repository.findByIds(links.followedUpBy)).filter(ownSent);
    later.sort((a, b) => (a.sentAt?.getTime() ?? 0) - (b.sentAt?.getTime() ?? 0));
    const replied = (await this.inbox.findReplied([letter.id])).has(letter.id);
    const openedAt = (await this.inbox.findOpenings(state, [letter.id])).get(letter.id) ?? null;
    const { replyDays } = this.config.rules;
    const days = replyDays[letter.type as keyof typeof replyDays] ?? replyDays.AL;
    const replyBy = letter.replyRequestedBy as string;
    const daysLeft = daysBetween(this.today(), replyBy);
    return mapPortalCommunication(letter, version!, signing.map((mandate) => mandate.title).sort(), earlier.map(link), {
      followedUpBy: later.map(link),
      replyStatus: replied ? 'replied' : daysLeft < 0 || letter.overdueMarkedAt ? 'overdue' : 'awaiting_reply',
      replyDaysLeft: daysLeft,
      replyDays: days,
      computedReplyRequestedBy: addCalendarDays(letter.sentOn as string, days),
      openedAt,
    });
  }
}
