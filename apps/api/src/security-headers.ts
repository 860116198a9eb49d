import { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { HelmetOptions } from 'helmet';

/**
 * Helmet's options for every answer of the site and the API: `default-src 'self'` and nothing inline.
 * HSTS and `upgrade-insecure-requests` are sent only when the public address is https.
 */
export function strictSecurityHeaderOptions(publicBaseUrl: string): HelmetOptions {
  const https = publicBaseUrl.startsWith('https:');
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    strictTransportSecurity: https,
  };
}

/**
 * Helmet's options for JSON answers (the API's, and any error in JSON), after OWASP's REST Security
 * Cheat Sheet: nothing in them may load or run (`default-src 'none'`) or be framed (`frame-ancestors
 * 'none'`, X-Frame-Options DENY), no sniffing, no referrer, no cross-origin embedding, HSTS when the
 * public address is https. Helmet's headers that only a document (HTML) acts on are left out: the
 * opener policy, the origin-keyed agent cluster, DNS prefetching, Internet Explorer's download and
 * XSS filter switches, Flash's and Acrobat's cross-domain policies. Six headers fewer on every JSON
 * answer (five over http, six over https, against a page's eleven and twelve), and a stricter policy
 * than a page's.
 */
export function jsonSecurityHeaderOptions(publicBaseUrl: string): HelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xFrameOptions: { action: 'deny' },
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
    strictTransportSecurity: publicBaseUrl.startsWith('https:'),
  };
}

/** Whether an answer of this Content-Type is JSON (and takes the JSON answers' security headers). */
export function isJsonContentType(contentType: unknown): boolean {
  return typeof contentType === 'string' && /^application\/(?:[\w.-]+\+)?json(?:;|$)/i.test(contentType);
}

/** The addresses whose pages bring their own inline script and styles: the Swagger UI, Bull Board. */
export function needsLooseSecurityHeaders(url: string): boolean {
  return /^\/(docs|admin\/queues)(\/|\?|$)/.test(url);
}

/**
 * Helmet's options for the Swagger UI at /docs and the queue board, which need their inline script
 * and styles. HSTS and `upgrade-insecure-requests` are sent only when the public address is https: over
 * plain HTTP (development, a local install) they would pin a browser to an https that does not exist.
 */
export function securityHeaderOptions(publicBaseUrl: string): HelmetOptions {
  const https = publicBaseUrl.startsWith('https:');
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    strictTransportSecurity: https,
  };
}

/**
 * The headers helmet sets with these options, worked out once: with options that hold no function
 * (no CSP nonces), they depend on the options alone, so every answer gets the same ones. Setting them
 * from this map spares each request building helmet's middleware from its options and running it
 * (what @fastify/helmet does on every request).
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) {
      throw error;
    }
  });
  return headers;
}
