import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { findNullProblems } from '@spcomms/errors';
import {
  MAX_JSON_DEPTH,
  MAX_JSON_VALUES,
  findNumberProblems,
  findTextProblems,
  hasTextProblems,
  jsonExcess,
} from './input-checks';

class PeriodInput {
  @ApiProperty() start!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) end?: string | null;
}

class VisitInput {
  @ApiPropertyOptional() purpose?: string;
  @ApiPropertyOptional({ type: PeriodInput }) period?: PeriodInput;
  @ApiPropertyOptional({ type: [PeriodInput] }) periods?: PeriodInput[];
}

describe('input checks', () => {
  describe('jsonExcess', () => {
    it('counts the values of a body, not the commas inside its strings', () => {
      expect(jsonExcess(`[${'0,'.repeat(MAX_JSON_VALUES)}0]`)).toBe('values');
      expect(jsonExcess(`[${'0,'.repeat(MAX_JSON_VALUES - 1)}0]`)).toBeNull();
      expect(jsonExcess(JSON.stringify({ text: ','.repeat(MAX_JSON_VALUES * 2) }))).toBeNull();
    });

    const nested = (levels: number) => `${'[{"a":'.repeat(levels)}1${'}]'.repeat(levels)}`;

    it('counts arrays and objects, up to the limit', () => {
      expect(jsonExcess(nested(MAX_JSON_DEPTH / 2))).toBeNull();
      expect(jsonExcess(nested(MAX_JSON_DEPTH / 2 + 1))).toBe('depth');
      expect(jsonExcess('['.repeat(1_000_000))).toBe('depth');
    });

    it('ignores brackets inside strings, escaped quotes included', () => {
      expect(jsonExcess(JSON.stringify({ a: '[[[[{{{{'.repeat(100), b: '\\"[[[[' }))).toBeNull();
      expect(jsonExcess(`["\\"${'['.repeat(100)}"]`)).toBeNull();
    });
  });

  describe('findTextProblems', () => {
    it('names NUL characters and lone surrogates at any depth, in values and property names', () => {
      const problems = findTextProblems({ a: 'ok', b: ['fine', 'x\u0000'], c: { d: 'a\ud800b' }, 'e\udc00': 1 });
      expect(problems.map((problem) => [problem.field, problem.constraint])).toEqual([
        ['b.1', 'noNul'],
        ['c.d', 'wellFormed'],
        ['e\udc00', 'wellFormed'],
      ]);
    });

    it('accepts well-formed text, pairs of surrogates included, and leaves buffers alone', () => {
      expect(findTextProblems({ a: 'émoji 😀 ا', b: Buffer.from([0]), c: 12, d: null })).toEqual([]);
    });
  });

  describe('hasTextProblems', () => {
    it.each([
      ['a NUL in a value at depth', { a: 'ok', b: ['fine', { c: 'x\u0000' }] }],
      ['a lone surrogate in an array', ['a', 'b\ud800']],
      ['a property name', { ok: { 'e\udc00': 1 } }],
      ['a bare string', 'x\u0000y'],
    ])('finds %s, as findTextProblems does', (_name, value) => {
      expect(hasTextProblems(value)).toBe(true);
      expect(findTextProblems(value)).not.toEqual([]);
    });

    it.each([
      ['well-formed text', { a: 'émoji 😀 ا', b: ['x', 'y'], c: 12, d: null, e: undefined }],
      ['a buffer holding NUL', { file: Buffer.from([0]) }],
      ['an inherited property', Object.create({ 'x\u0000': 'y\u0000' }) as object],
      ['nothing', undefined],
    ])('finds nothing in %s, as findTextProblems', (_name, value) => {
      expect(hasTextProblems(value)).toBe(false);
      expect(findTextProblems(value)).toEqual([]);
    });
  });

  describe('findNumberProblems', () => {
    it.each([1e308, Number('9007199254740993'), -2_147_483_649, Number.NaN])('refuses %p', (number) => {
      expect(findNumberProblems({ a: { b: [number] } })).toEqual([
        expect.objectContaining({ field: 'a.b.0', constraint: 'inRange' }),
      ]);
    });

    it('accepts numbers a column holds, and dates', () => {
      expect(findNumberProblems({ a: 2_147_483_647, b: -2_147_483_647, c: 0.5, d: new Date(0) })).toEqual([]);
    });
  });

  describe('findNullProblems', () => {
    it('refuses null where the property is not documented nullable, at any depth', () => {
      const problems = findNullProblems(
        { purpose: null, period: { start: null, end: null }, periods: [{ start: 'x' }, { start: null }] },
        VisitInput,
      );
      expect(problems.map((problem) => problem.field)).toEqual(['purpose', 'period.start', 'periods.1.start']);
    });

    it('keeps null where it is documented, and leaves unknown properties to validation', () => {
      expect(findNullProblems({ period: { start: 'x', end: null }, unknown: null }, VisitInput)).toEqual([]);
      expect(findNullProblems({ purpose: null }, Object)).toEqual([]);
    });
  });
});
