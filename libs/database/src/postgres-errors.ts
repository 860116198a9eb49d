import { QueryFailedError } from 'typeorm';

/** PostgreSQL error codes the services react to. */
export const PgErrorCode = {
  UniqueViolation: '23505',
  ForeignKeyViolation: '23503',
  CheckViolation: '23514',
  SerializationFailure: '40001',
  DeadlockDetected: '40P01',
} as const;

export function pgErrorCode(error: unknown): string | undefined {
  if (error instanceof QueryFailedError) {
    return (error.driverError as { code?: string }).code;
  }
  return (error as { code?: string } | undefined)?.code;
}

export function pgConstraint(error: unknown): string | undefined {
  if (error instanceof QueryFailedError) {
    return (error.driverError as { constraint?: string }).constraint;
  }
  return undefined;
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return pgErrorCode(error) === PgErrorCode.UniqueViolation && (!constraint || pgConstraint(error) === constraint);
}
