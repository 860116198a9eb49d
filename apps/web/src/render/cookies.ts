import { parseCookie, stringifySetCookie } from 'cookie';

/** A cookie's value URL-decoded; none when it does not decode (the library would keep it as sent). */
function decodeOrNone(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** The cookies of a request, by name (the first of a repeated name wins; a value that does not decode is none). */
export function readCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const [name, value] of Object.entries(parseCookie(header ?? '', { decode: decodeOrNone }))) {
    if (value !== undefined) {
      cookies[name] = value;
    }
  }
  return cookies;
}

export interface CookieOptions {
  maxAgeSeconds?: number;
  httpOnly?: boolean;
  secure: boolean;
}

/** A Set-Cookie value for the whole site, SameSite=Lax. `maxAgeSeconds` 0 clears the cookie. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  return stringifySetCookie(name, value, {
    path: '/',
    httpOnly: options.httpOnly !== false,
    sameSite: 'lax',
    maxAge: options.maxAgeSeconds,
    secure: options.secure,
  });
}
