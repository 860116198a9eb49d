const declared = new Set<string>();

const KIND_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/**
 * Declares a kind of schedule, e.g. `export const LetterReminderBefore = declareScheduleKind('letter.reminder.before')`.
 * Only declared kinds can be planned, and the worker refuses to start while a declared kind has no
 * handler, so a kind cannot be planned in one place and forgotten in the other.
 */
export function declareScheduleKind<K extends string>(kind: K): K {
  if (!KIND_PATTERN.test(kind)) {
    throw new Error(`Schedule kind "${kind}" must be dotted lower-case words, e.g. letter.reminder.before`);
  }
  declared.add(kind);
  return kind;
}

export function isDeclaredScheduleKind(kind: string): boolean {
  return declared.has(kind);
}

export function declaredScheduleKinds(): string[] {
  return [...declared].sort();
}
