import { ValidationError } from 'class-validator';
import { DomainException, ErrorKind } from '@spcomms/errors';

export interface FieldError {
  field: string;
  errors: string[];
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, errors: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

export class ValidationException extends DomainException {
  constructor(errors: ValidationError[]) {
    const fields = flatten(errors);
    const summary = fields.map((field) => field.errors.join(', ')).join('; ');
    super(ErrorKind.Invalid, 'validation.failed', `Invalid input: ${summary}`, fields);
  }
}
