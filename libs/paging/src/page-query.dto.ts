import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** How many items a page holds when `limit` is not given, and the most it may ask for. */
export interface PageLimits {
  default: number;
  max: number;
}

/** The limits of every list, unless a list documents its own (the public search: 20 and 100). */
export const PAGE_LIMITS: PageLimits = { default: 50, max: 200 };

type Constructor<T = object> = new (...args: any[]) => T;

/** The longest `cursor` a list accepts. */
export const PAGE_CURSOR_MAX_LENGTH = 300;

export interface PageQueryFields {
  cursor?: string;
  limit?: number;
}

/**
 * The two query parameters of every list, `?cursor=&limit=`, documented with the list's limits.
 * A list's query DTO extends `PageQuery()` (or `PageQuery(ownLimits)`) and adds its filters;
 * `PageQuery(limits, Filters)` adds the two to a filters class of its own.
 */
export function PageQuery<B extends Constructor>(
  limits: PageLimits = PAGE_LIMITS,
  Base?: B,
): B & Constructor<PageQueryFields> {
  const Parent = (Base ?? class {}) as Constructor;
  class PageQueryBase extends Parent implements PageQueryFields {
    @ApiPropertyOptional({ description: 'The nextCursor of the previous page; omit for the first page' })
    @IsOptional()
    @IsString()
    @MaxLength(PAGE_CURSOR_MAX_LENGTH)
    cursor?: string;

    @ApiPropertyOptional({
      minimum: 1,
      maximum: limits.max,
      default: limits.default,
      description: `Items per page: ${limits.default} when omitted, at most ${limits.max}`,
    })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(limits.max)
    limit?: number;
  }
  return PageQueryBase as B & Constructor<PageQueryFields>;
}

/** `?cursor=&limit=` alone, for a list without filters. */
export class PageQueryDto extends PageQuery() {}

/** The page size asked for, within the list's limits. */
export function pageSize(limit: number | undefined, limits: PageLimits = PAGE_LIMITS): number {
  return Math.min(limit ?? limits.default, limits.max);
}
