import { Socket } from 'node:net';
import { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import {
  isJsonContentType,
  jsonSecurityHeaderOptions,
  securityHeaderOptions,
  securityHeaders,
  strictSecurityHeaderOptions,
} from './security-headers';

function helmetOnAResponse(publicBaseUrl: string): Record<string, string> {
  const request = new IncomingMessage(new Socket());
  const response = new ServerResponse(request);
  response.setHeader('X-Powered-By', 'something');
  helmet(securityHeaderOptions(publicBaseUrl))(request, response, () => undefined);
  return Object.fromEntries(Object.entries(response.getHeaders()).map(([name, value]) => [name, String(value)]));
}

describe('security headers', () => {
  it.each(['https://spcomms.example.org', 'http://localhost:3000'])(
    'are the headers helmet sets on a response, worked out once (%s)',
    (url) => {
      const sut = securityHeaders(securityHeaderOptions(url));

      expect(sut).toEqual(helmetOnAResponse(url));
      expect(sut['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
      expect(sut).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN' });
    },
  );

  it('pin browsers to https only when the public address is https', () => {
    const secure = securityHeaders(securityHeaderOptions('https://spcomms.example.org'));
    expect(secure['strict-transport-security']).toContain('max-age=');
    expect(secure['content-security-policy']).toContain('upgrade-insecure-requests');

    const plain = securityHeaders(securityHeaderOptions('http://localhost:3000'));
    expect(plain['strict-transport-security']).toBeUndefined();
    expect(plain['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('are, on a JSON answer, the API headers of OWASP: nothing loads, nothing frames it, no sniffing', () => {
    const sut = securityHeaders(jsonSecurityHeaderOptions('http://localhost:3000'));

    expect(sut).toEqual({
      'content-security-policy': "default-src 'none';frame-ancestors 'none'",
      'cross-origin-resource-policy': 'same-origin',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
    });
    expect(securityHeaders(jsonSecurityHeaderOptions('https://spcomms.example.org'))).toMatchObject({
      'strict-transport-security': expect.stringContaining('max-age=') as string,
    });
  });

  it("leave out of a JSON answer only headers a page's carry for documents", () => {
    const page = securityHeaders(strictSecurityHeaderOptions('https://spcomms.example.org'));
    const json = securityHeaders(jsonSecurityHeaderOptions('https://spcomms.example.org'));

    expect(Object.keys(page).filter((name) => !(name in json))).toEqual(
      expect.arrayContaining([
        'cross-origin-opener-policy',
        'origin-agent-cluster',
        'x-dns-prefetch-control',
        'x-download-options',
        'x-permitted-cross-domain-policies',
        'x-xss-protection',
      ]),
    );
    expect(Object.keys(page).filter((name) => !(name in json))).toHaveLength(6);
  });

  it.each([
    ['a page', strictSecurityHeaderOptions],
    ['the Swagger UI', securityHeaderOptions],
  ])("are replaced, on %s, by a document's, which name every header of JSON's", (_, documentOptions) => {
    for (const url of ['https://spcomms.example.org', 'http://localhost:3000']) {
      const json = securityHeaders(jsonSecurityHeaderOptions(url));
      const sut = { ...json, ...securityHeaders(documentOptions(url)) };

      expect(sut).toEqual(securityHeaders(documentOptions(url)));
    }
  });

  it.each([
    ['application/json; charset=utf-8', true],
    ['application/json', true],
    ['application/problem+json', true],
    ['APPLICATION/JSON', true],
    ['text/html; charset=utf-8', false],
    ['application/jsonp', false],
    ['text/csv', false],
    [undefined, false],
  ])('tell a JSON answer by its Content-Type (%p: %p)', (contentType, json) => {
    expect(isJsonContentType(contentType)).toBe(json);
  });
});
