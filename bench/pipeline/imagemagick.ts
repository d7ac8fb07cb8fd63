/**
 * What the owner's old scripts did, as well as a script can: one `convert` (Debian's ImageMagick, /usr/bin/convert,
 * never another on PATH) that decodes the original once and writes the same derivatives as the CMS (same sizes,
 * formats and qualities, metadata stripped), resizing each size from the one before as the CMS does; `sha256sum`
 * and ExifTool for the hash and the EXIF. Each timed with /usr/bin/time for its wall time and peak RSS.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { repoRoot } from '../lib/paths';

export const CONVERT = '/usr/bin/convert';

/**
 * Throws with a sentence unless CONVERT is Debian's ImageMagick itself: a machine may put a stand-in script named
 * `convert` on PATH (or in its place), and timing that would time something else.
 */
export function checkImageMagick(convert = CONVERT): string {
  if (!fs.existsSync(convert)) throw new Error(`${convert} is missing: apt-get install -y imagemagick (the bench compares with Debian's ImageMagick).`);
  const real = fs.realpathSync(convert);
  const head = Buffer.alloc(2);
  const fd = fs.openSync(real, 'r');
  fs.readSync(fd, head, 0, 2, 0);
  fs.closeSync(fd);
  if (head.toString('latin1') === '#!') throw new Error(`${convert} (${real}) is a script, not ImageMagick's convert: install Debian's imagemagick so that ${convert} is the real program.`);
  const version = spawnSync(convert, ['-version'], { encoding: 'utf8' }).stdout ?? '';
  if (!/^Version: ImageMagick /.test(version)) throw new Error(`${convert} (${real}) does not say it is ImageMagick: ${version.split('\n')[0] || 'no answer to -version'}`);
  return version.split('\n')[0]!.replace(/^Version: /, '');
}

interface Planned {
  name: 'thumb' | 'display' | 'display2x';
  width: number;
  height: number;
  longEdge: number;
}

const shared = createRequire(path.join(repoRoot, 'cms', 'package.json'))('@plumage/shared') as {
  planDerivatives(width: number, height: number): Planned[];
  derivativeExtension(format: string): string;
  DERIVATIVE_FORMATS: readonly string[];
};

// The CMS's encoder settings (cms/src/pipeline/encoding.ts) in ImageMagick's terms. ImageMagick 6's HEIF coder has
// no speed or chroma setting: AVIF is written at libheif's default speed, which is its choice, not ours.
const QUALITY: Record<string, number> = { avif: 50, webp: 80, jpeg: 80 };
const WEBP_METHOD: Record<Planned['name'], number> = { thumb: 4, display: 2, display2x: 2 };

export function convertArgs(source: string, width: number, height: number, outDir: string): { args: string[]; files: string[] } {
  const largestFirst = shared.planDerivatives(width, height).sort((a, b) => b.longEdge - a.longEdge);
  const args = [source, '-auto-orient', '-strip', '-colorspace', 'sRGB'];
  const files: string[] = [];
  for (const size of largestFirst) {
    args.push('-resize', `${size.width}x${size.height}!`);
    for (const format of shared.DERIVATIVE_FORMATS) {
      const file = path.join(outDir, `${size.name}.${shared.derivativeExtension(format)}`);
      if (format === 'webp') args.push('-define', `webp:method=${WEBP_METHOD[size.name]}`);
      args.push('-quality', String(QUALITY[format]), '-write', file);
      files.push(file);
    }
  }
  args.push('null:');
  return { args, files };
}

export interface TimedCommand {
  ms: number;
  peakRssMiB: number;
}

/** Runs a command under /usr/bin/time; throws with its stderr when it fails. */
export function timeCommand(command: string, args: string[]): TimedCommand {
  const report = path.join(fs.mkdtempSync('/tmp/plumage-bench-time-'), 'time');
  const start = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', '-o', report, command, ...args], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${command} failed (${result.status}): ${result.stderr}`);
  // Wall time from here (time's %e has 10 ms steps); peak RSS from time's wait4.
  const [, kib] = fs.readFileSync(report, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  fs.rmSync(path.dirname(report), { recursive: true, force: true });
  return { ms, peakRssMiB: kib! / 1024 };
}

export interface ImageMagickRun {
  convert: TimedCommand;
  sha256sum: TimedCommand;
  exiftool: TimedCommand;
  bytes: Record<string, number>;
}

export function runImageMagick(source: string, width: number, height: number, workDir: string): ImageMagickRun {
  fs.mkdirSync(workDir, { recursive: true });
  const { args, files } = convertArgs(source, width, height, workDir);
  const convert = timeCommand(CONVERT, args);
  const bytes = Object.fromEntries(files.map((file) => [path.basename(file), fs.statSync(file).size]));
  const sha256sum = timeCommand('sha256sum', [source]);
  const exiftool = timeCommand('exiftool', ['-j', '-n', '-EXIF:all', '-GPS:all', source]);
  fs.rmSync(workDir, { recursive: true, force: true });
  return { convert, sha256sum, exiftool, bytes };
}
