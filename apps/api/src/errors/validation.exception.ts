import { ValidationError } from 'class-validator';
import { DomainException, ErrorKind, FieldError, InputProblem, fieldErrors, validationMessage } from '@spcomms/errors';

export type { FieldError };

export class ValidationException extends DomainException {
  constructor(errors: ValidationError[]) {
    const fields = fieldErrors(errors);
    super(ErrorKind.Invalid, 'validation.failed', validationMessage(fields, errors), fields);
  }

  /** The problems found by the checks every input goes through (input-checks.ts), as one validation error. */
  static of(problems: InputProblem[]): ValidationException {
    return new ValidationException(
      problems.map((problem) =>
        Object.assign(new ValidationError(), {
          property: problem.field,
          constraints: { [problem.constraint]: problem.message },
          children: [],
        }),
      ),
    );
  }
}
