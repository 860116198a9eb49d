import { Socket } from 'node:net';
import { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import { SECURITY_HEADERS } from './configure-app';
import { securityHeaders } from './security-headers';

describe('security headers', () => {
  it('are the headers helmet sets on a response, worked out once', () => {
    const request = new IncomingMessage(new Socket());
    const response = new ServerResponse(request);
    response.setHeader('X-Powered-By', 'something');
    helmet(SECURITY_HEADERS)(request, response, () => undefined);
    const expected = Object.fromEntries(Object.entries(response.getHeaders()).map(([name, value]) => [name, String(value)]));

    const sut = securityHeaders(SECURITY_HEADERS);

    expect(sut).toEqual(expected);
    expect(sut['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
    expect(sut).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN', 'strict-transport-security': expect.stringContaining('max-age=') });
  });
});
