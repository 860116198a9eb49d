/** The cookies of a request, by name (the first of a repeated name wins). */
export function readCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) {
      continue;
    }
    const name = part.slice(0, at).trim();
    if (!(name in cookies)) {
      try {
        cookies[name] = decodeURIComponent(part.slice(at + 1).trim());
      } catch {
        // A value that does not decode is no value.
      }
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
  return [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/',
    options.httpOnly === false ? null : 'HttpOnly',
    'SameSite=Lax',
    options.maxAgeSeconds === undefined ? null : `Max-Age=${options.maxAgeSeconds}`,
    options.secure ? 'Secure' : null,
  ]
    .filter(Boolean)
    .join('; ');
}
