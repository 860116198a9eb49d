import { randomUUID } from 'node:crypto';
import { Role } from '@spcomms/access';
import { JSON_BODY_LIMIT } from '../apps/api/src/configure-app';
import { OpenApiDocument, Operation, Schema, operationsOf, resolveSchema } from './support/openapi';
import { HttpAnswer, TestApp, createTestApp } from './support/test-app';

/**
 * Bad input, table-driven from the OpenAPI document: every operation with a JSON body, and every GET
 * with typed query parameters, is sent malformed input and must answer 4xx in the error shape and
 * write nothing. Endpoints added later are covered without touching this file.
 *
 * multipart/form-data bodies (file uploads) are not sent here: they have their own tests.
 */

interface Caller {
  name: string;
  token?: string;
}

const UNKNOWN_FIELD = 'unexpectedFieldXyz';

/** A value of the wrong JSON type for the schema, or undefined when the schema does not say its type. */
function wrongValue(schema: Schema): unknown {
  switch (schema.type) {
    case 'string':
      return 12345;
    case 'integer':
    case 'number':
      return 'not-a-number';
    case 'boolean':
      return 'not-a-boolean';
    case 'array':
      return 'not-an-array';
    case 'object':
      return 'not-an-object';
    default:
      return schema.enum ? { notOneOf: schema.enum } : undefined;
  }
}

/** A value that does not parse as the query parameter's type, or undefined for free text. */
function wrongQueryValue(schema: Schema = {}): string | undefined {
  if (schema.type === 'boolean') {
    return 'not-a-boolean';
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    return 'not-a-number';
  }
  if (schema.enum?.length) {
    return 'not-one-of-the-values';
  }
  if (schema.format === 'uuid') {
    return 'not-a-uuid';
  }
  if (schema.format === 'date' || schema.format === 'date-time') {
    return 'not-a-date';
  }
  return undefined;
}

describe('input validation, for every operation of the OpenAPI document', () => {
  let sut: TestApp;
  let document: OpenApiDocument;
  let operations: Operation[];
  let callers: Caller[];
  let tables: string[];
  const callerOf = new Map<string, Caller>();
  let request = 0;

  const resolve = (schema: Schema): Schema => resolveSchema(document, schema);

  beforeAll(async () => {
    sut = await createTestApp();
    callers = [
      { name: Role.Admin, token: (await sut.createUser({ username: 'iv.admin', role: Role.Admin })).token },
      {
        name: Role.Assistant,
        token: (
          await sut.createUser({ username: 'iv.assistant', role: Role.Assistant, mandates: ['TORTURE', 'EXPRESSION'] })
        ).token,
      },
      {
        name: Role.MandateHolder,
        token: (await sut.createUser({ username: 'iv.holder', role: Role.MandateHolder, mandates: ['TORTURE'] })).token,
      },
      {
        name: Role.Government,
        token: (await sut.createUser({ username: 'iv.government', role: Role.Government, stateCode: 'IRN' })).token,
      },
      { name: Role.Committee, token: (await sut.createUser({ username: 'iv.committee', role: Role.Committee })).token },
      { name: 'anonymous' },
    ];
    document = (await sut.get('/docs-json')).body;
    operations = operationsOf(document);
    // Logins above wrote sessions and audit events; from here on, nothing may be written.
    tables = (
      await sut.dataSource().query(
        `SELECT table_name FROM information_schema.tables
          WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'session' ORDER BY table_name`,
      )
    ).map((row: { table_name: string }) => row.table_name);
  });
  afterAll(() => sut.close());

  const withBody = () => operations.filter((operation) => operation.body);

  async function rowCounts(): Promise<Record<string, number>> {
    const columns = tables.map((table) => `(SELECT count(*)::int FROM "${table}") AS "${table}"`).join(', ');
    const [row] = await sut.dataSource().query(`SELECT ${columns}`);
    return row;
  }

  function send(
    operation: Operation,
    caller: Caller,
    payload: unknown,
    options: { raw?: boolean; url?: string } = {},
  ): Promise<HttpAnswer> {
    request++;
    const headers: Record<string, string> = { 'idempotency-key': randomUUID() };
    if (options.raw) {
      headers['content-type'] = 'application/json';
    }
    return sut.request(operation.method, options.url ?? operation.url, payload, {
      token: caller.token,
      headers,
      // A fresh address each time, so that per-address rate limits never answer instead of validation.
      ip: `10.${(request >> 16) & 255}.${(request >> 8) & 255}.${request & 255}`,
    });
  }

  /** Sends one bad request, checks the answer and that nothing was written; answers what went wrong, if anything. */
  async function refused(
    operation: Operation,
    caller: Caller,
    what: string,
    payload: unknown,
    expected: { status: number; fields?: string[] },
    options: { raw?: boolean; url?: string } = {},
  ): Promise<string[]> {
    const before = await rowCounts();
    const answer = await send(operation, caller, payload, options);
    const after = await rowCounts();
    const problems: string[] = [];
    const where = `${operation.label} as ${caller.name}, ${what}`;
    const body = answer.body as { statusCode?: unknown; code?: unknown; message?: unknown; details?: unknown };
    if (answer.status !== expected.status) {
      problems.push(
        `${where}: answered ${answer.status} instead of ${expected.status}: ${JSON.stringify(answer.body).slice(0, 300)}`,
      );
    }
    if (
      typeof body !== 'object' ||
      body === null ||
      body.statusCode !== answer.status ||
      typeof body.code !== 'string' ||
      typeof body.message !== 'string'
    ) {
      problems.push(`${where}: the answer is not in the error shape: ${JSON.stringify(answer.body).slice(0, 300)}`);
    } else if (body.code === 'route.not_found') {
      problems.push(`${where}: the well-formed URL ${options.url ?? operation.url} was not routed`);
    }
    const fields = Array.isArray(body?.details) ? body.details.map((detail: { field?: string }) => detail.field) : [];
    for (const field of expected.fields ?? []) {
      if (!fields.includes(field)) {
        problems.push(`${where}: the error details do not name "${field}": ${JSON.stringify(body?.details)}`);
      }
    }
    const changed = tables.filter((table) => before[table] !== after[table]);
    if (changed.length > 0) {
      problems.push(
        `${where}: rows were written to ${changed.map((table) => `${table} (${before[table]} → ${after[table]})`).join(', ')}`,
      );
    }
    return problems;
  }

  /**
   * Who gets past the access check of the operation, found by sending an unknown field as each caller in
   * turn (admin first) until one is neither 401 nor 403; that answer is checked like every other case.
   */
  async function callerFor(operation: Operation): Promise<{ caller?: Caller; problems: string[] }> {
    const known = callerOf.get(operation.label);
    if (known) {
      return { caller: known, problems: [] };
    }
    for (const caller of callers) {
      const problems = await refused(
        operation,
        caller,
        'an unknown field',
        { [UNKNOWN_FIELD]: 'x' },
        { status: 400, fields: [UNKNOWN_FIELD] },
      );
      if (problems.some((problem) => / answered 40[13] /.test(problem))) {
        continue;
      }
      callerOf.set(operation.label, caller);
      return { caller, problems };
    }
    return {
      problems: [`${operation.label}: every caller is refused with 401/403, so its validation cannot be reached`],
    };
  }

  it('finds the operations to check in the document', () => {
    const labels = withBody().map((operation) => operation.label);
    expect(labels).toEqual(
      expect.arrayContaining([
        'POST /auth/login',
        'POST /users',
        'POST /mandates',
        'PATCH /mandates/{id}',
        'POST /states/{code}/standing-invitation',
      ]),
    );
    expect(operations.find((operation) => operation.label === 'PATCH /mandates/{id}')?.url).toMatch(
      /^\/mandates\/[0-9a-f-]{36}$/,
    );
    expect(tables).toEqual(expect.arrayContaining(['app_user', 'audit_event', 'mandate']));
    expect(tables).not.toContain('session');
  });

  it('refuses an unknown extra field with 400 naming it', async () => {
    const problems: string[] = [];
    for (const operation of withBody()) {
      problems.push(...(await callerFor(operation)).problems);
    }
    expect(problems).toEqual([]);
  });

  it('refuses a value of the wrong type for each property with 400 naming it', async () => {
    const problems: string[] = [];
    let cases = 0;
    for (const operation of withBody()) {
      const { caller, problems: own } = await callerFor(operation);
      problems.push(...own);
      for (const [property, schema] of Object.entries(operation.body!.properties ?? {})) {
        const value = caller && wrongValue(resolve(schema));
        if (value !== undefined) {
          cases++;
          problems.push(
            ...(await refused(
              operation,
              caller!,
              `${property}=${JSON.stringify(value)}`,
              { [property]: value },
              { status: 400, fields: [property] },
            )),
          );
        }
      }
    }
    expect(cases).toBeGreaterThan(20);
    expect(problems).toEqual([]);
  });

  it('refuses an empty object with 400 naming every required property', async () => {
    const problems: string[] = [];
    for (const operation of withBody().filter((candidate) => candidate.body!.required?.length)) {
      const { caller, problems: own } = await callerFor(operation);
      problems.push(...own);
      if (caller) {
        problems.push(
          ...(await refused(
            operation,
            caller,
            'an empty object',
            {},
            { status: 400, fields: operation.body!.required },
          )),
        );
      }
    }
    expect(problems).toEqual([]);
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const problems: string[] = [];
    const huge = { padding: 'x'.repeat(JSON_BODY_LIMIT) };
    for (const operation of withBody()) {
      const { caller, problems: own } = await callerFor(operation);
      problems.push(
        ...own,
        ...(await refused(operation, caller ?? callers[0], 'a body over 1 MiB', huge, { status: 413 })),
      );
    }
    expect(problems).toEqual([]);
  });

  it('refuses malformed JSON with 400', async () => {
    const problems: string[] = [];
    for (const operation of withBody()) {
      const { caller, problems: own } = await callerFor(operation);
      problems.push(...own);
      for (const text of ['{"title": ', "{'single': 'quotes'}", '{"a": 1}}']) {
        problems.push(
          ...(await refused(
            operation,
            caller ?? callers[0],
            `malformed JSON ${text}`,
            text,
            { status: 400 },
            { raw: true },
          )),
        );
      }
    }
    expect(problems).toEqual([]);
  });

  it('refuses a body that is not an object (array, string, number, boolean, null) with 400', async () => {
    const problems: string[] = [];
    for (const operation of withBody()) {
      const { caller, problems: own } = await callerFor(operation);
      problems.push(...own);
      if (caller) {
        for (const text of ['[]', '[{}]', '"text"', '42', 'true']) {
          problems.push(
            ...(await refused(operation, caller, `the body ${text}`, text, { status: 400 }, { raw: true })),
          );
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('refuses query parameters of the wrong type with 400', async () => {
    const problems: string[] = [];
    let cases = 0;
    for (const operation of operations.filter((candidate) => candidate.method === 'GET')) {
      for (const parameter of operation.parameters.filter((candidate) => candidate.in === 'query')) {
        const value = wrongQueryValue(parameter.schema);
        if (value === undefined) {
          continue;
        }
        cases++;
        const url = `${operation.url}?${new URLSearchParams({ [parameter.name]: value })}`;
        let answered = false;
        for (const caller of callers) {
          const own = await refused(
            operation,
            caller,
            `?${parameter.name}=${value}`,
            undefined,
            { status: 400 },
            { url },
          );
          if (own.some((problem) => / answered 40[13] /.test(problem))) {
            continue;
          }
          problems.push(...own);
          answered = true;
          break;
        }
        if (!answered) {
          problems.push(`${operation.label}: every caller is refused with 401/403`);
        }
      }
    }
    expect(cases).toBeGreaterThanOrEqual(1);
    expect(problems).toEqual([]);
  });
});
