const WHOLE_REPLACEMENT = 'spcomms:whole-replacement';

/**
 * Marks a request DTO that replaces a whole resource (every field is sent, not only the changed ones),
 * so that an error for a field left out says so.
 */
export function WholeReplacement(): ClassDecorator {
  return (target) => Reflect.defineMetadata(WHOLE_REPLACEMENT, true, target);
}

export function isWholeReplacement(type: unknown): boolean {
  return typeof type === 'function' && Reflect.getMetadata(WHOLE_REPLACEMENT, type) === true;
}
