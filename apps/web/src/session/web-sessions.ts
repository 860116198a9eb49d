import { timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { UserActor } from '@spcomms/access';
import { AuthService } from '@spcomms/accounts';
import { Clock } from '@spcomms/clock';
import { AppConfig } from '@spcomms/config';
import { LANGUAGE_COOKIE } from '../i18n/languages';
import { readCookies, serializeCookie } from '../render/cookies';
import { pooledRandomBytes } from './random-pool';

/** The cookie that holds a person's session token (the same revocable sessions as the API's tokens). */
export const SESSION_COOKIE = 'spcomms_session';
/** The cookie a form's hidden `_csrf` field must match (double submit, renewed at login and logout). */
export const CSRF_COOKIE = 'spcomms_csrf';
/** The form field that carries the CSRF token. */
export const CSRF_FIELD = '_csrf';

/**
 * Browser sessions: the cookie holds a session token issued by AuthService.login, so that a session
 * ends exactly when a token does (logout, password reset, a disabled account, expiry). The CSRF token
 * is a random value in its own cookie, repeated in every form; a site elsewhere can neither read it
 * nor set it, so it cannot forge a form that carries it.
 */
@Injectable()
export class WebSessions {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  private get secure(): boolean {
    return this.config.env.PUBLIC_BASE_URL.startsWith('https:');
  }

  async userOf(request: FastifyRequest): Promise<{ user: UserActor | null; token: string | null }> {
    const token = readCookies(request.headers.cookie)[SESSION_COOKIE];
    if (!token || !/^spc_[\w-]{20,100}$/.test(token)) {
      return { user: null, token: null };
    }
    const user = await this.auth.authenticate(token);
    return { user, token: user ? token : null };
  }

  /** The CSRF token of the request's cookie; a new one (set on the reply) when it has none. */
  csrfOf(request: FastifyRequest, reply: FastifyReply): string {
    const given = readCookies(request.headers.cookie)[CSRF_COOKIE];
    if (given && /^[\w-]{43}$/.test(given)) {
      return given;
    }
    return this.renewCsrf(reply);
  }

  renewCsrf(reply: FastifyReply): string {
    const token = pooledRandomBytes(32).toString('base64url');
    void reply.header('set-cookie', serializeCookie(CSRF_COOKIE, token, { secure: this.secure }));
    return token;
  }

  /**
   * The token as a form carries it: masked with fresh random bytes each time it is written
   * (`mask ‖ mask XOR token`), so that a compressed page never repeats the same secret bytes
   * (BREACH); any masking of the cookie's token is accepted.
   */
  maskCsrf(token: string): string {
    const secret = Buffer.from(token, 'base64url');
    const mask = pooledRandomBytes(secret.length);
    return Buffer.concat([mask, xor(mask, secret)]).toString('base64url');
  }

  /** Whether a posted form carries (a masking of) the CSRF token of its cookie. */
  csrfMatches(request: FastifyRequest): boolean {
    const body = request.body as Record<string, unknown> | undefined;
    return this.csrfValueMatches(request, body && typeof body === 'object' ? body[CSRF_FIELD] : undefined);
  }

  /** Whether a `_csrf` value read by the handler itself (a multipart form's field) is good. */
  csrfValueMatches(request: FastifyRequest, given: unknown): boolean {
    const expected = readCookies(request.headers.cookie)[CSRF_COOKIE];
    if (typeof expected !== 'string' || typeof given !== 'string' || !/^[\w-]{86}$/.test(given)) {
      return false;
    }
    const secret = Buffer.from(expected, 'base64url');
    const masked = Buffer.from(given, 'base64url');
    if (secret.length !== 32 || masked.length !== 64) {
      return false;
    }
    return timingSafeEqual(xor(masked.subarray(0, 32), masked.subarray(32)), secret);
  }

  /** Remembers the language of the page a person opened, for `GET /` (a year). */
  rememberLanguage(request: FastifyRequest, reply: FastifyReply, language: string): void {
    if (readCookies(request.headers.cookie)[LANGUAGE_COOKIE] !== language) {
      void reply.header(
        'set-cookie',
        serializeCookie(LANGUAGE_COOKIE, language, { secure: this.secure, maxAgeSeconds: 365 * 86_400 }),
      );
    }
  }

  /** Starts the browser session of a login token, with a fresh CSRF token. */
  start(reply: FastifyReply, token: string, expiresAt: Date): string {
    const seconds = Math.max(1, Math.floor((expiresAt.getTime() - this.clock.now().getTime()) / 1000));
    void reply.header(
      'set-cookie',
      serializeCookie(SESSION_COOKIE, token, { secure: this.secure, maxAgeSeconds: seconds }),
    );
    return this.renewCsrf(reply);
  }

  /** Forgets the session cookie and renews the CSRF token. */
  clear(reply: FastifyReply): void {
    void reply.header('set-cookie', serializeCookie(SESSION_COOKIE, '', { secure: this.secure, maxAgeSeconds: 0 }));
    this.renewCsrf(reply);
  }
}

function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i++) {
    out[i] = a[i]! ^ b[i]!;
  }
  return out;
}
