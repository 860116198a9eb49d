import { Writable } from 'node:stream';
import { DestinationStream } from 'pino';
import pretty from 'pino-pretty';
import { AppConfig } from '@spcomms/config';

/** Where a process writes its logs: a terminal in development reads lines, a collector reads JSON. */
export function prettyLogs(config: AppConfig, output: { isTTY?: boolean } = process.stdout): boolean {
  const format = config.env.LOG_FORMAT;
  return format === 'pretty' || (format === 'auto' && config.env.NODE_ENV === 'development' && output.isTTY === true);
}

/**
 * The destination of the API's and the worker's pino logger: pino-pretty (local times, level names,
 * the message first, then the fields) when logs are meant to be read, else undefined: pino's own
 * JSON on stdout.
 */
export function logDestination(
  config: AppConfig,
  output: Writable & { isTTY?: boolean } = process.stdout,
): DestinationStream | undefined {
  if (!prettyLogs(config, output)) {
    return undefined;
  }
  return pretty({
    destination: output,
    colorize: output.isTTY === true,
    translateTime: 'SYS:yyyy-mm-dd HH:MM:ss.l',
    ignore: 'pid,hostname',
    sync: true,
  });
}
