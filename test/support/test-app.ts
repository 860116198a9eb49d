import { Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { Role, systemActor } from '@spcomms/access';
import { PreferredLanguage, UsersService } from '@spcomms/accounts';
import { TestClock, TestResources, createTestResources } from '@spcomms/testing';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApp, createFastifyAdapter } from '../../apps/api/src/configure-app';
import { apiLogger } from '../../apps/api/src/logger-options';

export interface HttpAnswer<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | undefined>;
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
  ip?: string;
}

/** The whole API, as in production (same module, pipes, filter, guards), on a database of its own. */
export interface TestApp extends TestResources {
  app: NestFastifyApplication;
  request<T = any>(method: string, url: string, body?: unknown, options?: RequestOptions): Promise<HttpAnswer<T>>;
  get<T = any>(url: string, options?: RequestOptions): Promise<HttpAnswer<T>>;
  post<T = any>(url: string, body?: unknown, options?: RequestOptions): Promise<HttpAnswer<T>>;
  patch<T = any>(url: string, body?: unknown, options?: RequestOptions): Promise<HttpAnswer<T>>;
  /** Creates a user through the real service and logs in; answers the bearer token. */
  login(username: string, password?: string): Promise<string>;
  dataSource(): DataSource;
  createUser(input: {
    username: string;
    role: Role;
    mandates?: string[];
    stateCode?: string;
    language?: PreferredLanguage;
  }): Promise<{ id: string; token: string }>;
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'test-password-123';

/** Sees every answer the test client gets (the OpenAPI contract test checks each against the document). */
export type AnswerObserver = (method: string, url: string, answer: HttpAnswer) => void;

export async function createTestApp(
  options: {
    env?: Record<string, string>;
    clock?: TestClock;
    logDestination?: DestinationStream;
    observe?: AnswerObserver;
    /** More modules and controllers beside the API's (e.g. a page that exists only for a test). */
    extra?: { imports?: Type[]; controllers?: Type[] };
  } = {},
): Promise<TestApp> {
  const resources = await createTestResources(options.env, options.clock);
  if (options.logDestination) {
    apiLogger(resources.config, options.logDestination);
  }
  const moduleRef = await Test.createTestingModule({
    imports: [
      ApiModule.forRoot({ config: resources.config, clock: resources.clock }),
      ...(options.extra?.imports ?? []),
    ],
    controllers: options.extra?.controllers ?? [],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(resources.config), {
    logger: false,
  });
  await configureApp(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();

  const request = async <T>(
    method: string,
    url: string,
    body?: unknown,
    opts: RequestOptions = {},
  ): Promise<HttpAnswer<T>> => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) {
      headers.authorization = `Bearer ${opts.token}`;
    }
    const response = await app.inject({
      method: method as 'GET',
      url,
      headers,
      remoteAddress: opts.ip ?? '127.0.0.1',
      ...(body === undefined
        ? {}
        : typeof body === 'string' || Buffer.isBuffer(body)
          ? { payload: body }
          : { payload: body as object }),
    });
    const type = String(response.headers['content-type'] ?? '');
    const answer: HttpAnswer<T> = {
      status: response.statusCode,
      body: (type.includes('json') && response.body ? response.json() : response.body) as T,
      headers: response.headers as Record<string, string | string[] | undefined>,
    };
    options.observe?.(method, url, answer);
    return answer;
  };

  const login = async (username: string, password = TEST_PASSWORD) => {
    const answer = await request<{ token: string }>('POST', '/auth/login', { username, password });
    if (answer.status !== 200) {
      throw new Error(`login of ${username} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    return answer.body.token;
  };

  return {
    ...resources,
    app,
    request,
    get: (url, opts) => request('GET', url, undefined, opts),
    post: (url, body, opts) => request('POST', url, body ?? {}, opts),
    patch: (url, body, opts) => request('PATCH', url, body ?? {}, opts),
    login,
    dataSource: () => app.get(DataSource),
    createUser: async (input) => {
      const user = await app.get(UsersService).create(systemActor('test'), {
        displayName: input.username,
        email: `${input.username}@test.local`,
        password: TEST_PASSWORD,
        ...input,
      });
      return { id: user.id, token: await login(input.username) };
    },
    close: async () => {
      await app.close();
      await resources.release();
    },
  };
}
