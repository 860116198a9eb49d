import { FastifyRequest } from 'fastify';
import { UserActor } from '@spcomms/access';
import { Language } from '../i18n/languages';

/** What the page guard learns of a request: its language, its person and its CSRF token. */
export interface PageState {
  lang: Language;
  user: UserActor | null;
  /** The token of the session cookie, when the person is logged in. */
  sessionToken: string | null;
  /** The CSRF token as this page's forms carry it (masked afresh for each page). */
  csrf: string;
}

export type PageRequest = FastifyRequest & { page?: PageState };

/** The address of the request after its language: `/fr/account?x=1` → `/account?x=1`. */
export function pathAfterLanguage(url: string): string {
  const rest = url.replace(/^\/[a-z]{2}(?=\/|\?|$)/, '');
  return rest === '' || rest.startsWith('?') ? `/${rest}` : rest;
}
