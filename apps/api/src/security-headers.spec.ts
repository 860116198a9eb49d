import { Socket } from 'node:net';
import { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import { securityHeaderOptions, securityHeaders } from './security-headers';

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
});
