import type { ImportProgress } from '../run-import';

/** "1 min 05 s", "12 s", "2 h 03 min". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** Time left at the pace so far; null until there is a pace to go by. */
export function estimateLeftMs(progress: Pick<ImportProgress, 'total' | 'done' | 'startedAt'>, now = Date.now()): number | null {
  if (progress.done === 0 || progress.done >= progress.total) return progress.done >= progress.total ? 0 : null;
  const perItem = (now - progress.startedAt) / progress.done;
  return perItem * (progress.total - progress.done);
}

function countsText({ counts }: ImportProgress): string {
  const parts = [`imported ${counts.imported}`, `already ${counts.already}`, `failed ${counts.failed}`];
  if (counts['would-import'] > 0) parts.unshift(`would import ${counts['would-import']}`);
  return parts.join(' · ');
}

/**
 * One progress line: bar (for a terminal), counts, pace and time left.
 *
 * @example
 * progressLine({ total: 60, done: 30, counts: { imported: 28, already: 1, failed: 1, 'would-import': 0 }, startedAt: 0 }, { now: 30_000, width: 10 })
 * // '[#####.....] 30/60  imported 28 · already 1 · failed 1  ·  60.0 photos/min  ·  about 30 s left'
 */
export function progressLine(progress: ImportProgress, { now = Date.now(), width = 24, pace: showPace = true }: { now?: number; width?: number; pace?: boolean } = {}): string {
  const ratio = progress.total > 0 ? progress.done / progress.total : 1;
  const filled = Math.round(ratio * width);
  const bar = width > 0 ? `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ` : '';
  const elapsed = now - progress.startedAt;
  const pace = progress.done > 0 && elapsed > 0 ? `${((progress.done / elapsed) * 60_000).toFixed(1)} photos/min` : 'starting';
  const left = estimateLeftMs(progress, now);
  const leftText = left === null ? '' : `  ·  about ${formatDuration(left)} left`;
  return `${bar}${progress.done}/${progress.total}  ${countsText(progress)}${showPace ? `  ·  ${pace}` : ''}${leftText}`;
}

export interface ProgressDisplay {
  update(progress: ImportProgress): void;
  /** Clears the bar so another line can be written, then draws it again. */
  around(write: () => void): void;
  finish(): void;
}

/**
 * On a terminal: one line redrawn in place on stderr. Otherwise (a pipe, a log file, CI): a plain
 * line every `intervalMs`, and one at the end, so a log shows progress without a flood.
 */
export function createProgressDisplay({ stream = process.stderr, intervalMs = 5_000 }: { stream?: NodeJS.WriteStream; intervalMs?: number } = {}): ProgressDisplay {
  const tty = Boolean(stream.isTTY);
  let latest: ImportProgress | null = null;
  let drawn = false;
  let lastPlain = 0;
  let printed: ImportProgress | null = null;
  let timer: NodeJS.Timeout | null = null;

  const draw = () => {
    if (!latest) return;
    // The bar takes what the counts leave of the terminal's width (10 to 30 columns); on a narrow
    // terminal (80 columns) the pace goes first, so that the bar, the counts and the time left stay.
    const columns = stream.columns ?? 100;
    const room = (pace: boolean) => columns - 4 - progressLine(latest!, { width: 0, pace }).length;
    const pace = room(true) >= 10;
    const width = Math.max(10, Math.min(30, room(pace)));
    stream.write(`\r\x1b[2K${progressLine(latest, { width, pace }).slice(0, columns - 1)}`);
    drawn = true;
  };
  const clear = () => {
    if (tty && drawn) stream.write('\r\x1b[2K');
    drawn = false;
  };
  const plain = () => {
    if (!latest) return;
    stream.write(`progress ${progressLine(latest, { width: 0 })}\n`);
    lastPlain = Date.now();
    printed = latest;
  };

  if (tty) {
    // The time left changes even while one large photo uploads: redraw each second.
    timer = setInterval(draw, 1_000);
    timer.unref();
  }

  return {
    update(progress) {
      latest = progress;
      if (tty) draw();
      else if (Date.now() - lastPlain >= intervalMs) plain();
    },
    around(write) {
      clear();
      write();
      if (tty) draw();
    },
    finish() {
      if (timer) clearInterval(timer);
      if (tty) {
        if (latest) draw();
        if (drawn) stream.write('\n');
      } else if (latest && latest.done > 0 && latest !== printed) plain();
    },
  };
}
