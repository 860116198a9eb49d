import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Role } from '@spcomms/access';
import { OpenApiDocument, Operation, Schema, operationsOf, resolveSchema } from './support/openapi';
import { HttpAnswer, TestApp, createTestApp } from './support/test-app';

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
  username?: string;
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
/** Each finding's value equally likely: null, NUL, a lone surrogate, an out-of-range number, a huge string; then the rest. */
const HOSTILE_VALUES = [
  null,
  'a\u0000b',
  'a\ud800b',
  1e308,
  HUGE,
  Number.MAX_SAFE_INTEGER + 2,
  '\udc00',
  '',
  '😀\u202e',
  -1,
  0.5,
  2_147_483_648,
];
/** Already encoded for a URL: NUL, a lone surrogate in UTF-8, numbers out of range, a long value. */
const HOSTILE_URL_VALUES = [
  '%00',
  'a%00',
  '%ED%A0%80',
  '%C0%80',
  '1e308',
  '9007199254740993',
  '-1',
  '',
  'x'.repeat(5000),
  '%2e%2e%2f',
  '%FF',
];
const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
/** Broken bodies, each with the content type it pretends to be. */
const BROKEN_BODIES: Array<[string, string]> = [
  ['application/json', '{"a":'],
  ['application/json', deep(100_000)],
  ['application/json', `{"a":${deep(70)}}`],
  ['application/x-www-form-urlencoded', 'a=%00&b=%ED%A0%80'],
  ['text/csv', 'reference,type\r\nUA IRN 1/2026,\u0000'],
  ['multipart/form-data', 'text=hello'],
  ['multipart/form-data; boundary=b0', '--b0\r\nContent-Disposition: form-data; name="text"\r\n\r\nhel'],
  [
    'multipart/form-data; boundary=b0',
    '--b0\r\nContent-Disposition: form-data; name="file"; filename="a\u0000.csv"\r\n\r\nreference\r\n--b0--\r\n',
  ],
  [
    'multipart/form-data; boundary=b0',
    '--b0\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nreference,ty',
  ],
  [
    'multipart/form-data; boundary=b0',
    '--b0\r\nContent-Disposition: form-data; name="text"\r\n\r\na\u0000b\r\n--b0--\r\n',
  ],
  ['multipart/form-data; boundary=b0', 'garbage'],
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

/** The leaves of a JSON value (values that are not objects or arrays, and empty ones), as paths. */
function leaves(value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length
      ? entries.flatMap(([key, item]) => leaves(item, [...path, Array.isArray(value) ? Number(key) : key]))
      : [path];
  }
  return [path];
}

/** The value with its `pick`-th leaf (modulo their count) replaced. */
function replaceOne(value: unknown, pick: number, replacement: unknown): unknown {
  const paths = leaves(value);
  const path = paths[pick % paths.length];
  if (path.length === 0) {
    return replacement;
  }
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) {
    parent = parent[key] as Record<string | number, unknown>;
  }
  parent[path[path.length - 1]] = replacement;
  return copy;
}

/** `{ statusCode, code, message, details? }` and nothing else, with a code of the API (not Fastify's `FST_…`). */
function inErrorShape(body: unknown, status: number): boolean {
  const answer = body as Record<string, unknown> | null;
  return (
    typeof answer === 'object' &&
    answer !== null &&
    answer.statusCode === status &&
    typeof answer.code === 'string' &&
    /^[a-z][a-z_]*(\.[a-z_]+)*$/.test(answer.code) &&
    typeof answer.message === 'string' &&
    Object.keys(answer).every((key) => ['statusCode', 'code', 'message', 'details'].includes(key))
  );
}

describe('fuzzing every route of the OpenAPI document', () => {
  let sut: TestApp;
  let document: OpenApiDocument;
  let callers: Caller[];
  let request = 0;
  const ip = () => `10.99.${(++request >> 8) & 255}.${request & 255}`;

  beforeAll(async () => {
    sut = await createTestApp();
    const user = async (role: Role, scope: { mandates?: string[]; stateCode?: string } = {}): Promise<Caller> => {
      const username = `fz.${role}`;
      return { name: role, username, token: (await sut.createUser({ username, role, ...scope })).token };
    };
    callers = [
      await user(Role.Admin),
      await user(Role.Assistant, { mandates: ['TORTURE', 'EXPRESSION'] }),
      await user(Role.MandateHolder, { mandates: ['TORTURE'] }),
      await user(Role.Government, { stateCode: 'IRN' }),
      await user(Role.Committee),
      { name: 'anonymous' },
    ];
    document = (await sut.get('/docs-json')).body;
  });
  afterAll(() => sut.close());

  /** A well-typed value for the schema with, most of the time, one of its values replaced by a hostile one. */
  function valueFor(schema: Schema): fc.Arbitrary<unknown> {
    const hostile = fc.constantFrom(...HOSTILE_VALUES);
    return fc
      .tuple(wellTyped(resolveSchema(document, schema), 0), fc.nat(), hostile, fc.nat(9))
      .map(([value, pick, replacement, chance]) => (chance === 0 ? value : replaceOne(value, pick, replacement)));
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
        return depth > 3
          ? fc.constant([])
          : fc.array(wellTyped(resolveSchema(document, schema.items ?? {}), depth + 1), { minLength: 1, maxLength: 3 });
      case 'object': {
        if (depth > 3 || !schema.properties) {
          return fc.constant({});
        }
        const properties = Object.fromEntries(
          Object.entries(schema.properties).map(([name, property]) => [
            name,
            wellTyped(resolveSchema(document, property), depth + 1),
          ]),
        );
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
      default: {
        const text = String(schema.example ?? 'Text of the field, long enough')
          .padEnd(schema.minLength ?? 0, '.')
          .slice(0, schema.maxLength ?? 10_000);
        return fc.oneof(
          { weight: 3, arbitrary: fc.constant(text) },
          { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
        );
      }
    }
  }

  /** A value for a URL (path or query), already encoded. */
  function urlValueFor(schema: Schema = {}): fc.Arbitrary<string> {
    const typed = wellTyped(resolveSchema(document, schema), 3).map((value) =>
      encodeURIComponent(typeof value === 'object' ? JSON.stringify(value) : String(value)),
    );
    return fc.oneof({ weight: 2, arbitrary: typed }, { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_URL_VALUES) });
  }

  function urlFor(operation: Operation): fc.Arbitrary<string> {
    const path = operation.parameters.filter((parameter) => parameter.in === 'path');
    const query = operation.parameters.filter((parameter) => parameter.in === 'query');
    const pathValues = fc.tuple(
      ...path.map((parameter) =>
        fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: urlValueFor(parameter.schema) }),
      ),
    );
    const queryValues = fc.tuple(
      ...query.map((parameter) => fc.option(urlValueFor(parameter.schema), { nil: undefined })),
    );
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
      const search = query
        .flatMap((parameter, index) =>
          queryPicks[index] === undefined ? [] : [`${parameter.name}=${queryPicks[index]}`],
        )
        .join('&');
      return search ? `${url}?${search}` : url;
    });
  }

  function bodyFor(operation: Operation): fc.Arbitrary<Pick<FuzzRequest, 'payload' | 'contentType' | 'what'>> {
    const json = operation.body
      ? valueFor(operation.body).map((value) => ({
          payload: JSON.stringify(value) ?? 'null',
          contentType: 'application/json',
          what: 'a generated body',
        }))
      : fc.constant({ payload: '{}', contentType: 'application/json', what: 'an empty object' });
    const broken = fc
      .constantFrom(...BROKEN_BODIES)
      .map(([contentType, payload]) => ({ payload, contentType, what: `a broken ${contentType} body` }));
    const mistyped = json.chain((body) =>
      fc
        .constantFrom(...CONTENT_TYPES)
        .map((contentType) => ({ ...body, contentType, what: `a generated body as ${contentType}` })),
    );
    return fc.oneof(
      { weight: 4, arbitrary: json },
      { weight: 2, arbitrary: broken },
      { weight: 1, arbitrary: mistyped },
    );
  }

  /** Sends as the caller; a token revoked meanwhile (by a fuzzed logout) is replaced by a new login, and the request sent again. */
  async function send(
    method: string,
    url: string,
    payload: unknown,
    caller: Caller,
    headers: Record<string, string> = {},
  ): Promise<HttpAnswer> {
    const answer = await sut.request(method, url, payload, { token: caller.token, ip: ip(), headers });
    if (answer.status !== 401 || !caller.username || answer.body?.code !== 'auth.unauthenticated') {
      return answer;
    }
    const token = await sut.login(caller.username).catch(() => undefined);
    if (!token) {
      // The fuzzed requests changed the caller's password or disabled it: it stays anonymous from here on.
      return answer;
    }
    caller.token = token;
    return sut.request(method, url, payload, { token: caller.token, ip: ip(), headers });
  }

  /** Who reaches the operation (answers other than 401 and 403), found by a plain request as each caller. */
  async function reachedBy(operation: Operation): Promise<Caller[]> {
    const reached: Caller[] = [];
    for (const caller of callers) {
      const answer = await send(operation.method, operation.url, operation.method === 'GET' ? undefined : {}, caller);
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
    const answer = await send(operation.method, sent.url, sent.payload, sent.caller, headers);
    const body = answer.body as { statusCode?: unknown; code?: unknown; message?: unknown };
    const where = `${operation.method} ${sent.url.slice(0, 200)} as ${sent.caller.name} with ${sent.what}`;
    if (answer.status >= 500) {
      return `${where}: answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`;
    }
    if (answer.status >= 400 && !inErrorShape(body, answer.status)) {
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
      const sends =
        operation.method === 'GET' || operation.method === 'DELETE'
          ? fc.constant({ what: 'no body' })
          : bodyFor(operation);
      const cases = fc
        .record({ caller: fc.constantFrom(...reached), url: urlFor(operation), body: sends })
        .map(({ caller, url, body }) => ({ caller, url, ...body }));
      let found: string | undefined;
      const result = await fc.check(
        fc.asyncProperty(cases, async (sent: FuzzRequest) => {
          found = await problemOf(operation, sent);
          return found === undefined;
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      if (result.failed) {
        problems.push(
          `${found ?? String(result.errorInstance)} (replay: FUZZ_SEED=${SEED}, path ${result.counterexamplePath})`,
        );
      }
    }
    expect(problems).toEqual([]);
  }, 600_000);
});
