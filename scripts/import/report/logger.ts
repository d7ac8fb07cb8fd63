import pino, { type Logger } from 'pino';
import type { ProgressDisplay } from './progress';

/**
 * pino JSON on stderr, written around the progress bar so neither garbles the other. On a
 * terminal only warnings and errors show unless `verbose`; elsewhere every photo's outcome is a
 * log line (`LOG_LEVEL`, default info).
 */
export function createImportLogger({ level, progress, stream = process.stderr }: { level: string; progress?: ProgressDisplay; stream?: NodeJS.WritableStream }): Logger {
  const destination = {
    write(line: string) {
      if (progress) progress.around(() => stream.write(line));
      else stream.write(line);
    },
  };
  return pino({ level, base: { name: 'plumage-import' }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}
