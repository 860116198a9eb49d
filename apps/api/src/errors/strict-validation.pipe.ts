import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { ValidationError } from 'class-validator';
import { ValidationException } from './validation.exception';

/**
 * The global validation pipe, with one difference: a single path or query parameter typed boolean or
 * number that does not parse as one is refused with 400. Nest's own pipe would turn `?flag=yes` into
 * `false` and `?page=abc` into `NaN` before any ParseBoolPipe or ParseIntPipe could see them.
 */
export class StrictValidationPipe extends ValidationPipe {
  protected override transformPrimitive(value: unknown, metadata: ArgumentMetadata): unknown {
    const { type, data, metatype } = metadata;
    if (data && (type === 'query' || type === 'param') && value !== undefined) {
      if (metatype === Boolean && !['true', 'false', true, false].includes(value as string | boolean)) {
        throw invalid(data, 'isBoolean', `${data} must be true or false`);
      }
      if (metatype === Number && !(typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))))) {
        throw invalid(data, 'isNumber', `${data} must be a number`);
      }
    }
    return super.transformPrimitive(value, metadata);
  }
}

function invalid(property: string, constraint: string, message: string): ValidationException {
  return new ValidationException([Object.assign(new ValidationError(), { property, constraints: { [constraint]: message }, children: [] })]);
}
