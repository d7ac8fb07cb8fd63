/** What a result was measured on: the machine, the software versions and how busy the machine was. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { repoRoot } from './paths';

export interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  os: string;
  loadAverageAtStart: number[];
  versions: Record<string, string>;
  commit: string;
}

function firstLine(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) return 'not installed';
  return `${result.stdout}${result.stderr}`.split('\n').find((line) => line.trim() !== '')?.trim() ?? 'unknown';
}

function packageVersion(name: string, from = repoRoot): string {
  try {
    const require = createRequire(path.join(from, 'package.json'));
    return JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

export function describeMachine(): Machine {
  const cms = path.join(repoRoot, 'cms');
  const sharpVersions = createRequire(path.join(cms, 'package.json'))('sharp').versions as Record<string, string>;
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    ramGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} (${firstLine('sh', ['-c', '. /etc/os-release && echo "$PRETTY_NAME"'])})`,
    loadAverageAtStart: os.loadavg().map((value) => Math.round(value * 100) / 100),
    versions: {
      node: process.version,
      strapi: packageVersion('@strapi/strapi', cms),
      astro: packageVersion('astro', path.join(repoRoot, 'web')),
      sharp: sharpVersions.sharp ?? 'unknown',
      libvips: sharpVersions.vips ?? 'unknown',
      exifr: packageVersion('exifr', cms),
      'better-sqlite3': packageVersion('better-sqlite3', cms),
      imagemagick: firstLine('/usr/bin/convert', ['-version']).replace(/^Version: /, ''),
      exiftool: firstLine('exiftool', ['-ver']),
      wrk: firstLine('wrk', ['-v']),
      nginx: firstLine('nginx', ['-v']),
    },
    commit: firstLine('git', ['-C', repoRoot, 'rev-parse', '--short', 'HEAD']),
  };
}
