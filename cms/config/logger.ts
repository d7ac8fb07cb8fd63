import os from 'node:os';
import { winston } from '@strapi/logger';

// pino's numeric levels, so that cms and web write the same JSON lines (one log pipeline, one tool).
const PINO_LEVELS: Record<string, number> = { error: 50, warn: 40, info: 30, http: 30, verbose: 20, debug: 20, silly: 10 };

const pinoJson = winston.format.printf((info) => {
  const { level, message, timestamp: _t, ...rest } = info as Record<string, unknown>;
  return JSON.stringify({
    level: PINO_LEVELS[String(level)] ?? 30,
    time: Date.now(),
    pid: process.pid,
    hostname: os.hostname(),
    name: 'cms',
    msg: message,
    ...rest,
  });
});

// LOG_LEVEL speaks pino (fatal … trace); winston knows neither end.
const WINSTON_LEVEL: Record<string, string> = { fatal: 'error', trace: 'silly', silent: 'error' };
const wanted = process.env.STRAPI_LOG_LEVEL || process.env.LOG_LEVEL || 'info';

export default {
  level: WINSTON_LEVEL[wanted] ?? wanted,
  transports: [new winston.transports.Console({ format: pinoJson })],
};
