import { ValidationOptions, registerDecorator } from 'class-validator';
import { isCalendarDate } from './calendar';

/** A `YYYY-MM-DD` calendar day that exists. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be a calendar date (YYYY-MM-DD)`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value) },
    });
}
