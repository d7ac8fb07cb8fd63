// Progress of a long command on stderr: one line rewritten in place on a terminal, a line every few seconds in a
// log (cron, PM2, CI). stdout stays free for the command's result.
const interactive = Boolean(process.stderr.isTTY);

/**
 * @example
 * const progress = createProgress('backup')
 * progress.update(`media: ${done}/${total} files`)
 * progress.done('media: 120 files, 48.2 MB')
 */
export function createProgress(label, { everyMs = interactive ? 200 : 5000 } = {}) {
  let last = 0;
  let pending = false;
  const write = (text, final) => {
    if (interactive) process.stderr.write(`\r\x1b[2K[${label}] ${text}${final ? '\n' : ''}`);
    else process.stderr.write(`[${label}] ${text}\n`);
  };
  return {
    update(text) {
      const now = Date.now();
      if (now - last < everyMs) {
        pending = true;
        return;
      }
      last = now;
      pending = false;
      write(text, false);
    },
    done(text) {
      pending = false;
      last = 0;
      write(text, true);
    },
    /** A line of its own (a warning), without losing the progress line. */
    note(text) {
      if (interactive) process.stderr.write('\r\x1b[2K');
      process.stderr.write(`[${label}] ${text}\n`);
      if (pending) pending = false;
    },
  };
}

/** 1536 → '1.5 KB' */
export function formatBytes(bytes) {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
