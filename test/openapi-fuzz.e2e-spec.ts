import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Role } from '@spcomms/access';
import { OpenApiDocument, Operation, Schema, operationsOf, resolveSchema } from './support/openapi';
import { TestApp, createTestApp } from './support/test-app';

/**
 * Property-based attack of every route of the OpenAPI document, as every role that reaches it: bodies,
 * query strings and path parameters generated from the document's schemas, well-typed values mixed
 * with NUL characters, lone surrogates, `null`, out-of-range numbers, deep nesting, huge strings, and
 * wrong or broken content types (broken multipart included). No answer may be a 5xx, and every 4xx
 * must be in the error shape. Routes added later are covered without touching this file.
 *
 * `npm test` runs FUZZ_RUNS (default 6) cases per route with the fixed seed FUZZ_SEED; a longer run is
 * `FUZZ_RUNS=200 FUZZ_SEED=7 npm run test:fuzz`. A failure names the seed and the path to replay it.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 6);
const SEED = Number(process.env.FUZZ_SEED ?? 20261205);

interface Caller {
  name: string;
  token?: string;
}

interface FuzzRequest {
  caller: Caller;
  url: string;
  payload?: string | Buffer;
  contentType?: string;
  what: string;
}

const HUGE = 'x'.repeat(300_000);
const HOSTILE_TEXT = ['\u0000', 'a\u0000b', 'a\ud800b', '\udc00', HUGE, '', ' ', '😀\u202e', "'; SELECT pg_sleep(1); --", '../../etc/passwd'];
const HOSTILE_NUMBERS = [1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2_147_483_648, -1, 0, 0.5];
/** Already encoded for a URL: NUL, a lone surrogate in UTF-8, numbers out of range, a long value. */
const HOSTILE_URL_VALUES = ['%00', 'a%00', '%ED%A0%80', '%C0%80', '1e308', '9007199254740993', '-1', '', 'x'.repeat(5000), '%2e%2e%2f', '%FF'];
const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
const BROKEN_BODIES = [
  '{"a":',
  deep(100_000),
  `{"a":${deep(70)}}`,
  'a=%00&b=%ED%A0%80',
  '\u0000',
  '--b0\r\nContent-Disposition: form-data; name="text"\r\n\r\nhel',
  '--b0\r\nContent-Disposition: form-data; name="file"; filename="a\u0000.csv"\r\n\r\nreference\r\n--b0--\r\n',
  '--b0\r\nContent-Disposition: form-data; name="text"\r\n\r\na\u0000b\r\n--b0--\r\n',
  'garbage',
];
const CONTENT_TYPES = [
  'application/json',
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=b0',
  'text/csv',
  'application/json; charset=utf-16',
];

describe('fuzzing every route of the OpenAPI document', () => {
  let sut: TestApp;
  let document: OpenApiDocument;
  let callers: Caller[];
  let request = 0;
  const ip = () => `10.99.${(++request >> 8) & 255}.${request & 255}`;

  beforeAll(async () => {
    sut = await createTestApp();
    callers = [
      { name: Role.Admin, token: (await sut.createUser({ username: 'fz.admin', role: Role.Admin })).token },
      { name: Role.Assistant, token: (await sut.createUser({ username: 'fz.assistant', role: Role.Assistant, mandates: ['TORTURE', 'EXPRESSION'] })).token },
      { name: Role.MandateHolder, token: (await sut.createUser({ username: 'fz.holder', role: Role.MandateHolder, mandates: ['TORTURE'] })).token },
      { name: Role.Government, token: (await sut.createUser({ username: 'fz.government', role: Role.Government, stateCode: 'IRN' })).token },
      { name: Role.Committee, token: (await sut.createUser({ username: 'fz.committee', role: Role.Committee })).token },
      { name: 'anonymous' },
    ];
    document = (await sut.get('/docs-json')).body;
  });
  afterAll(() => sut.close());

  /** A value for the schema: mostly well-typed, sometimes hostile. */
  function valueFor(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
    const resolved = resolveSchema(document, schema);
    const hostile = fc.oneof(fc.constant(null), fc.constantFrom(...HOSTILE_TEXT), fc.constantFrom(...HOSTILE_NUMBERS));
    return fc.oneof({ weight: 3, arbitrary: wellTyped(resolved, depth) }, { weight: 1, arbitrary: hostile });
  }

  function wellTyped(schema: Schema, depth: number): fc.Arbitrary<unknown> {
    if (schema.enum?.length) {
      return fc.constantFrom(...schema.enum);
    }
    switch (schema.type) {
      case 'integer':
        return fc.integer({ min: schema.minimum ?? -5, max: schema.maximum ?? 3000 });
      case 'number':
        return fc.double({ min: -1000, max: 1000, noNaN: true });
      case 'boolean':
        return fc.boolean();
      case 'array':
        return depth > 3 ? fc.constant([]) : fc.array(valueFor(schema.items ?? {}, depth + 1), { maxLength: 3 });
      case 'object': {
        if (depth > 3 || !schema.properties) {
          return fc.constant({});
        }
        const properties = Object.fromEntries(Object.entries(schema.properties).map(([name, property]) => [name, valueFor(property, depth + 1)]));
        return fc.record(properties, { requiredKeys: schema.required?.filter((name) => name in properties) ?? [] });
      }
      default:
        return stringFor(schema);
    }
  }

  function stringFor(schema: Schema): fc.Arbitrary<unknown> {
    switch (schema.format) {
      case 'uuid':
        return fc.uuid();
      case 'date':
        return fc.constantFrom('2026-05-01', '2019-12-31', '2100-01-01', '2026-02-30');
      case 'date-time':
        return fc.constantFrom('2026-05-01T10:00:00Z', '1970-01-01T00:00:00Z');
      case 'email':
        return fc.emailAddress();
      default:
        return fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('IRN', 'TORTURE', 'UA IRN 1/2026', 'en'));
    }
  }

  /** A value for a URL (path or query), already encoded. */
  function urlValueFor(schema: Schema = {}): fc.Arbitrary<string> {
    const typed = wellTyped(resolveSchema(document, schema), 3).map((value) => encodeURIComponent(typeof value === 'object' ? JSON.stringify(value) : String(value)));
    return fc.oneof({ weight: 2, arbitrary: typed }, { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_URL_VALUES) });
  }

  function urlFor(operation: Operation): fc.Arbitrary<string> {
    const path = operation.parameters.filter((parameter) => parameter.in === 'path');
    const query = operation.parameters.filter((parameter) => parameter.in === 'query');
    const pathValues = fc.tuple(...path.map((parameter) => fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: urlValueFor(parameter.schema) })));
    const queryValues = fc.tuple(...query.map((parameter) => fc.option(urlValueFor(parameter.schema), { nil: undefined })));
    return fc.tuple(pathValues, queryValues).map(([pathPicks, queryPicks]) => {
      let url = operation.url;
      path.forEach((parameter, index) => {
        if (pathPicks[index] !== '') {
          const segments = operation.path.split('/');
          const position = segments.indexOf(`{${parameter.name}}`);
          const parts = url.split('/');
          parts[position] = pathPicks[index];
          url = parts.join('/');
        }
      });
      const search = query.flatMap((parameter, index) => (queryPicks[index] === undefined ? [] : [`${parameter.name}=${queryPicks[index]}`])).join('&');
      return search ? `${url}?${search}` : url;
    });
  }

  function bodyFor(operation: Operation): fc.Arbitrary<Pick<FuzzRequest, 'payload' | 'contentType' | 'what'>> {
    const json = operation.body
      ? valueFor(operation.body).map((value) => ({ payload: JSON.stringify(value) ?? 'null', contentType: 'application/json', what: 'a generated body' }))
      : fc.constant({ payload: '{}', contentType: 'application/json', what: 'an empty object' });
    const broken = fc
      .tuple(fc.constantFrom(...BROKEN_BODIES), fc.constantFrom(...CONTENT_TYPES))
      .map(([payload, contentType]) => ({ payload, contentType, what: `a broken ${contentType} body` }));
    const mistyped = json.chain((body) => fc.constantFrom(...CONTENT_TYPES).map((contentType) => ({ ...body, contentType, what: `a generated body as ${contentType}` })));
    return fc.oneof({ weight: 3, arbitrary: json }, { weight: 2, arbitrary: broken }, { weight: 1, arbitrary: mistyped });
  }

  /** Who reaches the operation (answers other than 401 and 403), found by a plain request as each caller. */
  async function reachedBy(operation: Operation): Promise<Caller[]> {
    const reached: Caller[] = [];
    for (const caller of callers) {
      const answer = await sut.request(operation.method, operation.url, operation.method === 'GET' ? undefined : {}, { token: caller.token, ip: ip() });
      if (answer.status !== 401 && answer.status !== 403) {
        reached.push(caller);
      }
    }
    return reached.length ? reached : callers;
  }

  async function problemOf(operation: Operation, sent: FuzzRequest): Promise<string | undefined> {
    const headers: Record<string, string> = { 'idempotency-key': randomUUID() };
    if (sent.contentType) {
      headers['content-type'] = sent.contentType;
    }
    const answer = await sut.request(operation.method, sent.url, sent.payload, { token: sent.caller.token, ip: ip(), headers });
    const body = answer.body as { statusCode?: unknown; code?: unknown; message?: unknown };
    const where = `${operation.method} ${sent.url.slice(0, 200)} as ${sent.caller.name} with ${sent.what}`;
    if (answer.status >= 500) {
      return `${where}: answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`;
    }
    if (answer.status >= 400 && (typeof body !== 'object' || body?.statusCode !== answer.status || typeof body.code !== 'string' || typeof body.message !== 'string')) {
      return `${where}: answered ${answer.status} without the error shape: ${JSON.stringify(answer.body).slice(0, 300)}`;
    }
    return undefined;
  }

  it(`answers no route with a 5xx or without the error shape (${RUNS} cases per route, seed ${SEED})`, async () => {
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThan(50);
    const problems: string[] = [];
    for (const operation of operations) {
      const reached = await reachedBy(operation);
      const sends = operation.method === 'GET' || operation.method === 'DELETE' ? fc.constant({ what: 'no body' }) : bodyFor(operation);
      const cases = fc.record({ caller: fc.constantFrom(...reached), url: urlFor(operation), body: sends }).map(({ caller, url, body }) => ({ caller, url, ...body }));
      let found: string | undefined;
      const result = await fc.check(
        fc.asyncProperty(cases, async (sent: FuzzRequest) => {
          found = await problemOf(operation, sent);
          return found === undefined;
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      if (result.failed) {
        problems.push(`${found ?? String(result.errorInstance)} (replay: FUZZ_SEED=${SEED}, path ${result.counterexamplePath})`);
      }
    }
    expect(problems).toEqual([]);
  }, 600_000);
});
