import { Role } from '@spcomms/access';

/** Where each role lands after logging in (an address after the language): its home. */
export const ROLE_HOMES: Record<Role, string> = {
  [Role.Assistant]: '/workspace',
  [Role.MandateHolder]: '/workspace/decisions',
  [Role.Government]: '/portal',
  [Role.Committee]: '/dashboard',
  [Role.Admin]: '/admin/users',
};

/**
 * The page to return to after login, when it is an address of this site (`/communications?q=x`):
 * never another site (`//evil.example`, `https:…`, `/\evil`), never a language prefix of its own.
 */
export function safeNext(next: string | undefined): string | null {
  if (!next || next.length > 2000 || !next.startsWith('/') || next.startsWith('//') || /[\\\s]/.test(next)) {
    return null;
  }
  return next;
}
