/** Trims text; a blank optional answer of the form counts as not given. */
export const optionalText = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() || undefined : value;

/** Trims text; a blank required answer stays blank and fails its rules. */
export const requiredText = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
