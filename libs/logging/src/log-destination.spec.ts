import { Writable } from 'node:stream';
import pino from 'pino';
import { AppConfig } from '@spcomms/config';
import { logDestination, prettyLogs } from './log-destination';

function terminal(isTTY: boolean): Writable & { isTTY: boolean; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return Object.assign(stream, { isTTY, text: () => chunks.join('') });
}

const configOf = (env: Record<string, string>) => AppConfig.fromEnv(env);

describe('log destination', () => {
  it('is readable in development on a terminal, and JSON everywhere else unless asked', () => {
    expect(prettyLogs(configOf({ NODE_ENV: 'development' }), { isTTY: true })).toBe(true);
    expect(prettyLogs(configOf({ NODE_ENV: 'development' }), { isTTY: false })).toBe(false);
    expect(prettyLogs(configOf({ NODE_ENV: 'production' }), { isTTY: true })).toBe(false);
    expect(prettyLogs(configOf({ NODE_ENV: 'production', LOG_FORMAT: 'pretty' }), { isTTY: false })).toBe(true);
    expect(prettyLogs(configOf({ NODE_ENV: 'development', LOG_FORMAT: 'json' }), { isTTY: true })).toBe(false);
  });

  it('writes a line with a readable time, level and message instead of JSON with epoch times', () => {
    const output = terminal(true);
    const logger = pino({ level: 'info' }, logDestination(configOf({ NODE_ENV: 'development' }), output));

    logger.info({ reqId: 'r-1' }, 'request completed');

    // eslint-disable-next-line no-control-regex
    const text = output.text().replace(/\x1b\[\d+m/g, '');
    expect(text).toMatch(/^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}\] .*INFO.*: .*request completed/);
    expect(text).toContain('reqId: "r-1"');
    expect(() => JSON.parse(text)).toThrow();
  });

  it('leaves JSON to pino when the logs go to a collector', () => {
    expect(logDestination(configOf({ NODE_ENV: 'development' }), terminal(false))).toBeUndefined();
  });
});
