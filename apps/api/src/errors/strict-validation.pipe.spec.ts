import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Min } from 'class-validator';
import { ArgumentMetadata } from '@nestjs/common';
import { StrictValidationPipe } from './strict-validation.pipe';
import { ValidationException } from './validation.exception';

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
      const error = await sut.transform(value, query(Boolean, 'includeEnded')).catch((caught: unknown) => caught);
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
    const error = await sut
      .transform({ offset }, { type: 'query', metatype: PageQuery })
      .catch((caught: unknown) => caught);
    expect((error as ValidationException).details).toEqual([
      { field: 'offset', errors: ['offset must be between -2147483647 and 2147483647'] },
    ]);
  });

  it('refuses an explicit null for an optional body property, and accepts leaving it out', async () => {
    const error = await sut
      .transform({ title: null }, { type: 'body', metatype: TitleBody })
      .catch((caught: unknown) => caught);
    expect((error as ValidationException).details).toEqual([
      { field: 'title', errors: ['title must not be null (leave it out instead)'] },
    ]);
    await expect(sut.transform({}, { type: 'body', metatype: TitleBody })).resolves.toEqual({});
  });
});
