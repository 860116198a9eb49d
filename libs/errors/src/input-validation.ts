import { ValidationError } from 'class-validator';
import { isWholeReplacement } from './whole-replacement';

/** The errors of one input field, as the `details` of a `validation.failed` answer list them. */
export interface FieldError {
  field: string;
  errors: string[];
}

/** A problem with one input value, named by its path as the validation errors name fields (`victims.0.name`). */
export interface InputProblem {
  field: string;
  constraint: string;
  message: string;
}

/** A property left out: class-validator records its value as undefined (the key is there). */
function missing(error: ValidationError): boolean {
  return Object.prototype.hasOwnProperty.call(error, 'value') && error.value === undefined;
}

/** One message per field, at any depth: "is required" when it was left out, otherwise the first rule it broke. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const messages = Object.values(error.constraints ?? {});
    const own = messages.length ? [{ field, errors: [missing(error) ? `${field} is required` : messages[0]] }] : [];
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

/** The message of a validation error: every field's message, and a word when a whole replacement missed fields. */
export function validationMessage(fields: FieldError[], errors: ValidationError[] = []): string {
  const summary = fields.map((field) => field.errors.join(', ')).join('; ');
  const target = errors.find((error) => missing(error) && error.target)?.target;
  const note =
    target && isWholeReplacement(target.constructor)
      ? ' (this request replaces the whole content: send every field, not only the changed ones)'
      : '';
  return `Invalid input: ${summary}${note}`;
}

/** Where @nestjs/swagger keeps what @ApiProperty says of each property. */
const API_PROPERTY = 'swagger/apiModelProperties';
const API_PROPERTIES = 'swagger/apiModelPropertiesArray';

interface DocumentedProperty {
  nullable?: boolean;
  type?: unknown;
}

type Class = abstract new (...args: never[]) => unknown;

function documentedClass(type: unknown): Class | undefined {
  return typeof type === 'function' && type.prototype && Reflect.hasMetadata(API_PROPERTIES, type.prototype)
    ? (type as Class)
    : undefined;
}

function join(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}

/**
 * Every explicit `null` in a JSON body for a property that its DTO does not document as nullable
 * (`@ApiProperty({ nullable: true })`, where null clears a value), at any depth of nested DTOs.
 * Optional means "may be left out", not "may be null": class-validator's @IsOptional lets null through.
 */
export function findNullProblems(value: unknown, metatype: unknown, parent = ''): InputProblem[] {
  const type = documentedClass(metatype);
  if (!type || value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [];
  }
  return Object.entries(value).flatMap(([key, item]) => {
    const documented = Reflect.getMetadata(API_PROPERTY, type.prototype, key) as DocumentedProperty | undefined;
    const field = join(parent, key);
    if (!documented) {
      return [];
    }
    if (item === null) {
      return documented.nullable
        ? []
        : [{ field, constraint: 'notNull', message: `${field} must not be null (leave it out instead)` }];
    }
    return Array.isArray(item)
      ? item.flatMap((element, index) => findNullProblems(element, documented.type, join(field, String(index))))
      : findNullProblems(item, documented.type, field);
  });
}
