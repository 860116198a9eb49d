/** `'a', 'b', 'c'`: a list of string literals for CHECK constraints and partial index predicates. */
export const sqlList = (values: readonly string[]): string => values.map((value) => `'${value}'`).join(', ');
