import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Min } from 'class-validator';
import { ArgumentMetadata } from '@nestjs/common';
import { StrictValidationPipe } from './strict-validation.pipe';
import { ValidationException } from './validation.exception';

/** What the pipe refuses a value with (a rejection), or undefined when it accepts it. */
async function refusal(answer: unknown): Promise<unknown> {
  try {
    await answer;
    return undefined;
  } catch (caught) {
    return caught;
  }
}

describe('StrictValidationPipe', () => {
  const sut = new StrictValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });
  const query = (metatype: ArgumentMetadata['metatype'], data = 'flag'): ArgumentMetadata => ({
    type: 'query',
    metatype,
    data,
  });

  it.each([
    ['true', true],
    ['false', false],
    [undefined, undefined],
  ])('parses the boolean %p', async (value, parsed) => {
    await expect(sut.transform(value, query(Boolean))).resolves.toBe(parsed);
  });

  it.each(['yes', '1', '', 'TRUE'])(
    'refuses the boolean %p with a validation error naming the parameter',
    async (value) => {
      const error = await refusal(sut.transform(value, query(Boolean, 'includeEnded')));
      expect(error).toBeInstanceOf(ValidationException);
      expect((error as ValidationException).details).toEqual([
        { field: 'includeEnded', errors: ['includeEnded must be true or false'] },
      ]);
    },
  );

  it.each([
    ['12', 12],
    ['-1.5', -1.5],
    [undefined, undefined],
  ])('parses the number %p', async (value, parsed) => {
    await expect(sut.transform(value, { type: 'param', metatype: Number, data: 'year' })).resolves.toBe(parsed);
  });

  it.each(['abc', '', ' ', '12abc', 'Infinity'])('refuses the number %p', async (value) => {
    await expect(sut.transform(value, { type: 'param', metatype: Number, data: 'year' })).rejects.toThrow(
      'year must be a number',
    );
  });

  it('leaves strings and bodies to the usual validation', async () => {
    await expect(sut.transform('anything', query(String, 'q'))).resolves.toBe('anything');
    await expect(sut.transform(true, { type: 'body', metatype: Boolean })).resolves.toBe(true);
  });

  it("answers a custom decorator's value (the actor) as it is, at once rather than as a promise", () => {
    const actor = { kind: 'public', ip: '192.0.2.1' };

    const answer = sut.transform(actor, { type: 'custom', metatype: Object });

    expect(answer).not.toBeInstanceOf(Promise);
    expect(answer).toBe(actor);
  });

  it('answers a query its DTO parses quickly at once, and any other query as a promise', async () => {
    class QuickQuery {
      name?: string;

      static quickParse(given: Record<string, unknown>): QuickQuery | undefined {
        return Object.keys(given).length === 0 ? new QuickQuery() : undefined;
      }
    }

    const quick = sut.transform({}, query(QuickQuery, undefined as never));
    const checked = sut.transform({ name: 'x' }, query(QuickQuery, undefined as never));

    expect(quick).toBeInstanceOf(QuickQuery);
    expect(checked).toBeInstanceOf(Promise);
    // No validation metadata on QuickQuery: whitelisting refuses the unknown property.
    await expect(checked).rejects.toThrow();
  });
});

describe('StrictValidationPipe, with the checks of every input', () => {
  class PageQuery {
    @Type(() => Number)
    @IsOptional()
    @IsInt()
    @Min(0)
    offset?: number;
  }

  class TitleBody {
    @ApiPropertyOptional()
    @IsOptional()
    @IsString()
    title?: string;
  }

  const sut = new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new ValidationException(errors),
  });

  it.each(['1e308', '9007199254740993'])('refuses the query number %s, naming it', async (offset) => {
    const error = await refusal(sut.transform({ offset }, { type: 'query', metatype: PageQuery }));
    expect((error as ValidationException).details).toEqual([
      { field: 'offset', errors: ['offset must be between -2147483647 and 2147483647'] },
    ]);
  });

  it('refuses an explicit null for an optional body property, and accepts leaving it out', async () => {
    const error = await refusal(sut.transform({ title: null }, { type: 'body', metatype: TitleBody }));
    expect((error as ValidationException).details).toEqual([
      { field: 'title', errors: ['title must not be null (leave it out instead)'] },
    ]);
    await expect(sut.transform({}, { type: 'body', metatype: TitleBody })).resolves.toEqual({});
  });
});
