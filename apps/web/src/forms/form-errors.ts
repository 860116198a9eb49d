/** An error of a form: the field's id (the error summary links to `#<field>`) and its message. */
export interface FormError {
  field: string;
  text: string;
}

/**
 * The errors of a form as its template needs them: a list for the error summary
 * (`summary: [{ href: '#id', text }]`) and each field's message (`byField.id`).
 */
export function formErrors(errors: FormError[]): {
  summary: Array<{ href: string; text: string }>;
  byField: Record<string, string>;
} {
  const byField: Record<string, string> = {};
  for (const error of errors) {
    byField[error.field] ??= error.text;
  }
  return { summary: errors.map((error) => ({ href: `#${error.field}`, text: error.text })), byField };
}

/** A posted form's text field, trimmed (empty when absent or not text). */
export function textField(body: unknown, name: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value.trim() : '';
}

/** A posted form's field as typed (passwords are not trimmed). */
export function rawField(body: unknown, name: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
}

/** A field posted once or more (checkboxes): its values. */
export function listField(body: unknown, name: string): string[] {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return (Array.isArray(value) ? value : [value]).filter((entry): entry is string => typeof entry === 'string');
}
