import { Injectable } from '@nestjs/common';
import { Actor, Role, requireRole } from '@spcomms/access';
import { NotFoundException } from '@spcomms/errors';
import { Page, PageQueryDto, decodeCursor, encodeCursor, pageOf, pageSize } from '@spcomms/paging';
import { ReferenceRepository } from '@spcomms/reference';
import { CommunicationAccess } from './communication-access';
import { AwaitingDecisionDto, CommunicationDto } from './communication-response.dto';
import { CommunicationErrorCode, CommunicationException } from './communications.exception';
import { mapSummary } from './communications.mapper';
import { AwaitingDecisionKey, CommunicationsRepository } from './communications.repository';
import { LetterDetailsService } from './letter-details.service';
import { parseLooseReference } from './reference-number';

/** Finding letters: by their reference, and the drafts awaiting a mandate-holder's decision. */
@Injectable()
export class LetterLookupService {
  constructor(
    private readonly repository: CommunicationsRepository,
    private readonly reference: ReferenceRepository,
    private readonly access: CommunicationAccess,
    private readonly details: LetterDetailsService,
  ) {}

  /**
   * The letter of a reference typed as people type it (`UA IRN 5/2023`, `ua irn 5 2023`,
   * `UA-IRN-5-2023`, or without the type), scoped like the letter: 404 when the actor may not see it.
   */
  async findByReference(actor: Actor, input: string): Promise<CommunicationDto> {
    this.access.requireStaff(actor);
    const parsed = parseLooseReference(input);
    if (!parsed) {
      throw new CommunicationException(
        CommunicationErrorCode.InvalidReference,
        `"${input}" is not a reference such as UA IRN 5/2023`,
      );
    }
    let letter = parsed.type
      ? await this.repository.findByReference(`${parsed.type} ${parsed.code} ${parsed.number}/${parsed.year}`)
      : null;
    if (!letter) {
      // The type-free key (unique, C7) finds it; a type that is given must be the letter's (or its legacy JUA …).
      const candidate = await this.repository.findByReferenceKey(parsed.code, parsed.number, parsed.year);
      letter =
        candidate && (!parsed.type || [candidate.type, candidate.legacyType].includes(parsed.type)) ? candidate : null;
    }
    if (!letter) {
      throw new NotFoundException('communication', input);
    }
    return this.details.describe(await this.access.loadVisible(actor, letter.id));
  }

  /**
   * For a mandate-holder: the drafts whose current version one of their mandates (lead or invited) has
   * neither approved nor declined, earliest sign-on deadline first.
   */
  async awaitingDecision(actor: Actor, query: PageQueryDto): Promise<Page<AwaitingDecisionDto>> {
    requireRole(actor, Role.MandateHolder);
    const limit = pageSize(query.limit);
    const rows = await this.repository.findAwaitingDecision(actor.mandateIds, limit + 1, awaitingKeyOf(query.cursor));
    const { items: page, nextCursor } = pageOf(rows, limit, (last) =>
      encodeCursor([last.key.deadline, last.key.communicationId, last.key.mandateId]),
    );
    const letters = new Map(
      (await this.repository.findByIds([...new Set(page.map((row) => row.communicationId))])).map((l) => [l.id, l]),
    );
    const mandates = await this.reference.findMandates([
      ...new Set([...page.map((row) => row.mandateId), ...[...letters.values()].map((l) => l.leadMandateId)]),
    ]);
    const code = new Map(mandates.map((mandate) => [mandate.id, mandate.code]));
    const items = page.map((row) => {
      const letter = letters.get(row.communicationId)!;
      return {
        letter: mapSummary(letter, code.get(letter.leadMandateId) ?? ''),
        mandate: code.get(row.mandateId) ?? '',
        participation: row.participation,
        version: letter.currentVersion,
        signOnDeadline: row.signOnDeadline,
      };
    });
    return { items, nextCursor };
  }
}

/** The key after which a page starts: its sign-on deadline (`infinity` for a lead mandate), letter and mandate. */
function awaitingKeyOf(cursor: string | undefined): AwaitingDecisionKey | undefined {
  if (!cursor) {
    return undefined;
  }
  const parts = decodeCursor(cursor, ['text', 'uuid', 'uuid']);
  if (!parts || (parts[0] !== 'infinity' && Number.isNaN(Date.parse(parts[0])))) {
    throw new CommunicationException(CommunicationErrorCode.InvalidCursor, 'Invalid page cursor');
  }
  return { deadline: parts[0], communicationId: parts[1], mandateId: parts[2] };
}
