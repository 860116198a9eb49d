import { Role } from '@spcomms/access';

/**
 * Where each role lands after logging in (an address after the language). The workspace, the portal,
 * the committee's dashboard and the administration pages are built by later work: until they exist
 * every role lands on its account page.
 */
export const ROLE_HOMES: Record<Role, string> = {
  [Role.Assistant]: '/workspace',
  [Role.MandateHolder]: '/workspace/decisions',
  [Role.Government]: '/account',
  [Role.Committee]: '/account',
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
