import { pino, type Logger } from 'pino';
import { settings } from './settings';

let current: Logger | null = null;

/** The process's JSON logger (stdout), at LOG_LEVEL. */
export function logger(): Logger {
  current ??= pino({ level: settings().logLevel, base: { service: 'web' } });
  return current;
}

/** One access-log line: what was asked and how it was answered; never cookies, tokens or query strings. */
export interface AccessLogEntry {
  method: string;
  path: string;
  status: number;
  durationMs: number;
}

/**
 * The access-log fields for a request, the duration rounded to a tenth of a millisecond.
 *
 * @example
 * accessLogEntry('GET', new URL('http://x/photos/abc?species=owl'), 200, 12.345)
 * // { method: 'GET', path: '/photos/abc', status: 200, durationMs: 12.3 }
 */
export function accessLogEntry(method: string, url: URL, status: number, durationMs: number): AccessLogEntry {
  return { method, path: url.pathname, status, durationMs: Math.round(durationMs * 10) / 10 };
}
