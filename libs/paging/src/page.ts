import { Type, applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';
import { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** What every list answers: one page of items, and the cursor of the next page (null on the last). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * The page of `limit` items out of `rows`, fetched with one row more than `limit` so that the
 * extra row tells whether a next page exists; `cursorOf` makes the cursor of the page's last item.
 */
export function pageOf<R>(rows: R[], limit: number, cursorOf: (last: R) => string): Page<R> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}

/** The OpenAPI schema of a page of `item`, with the list's own further fields if it has any. */
export function pageSchema(item: Type<unknown>, extra: Record<string, SchemaObject> = {}): SchemaObject {
  return {
    type: 'object',
    required: ['items', 'nextCursor', ...Object.keys(extra)],
    properties: {
      items: { type: 'array', items: { $ref: getSchemaPath(item) } },
      nextCursor: {
        type: 'string',
        nullable: true,
        description: 'Pass as `cursor` for the next page; null on the last page',
      },
      ...extra,
    },
  };
}

/** Documents a list route's 200 answer as a page of `item`: `{ items, nextCursor }`. */
export function ApiPageResponse(
  item: Type<unknown>,
  options: { description?: string; extra?: Record<string, SchemaObject> } = {},
): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(item),
    ApiOkResponse({
      description: options.description ?? 'One page, newest first',
      schema: pageSchema(item, options.extra),
    }),
  );
}
