import fc from 'fast-check';
import { ArgumentMetadata } from '@nestjs/common';
import { ValidationError } from 'class-validator';
import { PublicSearchQueryDto } from '@spcomms/public-search';
import { StrictValidationPipe } from './strict-validation.pipe';
import { ValidationException } from './validation.exception';

/** The global pipe as the API configures it (api.module.ts). */
const options = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  forbidUnknownValues: true,
  exceptionFactory: (errors: ValidationError[]) => new ValidationException(errors),
};

/** The same pipe without the quick parse of query DTOs: class-transformer and class-validator every time. */
class FullChecksPipe extends StrictValidationPipe {
  protected override quickQueries = false;
}

const metadata: ArgumentMetadata = { type: 'query', metatype: PublicSearchQueryDto, data: undefined };

/** What a pipe answers for a query string: the value it makes, or the error it refuses it with. */
async function answer(pipe: StrictValidationPipe, query: Record<string, unknown>) {
  try {
    return { value: await pipe.transform(structuredClone(query), metadata) };
  } catch (error) {
    return { error: error instanceof ValidationException ? { code: error.code, details: error.details } : error };
  }
}

/** Values at and around every check of the search's parameters, right and wrong. */
const VALUES = [
  ...['EXPRESSION', 'WGAD', 'A', 'AB', `A${'B'.repeat(19)}`, `A${'B'.repeat(20)}`, 'A_1', 'expression', '1AB'],
  ...[
    'IRN',
    'OTH',
    'irn',
    'IR',
    'IRNN',
    '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
    '0B1C2D3E-4F5A-4B6C-8D7E-9F0A1B2C3D4E',
  ],
  ...['true', 'false', 'TRUE', '1', '0', '', ' ', '20', '100', '101', '020', '1.5', '-1', '1e2', '999', '1000'],
  ...['2020-02-29', '2021-02-29', '2020-13-01', '2020-1-01', '2020-01-01T00:00:00Z', '0000-01-01'],
  ...['UA', 'AL', 'OL', 'ua', 'state', 'other', 'replied', 'not_replied', 'confidential', 'relevance', 'date'],
  ...['torture', '"death penalty" -police', 'x'.repeat(300), 'x'.repeat(301), 'y'.repeat(500), 'y'.repeat(501)],
  ...['é'.repeat(500), '😀'.repeat(250), '😀'.repeat(251), 'a\u0000b', 'constructor', '__proto__'],
];
const KEYS = [
  ...['q', 'mandate', 'recipient', 'recipientKind', 'type', 'joint', 'from', 'to', 'replyStatus', 'cursor', 'limit'],
  ...['sort', 'Q', 'page', 'constructor', 'toString', 'mandate[]'],
];
const value = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...VALUES) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...VALUES), { maxLength: 22 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);
const query = fc
  .uniqueArray(fc.tuple(fc.constantFrom(...KEYS), value), { maxLength: 6, selector: ([key]) => key })
  .map((entries) => Object.fromEntries(entries) as Record<string, unknown>);

describe('the quick parse of the public search query', () => {
  const pipe = new StrictValidationPipe(options);
  const full = new FullChecksPipe(options);

  it('accepts only what the full checks accept, as the very value they make, and the pipe answers as they do', async () => {
    let quick = 0;
    await fc.assert(
      fc.asyncProperty(query, async (given) => {
        const expected = await answer(full, given);
        const parsed = PublicSearchQueryDto.quickParse(structuredClone(given));
        quick += parsed === undefined ? 0 : 1;
        // Whatever the quick parse makes, the full checks make too, without an error.
        expect(parsed === undefined ? undefined : { value: parsed }).toStrictEqual(
          parsed === undefined ? undefined : expected,
        );
        const actual = await answer(pipe, given);
        expect(actual).toStrictEqual(expected);
        expect('error' in actual || actual.value instanceof PublicSearchQueryDto).toBe(true);
      }),
      { numRuns: 3000, seed: 20261205 },
    );
    // The property says something only if the quick parse answered often enough.
    expect(quick).toBeGreaterThan(300);
  });

  it('answers the searches of the public pages without the full checks', () => {
    for (const given of [
      {},
      { q: 'torture' },
      { mandate: 'WGAD', recipient: ['IRN', 'OTH'], type: 'UA', joint: 'true', from: '2020-01-01', to: '2022-12-31' },
      { q: 'detention', mandate: ['WGAD'], replyStatus: 'replied', sort: 'date', limit: '100', cursor: 'abc' },
      { recipientKind: 'other', recipient: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e' },
    ]) {
      expect(PublicSearchQueryDto.quickParse(given)).toBeInstanceOf(PublicSearchQueryDto);
    }
    expect(PublicSearchQueryDto.quickParse({ q: ['a', 'b'] })).toBeUndefined();
    expect(PublicSearchQueryDto.quickParse({ limit: '101' })).toBeUndefined();
    expect(PublicSearchQueryDto.quickParse({ unknown: 'x' })).toBeUndefined();
  });
});
