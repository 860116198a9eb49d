import { ArgumentMetadata, PipeTransform, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { ValidationError, ValidatorOptions } from 'class-validator';
import { InputProblem, findNullProblems } from '@spcomms/errors';
import { findNumberProblems } from './input-checks';
import { ValidationException } from './validation.exception';

/**
 * The global validation pipe: Nest's ValidationPipe (see CheckingPipe for the three differences), with
 * what needs no check answered at once rather than as a promise: a custom decorator's value (the
 * actor), and a query its DTO's quick parse accepts (see quickParserOf). Nest awaits every parameter
 * through every pipe, and on a hot route each promise spared is CPU spared, the asynchronous
 * context's hooks on it included.
 */
export class StrictValidationPipe implements PipeTransform {
  /** Whether a query DTO's own quick parse (see quickParserOf) is tried before the full checks. */
  protected quickQueries = true;
  private readonly checks: CheckingPipe;

  constructor(options?: ValidationPipeOptions) {
    this.checks = new CheckingPipe(options);
  }

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom' && !this.checks.validatesCustomDecorators) {
      // What ValidationPipe answers for it too: the value, unchanged.
      return value;
    }
    if (metadata.type === 'query' && this.quickQueries && value !== null && typeof value === 'object') {
      const quick = quickParserOf(metadata.metatype)?.(value as Record<string, unknown>);
      if (quick !== undefined) {
        return quick;
      }
    }
    return this.checks.transform(value, metadata);
  }
}

/**
 * Nest's ValidationPipe, with three differences:
 * - a single path or query parameter typed boolean or number that does not parse as one is refused
 *   with 400 (Nest's own pipe would turn `?flag=yes` into `false` and `?page=abc` into `NaN` before any
 *   ParseBoolPipe or ParseIntPipe could see them);
 * - an explicit `null` in a body is refused unless the property is documented nullable;
 * - a number outside what the database holds (`1e308`, `9007199254740993`) is refused, in a body or query.
 */
class CheckingPipe extends ValidationPipe {
  get validatesCustomDecorators(): boolean {
    return this.validateCustomDecorators;
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body') {
      // A DTO is an object: an array (of any length) is refused before class-transformer makes an
      // instance of every element of it.
      if (Array.isArray(value) && isDtoClass(metadata.metatype)) {
        refuse([{ field: 'body', constraint: 'isObject', message: 'The body must be a JSON object, not an array' }]);
      }
      refuse(findNullProblems(value, metadata.metatype));
    }
    const result: unknown = await super.transform(value, metadata);
    if (metadata.type !== 'custom') {
      refuse(findNumberProblems(result, metadata.type === 'body' ? '' : (metadata.data ?? '')));
    }
    return result;
  }

  /** The errors keep their target, so that a missing field of a whole replacement can say so (it is never sent). */
  protected override validate(
    object: object,
    validatorOptions?: ValidatorOptions,
  ): Promise<ValidationError[]> | ValidationError[] {
    return super.validate(object, {
      ...validatorOptions,
      validationError: { ...validatorOptions?.validationError, target: true },
    });
  }

  protected override transformPrimitive(value: unknown, metadata: ArgumentMetadata): unknown {
    const { type, data, metatype } = metadata;
    if (data && (type === 'query' || type === 'param') && value !== undefined) {
      if (metatype === Boolean && !['true', 'false', true, false].includes(value as string | boolean)) {
        refuse([{ field: data, constraint: 'isBoolean', message: `${data} must be true or false` }]);
      }
      if (
        metatype === Number &&
        !(
          typeof value === 'number' ||
          (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
        )
      ) {
        refuse([{ field: data, constraint: 'isNumber', message: `${data} must be a number` }]);
      }
    }
    return super.transformPrimitive(value, metadata);
  }
}

/**
 * A query DTO may offer a static `quickParse(query)`: the DTO made from a query string that plainly
 * passes all its checks, or undefined for anything else. The full checks run only when it answers
 * undefined; it must never accept what they refuse, nor make another value than they make (each one
 * has a spec holding it to that). For a hot route whose validation costs more than its work.
 */
function quickParserOf(metatype: unknown): ((query: Record<string, unknown>) => unknown) | undefined {
  const parse = (metatype as { quickParse?: unknown } | undefined)?.quickParse;
  return typeof parse === 'function'
    ? (parse as (query: Record<string, unknown>) => unknown).bind(metatype)
    : undefined;
}

function refuse(problems: InputProblem[]): void {
  if (problems.length > 0) {
    throw ValidationException.of(problems);
  }
}

function isDtoClass(metatype: unknown): boolean {
  return typeof metatype === 'function' && ![Array, Object, String, Number, Boolean].includes(metatype as never);
}
