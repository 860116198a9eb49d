/** Names shared by the global setup (which makes the template) and the test files (which clone it). */
export const TEMPLATE_ENV = 'SPCOMMS_TEST_TEMPLATE_DB';
export const RUN_ENV = 'SPCOMMS_TEST_RUN';

export function serverUrl(): URL {
  const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = '/postgres';
  return url;
}

export function databaseUrl(name: string): string {
  const url = serverUrl();
  url.pathname = `/${name}`;
  return url.toString();
}
