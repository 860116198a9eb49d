import { Injectable, StreamableFile } from '@nestjs/common';
import { Actor } from '@spcomms/access';
import { referenceFromSlug } from '@spcomms/communications';
import { NotFoundException } from '@spcomms/errors';
import { PublicCommunicationDto, mapPublishedRecord } from '@spcomms/publication';
import { AttachmentStorage, contentDisposition } from '@spcomms/replies';
import {
  FacetValueDto,
  PublicFacetsDto,
  PublicSearchFiltersDto,
  PublicSearchQueryDto,
  SEARCH_PAGE_DEFAULT,
  SearchSort,
} from './public-search.dto';
import { PublicSearchErrorCode, PublicSearchException } from './public-search.exception';
import { PublicSearchRepository } from './public-search.repository';
import { FacetCounts, FacetRow } from './facet-queries';
import { PublicSearchFilter } from './search-queries';
import { SearchCursor, decodeSearchCursor, encodeSearchCursor } from './search-cursor';
import { jsonBytes } from './json-bytes';
import { parseTextQuery } from './text-query';
import { OnReadConnection, TransactionHost } from '@spcomms/database';

const REPLY_STATUS_ORDER = ['replied', 'confidential', 'not_replied'];

/** A `recipient` value that names one other recipient (its id, as the recipient facet gives it) rather than a code. */
const isOtherRecipientId = (value: string): boolean => value.length > 3;

/** The filters of a request, checked. */
export function searchFilterOf(dto: PublicSearchFiltersDto): PublicSearchFilter {
  if (dto.from && dto.to && dto.from > dto.to) {
    throw new PublicSearchException(PublicSearchErrorCode.InvalidRange, `from (${dto.from}) is after to (${dto.to})`);
  }
  return {
    text: parseTextQuery(dto.q),
    mandates: [...new Set(dto.mandate ?? [])],
    recipients: [...new Set((dto.recipient ?? []).filter((value) => !isOtherRecipientId(value)))],
    otherRecipientIds: [...new Set((dto.recipient ?? []).filter(isOtherRecipientId))],
    recipientKind: dto.recipientKind,
    type: dto.type,
    joint: dto.joint,
    from: dto.from,
    to: dto.to,
    replyStatus: dto.replyStatus,
  };
}

/**
 * A count of a sample scaled up to the projection, to two significant digits (312,456 → 310,000): an
 * estimate should not look more precise than it is.
 */
export function estimate(count: number, scale: number): number {
  const scaled = count * scale;
  if (scaled < 1) {
    return count > 0 ? 1 : 0;
  }
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(scaled)) - 1);
  return Math.round(scaled / unit) * unit;
}

function facetValues(
  counts: FacetCounts,
  facet: FacetRow['facet'],
  order: (a: FacetValueDto, b: FacetValueDto) => number,
): FacetValueDto[] {
  const { rows, scale } = counts;
  return rows
    .filter((row) => row.facet === facet)
    .map((row) => ({
      value: row.value ?? '',
      label: row.label,
      count: scale === null ? Number(row.count) : estimate(Number(row.count), scale),
    }))
    .sort(order);
}

const byCount = (a: FacetValueDto, b: FacetValueDto) => b.count - a.count || a.value.localeCompare(b.value);
/** Recipients with as many letters by name: other recipients' values are ids. */
const byCountThenLabel = (a: FacetValueDto, b: FacetValueDto) =>
  b.count - a.count || (a.label ?? a.value).localeCompare(b.label ?? b.value);

/**
 * The public communications database: search, facets, record pages and attachments. Anyone may call
 * it (the actor is the public one); everything it reads comes from the published projection.
 */
@Injectable()
export class PublicSearchService {
  constructor(
    private readonly repository: PublicSearchRepository,
    private readonly storage: AttachmentStorage,
    private readonly tx: TransactionHost,
  ) {}

  /**
   * A page of the search, as the JSON text of a page of PublicSearchHitDto (and the sort), in UTF-8: the
   * hits as PostgreSQL wrote them (see searchPageQuery), the cursor and the sort around them (see
   * jsonBytes). Its statements go to the read side like those of the methods on the read connection
   * (see PublicSearchRepository.searchPage).
   */
  async search(_actor: Actor, dto: PublicSearchQueryDto): Promise<Buffer> {
    const filter = searchFilterOf(dto);
    const sort: SearchSort = filter.text && (dto.sort ?? 'relevance') === 'relevance' ? 'relevance' : 'date';
    const limit = dto.limit ?? SEARCH_PAGE_DEFAULT;
    const after = dto.cursor === undefined ? undefined : await this.cursor(dto.cursor, sort);
    const rows = await this.repository.searchPage(filter, sort, limit + 1, after);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > limit && last
        ? encodeSearchCursor(
            sort === 'relevance'
              ? { sort, rank: Number(last.rank), sentOn: last.sentOn, reference: last.reference }
              : { sort, sentOn: last.sentOn, reference: last.reference },
          )
        : null;
    return jsonBytes(
      '{"items":[',
      page.map((row) => row.hit),
      `],"nextCursor":${JSON.stringify(nextCursor)},"sort":${JSON.stringify(sort)}}`,
    );
  }

  @OnReadConnection()
  async facets(_actor: Actor, dto: PublicSearchFiltersDto): Promise<PublicFacetsDto> {
    const counts = await this.repository.facets(searchFilterOf(dto));
    const [total] = facetValues(counts, 'total', byCount);
    return {
      total: total?.count ?? 0,
      estimated: counts.scale !== null,
      mandate: facetValues(counts, 'mandate', byCount),
      recipient: facetValues(counts, 'recipient', byCountThenLabel),
      type: facetValues(counts, 'type', (a, b) => a.value.localeCompare(b.value)),
      year: facetValues(counts, 'year', (a, b) => b.value.localeCompare(a.value)),
      replyStatus: facetValues(
        counts,
        'replyStatus',
        (a, b) => REPLY_STATUS_ORDER.indexOf(a.value) - REPLY_STATUS_ORDER.indexOf(b.value),
      ),
    };
  }

  /** The record page of a published letter, by its stable address (`UA-IRN-5-2023`). */
  @OnReadConnection()
  async record(_actor: Actor, slug: string): Promise<PublicCommunicationDto> {
    const letter = await this.findBySlug(slug);
    const replies = await this.repository.findReplies(letter.communicationId);
    const attachments = await this.repository.findAttachments(letter.communicationId);
    const links = await this.repository.findLinks(letter.communicationId);
    return mapPublishedRecord({ letter, replies, attachments, ...links });
  }

  /** A file of a public reply to a published letter. */
  @OnReadConnection()
  async attachment(_actor: Actor, slug: string, attachmentId: string): Promise<StreamableFile> {
    const reference = referenceFromSlug(slug);
    const attachment = reference ? await this.repository.findAttachment(reference, attachmentId) : null;
    if (!attachment) {
      throw new NotFoundException('attachment', attachmentId);
    }
    return new StreamableFile(await this.storage.get(attachment.storageKey), {
      type: attachment.mediaType,
      length: Number(attachment.size),
      disposition: contentDisposition(attachment.fileName),
    });
  }

  private async findBySlug(slug: string) {
    const reference = referenceFromSlug(slug);
    const letter = reference ? await this.repository.findByReference(reference) : null;
    if (!letter) {
      throw new NotFoundException('communication', slug);
    }
    return letter;
  }

  /** The keyset after a page: the cursor's sort keys and the id of the letter it names (still published). */
  private async cursor(text: string, sort: SearchSort): Promise<SearchCursor> {
    const mark = decodeSearchCursor(text);
    const id = mark && mark.sort === sort ? await this.repository.findIdByReference(mark.reference) : null;
    if (!mark || !id) {
      throw new PublicSearchException(
        PublicSearchErrorCode.InvalidCursor,
        'Invalid page cursor (it belongs to another sort, or was not made by this API)',
      );
    }
    return mark.sort === 'relevance'
      ? { sort: mark.sort, rank: mark.rank, sentOn: mark.sentOn, id }
      : { sort: mark.sort, sentOn: mark.sentOn, id };
  }
}
