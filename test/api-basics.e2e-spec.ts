import { Role } from '@spcomms/access';
import { TestApp, createTestApp } from './support/test-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * Routes served that are not part of the API and so not in the OpenAPI document. Anything added here
 * needs a reason next to it; every such route except the documentation must refuse anonymous callers
 * (checked below).
 */
const DOCS = /^\/docs(\/|-json$|-yaml$|$)/;
const NOT_IN_OPENAPI = [
  DOCS,
  // Bull Board, the admins' queue dashboard: a third-party UI and its own JSON API. Its session
  // endpoint (/admin/queues/session) is ours and documented.
  /^\/admin\/queues(?!\/session$)(\/|$)/,
];

/**
 * The site's pages for people (apps/web): HTML, not part of the API document. Their own tests are in
 * test/web/.
 */
const SITE_PAGES = [/^\/$/, /^\/(ar|zh|en|fr|ru|es)(\/|$)/, /^\/assets\//];

/** Every method and path of Fastify's route table, read from printRoutes (Fastify has no route list API). */
function fastifyRoutes(tree: string): Array<{ method: string; path: string }> {
  const routes: Array<{ method: string; path: string }> = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) {
      continue;
    }
    const depth = match[1].length / 4;
    stack.length = depth;
    stack.push(match[2]);
    for (const method of match[3]?.split(', ') ?? []) {
      routes.push({ method, path: stack.join('') });
    }
  }
  return routes;
}

describe('API basics', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
  });
  afterAll(() => sut.close());

  describe('health', () => {
    it('answers 200 with PostgreSQL and Redis up, without a login (and without details)', async () => {
      const { status, body } = await sut.get('/health');
      expect(status).toBe(200);
      expect(body).toEqual({ status: 'ok' });
    });
  });

  describe('documentation', () => {
    it('serves the interactive documentation as HTML', async () => {
      const { status, headers, body } = await sut.get('/docs');
      expect(status).toBe(200);
      expect(headers['content-type']).toContain('text/html');
      expect(body).toContain('swagger-ui');
    });

    it('serves an OpenAPI 3 document with bearer authentication and the error shape', async () => {
      const { status, body } = await sut.get('/docs-json');
      expect(status).toBe(200);
      expect(body.openapi).toMatch(/^3\./);
      expect(body.info.title).toBe('spcomms');
      expect(body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(body.components.schemas.ErrorResponseDto.required).toEqual(
        expect.arrayContaining(['statusCode', 'code', 'message']),
      );
    });

    it('documents every route the server answers, and nothing else', async () => {
      const document = (await sut.get('/docs-json')).body;
      const documented = new Set<string>();
      for (const [path, item] of Object.entries<Record<string, unknown>>(document.paths)) {
        for (const method of Object.keys(item).filter((key) => HTTP_METHODS.includes(key))) {
          documented.add(`${method.toUpperCase()} ${path}`);
        }
      }
      const served = new Set(
        fastifyRoutes(sut.app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false }))
          .filter(
            (route) =>
              route.method !== 'HEAD' &&
              ![...NOT_IN_OPENAPI, ...SITE_PAGES].some((pattern) => pattern.test(route.path)),
          )
          .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`),
      );

      // The parser must have found the known routes, or the comparison below proves nothing.
      for (const known of [
        'GET /health',
        'POST /auth/login',
        'GET /me',
        'PATCH /mandates/{id}',
        'POST /states/{code}/standing-invitation/withdraw',
      ]) {
        expect(served.has(known)).toBe(true);
      }
      expect([...served].filter((route) => !documented.has(route))).toEqual([]);
      expect([...documented].filter((route) => !served.has(route))).toEqual([]);
    });

    it('refuses anonymous and non-admin callers on every undocumented route but the documentation', async () => {
      const hidden = fastifyRoutes(sut.app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false })).filter(
        (route) =>
          route.method !== 'HEAD' &&
          !DOCS.test(route.path) &&
          NOT_IN_OPENAPI.some((pattern) => pattern.test(route.path)),
      );
      const committee = (await sut.createUser({ username: 'basics.committee', role: Role.Committee })).token;
      const open: string[] = [];
      for (const route of hidden) {
        const url = route.path.replace(/:\w+/g, 'placeholder').replace(/\*$/, 'anything');
        const body = ['POST', 'PUT', 'PATCH'].includes(route.method) ? {} : undefined;
        const anonymous = await sut.request(route.method, url, body);
        const nonAdmin = await sut.request(route.method, url, body, { token: committee });
        // A wildcard (static files) may also answer 404 to a made-up file name: nothing is served then.
        const notFound = route.path.endsWith('*') ? [404] : [];
        if (![401, ...notFound].includes(anonymous.status) || ![403, ...notFound].includes(nonAdmin.status)) {
          open.push(`${route.method} ${route.path}: anonymous ${anonymous.status}, committee ${nonAdmin.status}`);
        }
      }
      expect(open).toEqual([]);
    });

    it('documents the access rule of every authenticated operation', async () => {
      const document = (await sut.get('/docs-json')).body;
      const undocumented: string[] = [];
      for (const [path, item] of Object.entries<
        Record<string, { security?: unknown[]; responses: Record<string, unknown> }>
      >(document.paths)) {
        for (const [method, operation] of Object.entries(item).filter(([key]) => HTTP_METHODS.includes(key))) {
          if (operation.security && !operation.responses['401']) {
            undocumented.push(`${method.toUpperCase()} ${path}`);
          }
        }
      }
      expect(undocumented).toEqual([]);
    });
  });

  describe('errors', () => {
    it('answers an unknown route with 404 in the error shape', async () => {
      const { status, body, headers } = await sut.get('/no-such-route');
      expect(status).toBe(404);
      expect(body).toEqual({
        statusCode: 404,
        code: 'route.not_found',
        message: expect.stringContaining('/no-such-route'),
      });
      expect(headers['content-type']).toContain('application/json');
    });

    it('answers an unknown method on a known path with 404 in the error shape', async () => {
      const { status, body } = await sut.request('DELETE', '/mandates');
      expect(status).toBe(404);
      expect(body).toMatchObject({ statusCode: 404, code: 'route.not_found' });
    });
  });

  describe('request ids', () => {
    it('echoes a sane X-Request-Id', async () => {
      const { headers } = await sut.get('/health', { headers: { 'x-request-id': 'client-id.42_a-b' } });
      expect(headers['x-request-id']).toBe('client-id.42_a-b');
    });

    it('generates one when absent, different for each request', async () => {
      const first = (await sut.get('/states/IRN')).headers['x-request-id'];
      const second = (await sut.get('/states/IRN')).headers['x-request-id'];
      expect(first).toMatch(UUID);
      expect(second).toMatch(UUID);
      expect(second).not.toBe(first);
    });

    it('replaces one that could forge log lines', async () => {
      for (const given of ['has spaces', 'x'.repeat(101), 'a/b', 'quote"d', '{"json":1}']) {
        const { headers } = await sut.get('/health', { headers: { 'x-request-id': given } });
        expect(headers['x-request-id']).toMatch(UUID);
      }
    });

    it('is on error answers too', async () => {
      const { headers } = await sut.get('/no-such-route', { headers: { 'x-request-id': 'trace-404' } });
      expect(headers['x-request-id']).toBe('trace-404');
    });
  });

  describe('security headers', () => {
    it.each(['/health', '/states', '/no-such-route'])('are the API ones on the JSON answer of %s', async (url) => {
      const { headers } = await sut.get(url);
      expect(headers['content-type']).toMatch(/^application\/json/);
      expect(headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'cross-origin-resource-policy': 'same-origin',
        'content-security-policy': "default-src 'none';frame-ancestors 'none'",
      });
      // Only documents act on these: a JSON answer goes without them (see jsonSecurityHeaderOptions).
      for (const name of ['cross-origin-opener-policy', 'origin-agent-cluster', 'x-xss-protection']) {
        expect(headers).not.toHaveProperty(name);
      }
      expect(headers).not.toHaveProperty('x-powered-by');
      // The test API's public address is plain http: no https pinning (see security-headers.spec.ts).
      expect(headers).not.toHaveProperty('strict-transport-security');
    });

    it("are a document's on the Swagger UI's page, with its inline script", async () => {
      const { headers } = await sut.get('/docs');
      expect(headers['content-type']).toMatch(/^text\/html/);
      expect(headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'content-security-policy': expect.stringContaining("default-src 'self'"),
      });
      expect(headers['content-security-policy']).toContain("object-src 'none'");
      expect(headers['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
      expect(headers).not.toHaveProperty('x-powered-by');
      expect(headers).not.toHaveProperty('strict-transport-security');
      expect(headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    });
  });
});
