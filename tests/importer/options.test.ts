import { expect, test } from 'vitest';
import { parseCliOptions } from '../../scripts/import/options';

test.each([
  { argv: ['photos'], output: { target: 'photos', concurrency: 2, dryRun: false, createSpecies: true, referenceList: true, mode: 'auto', token: undefined, url: undefined } },
  { argv: ['photos', '--dry-run', '--concurrency', '1'], output: { dryRun: true, concurrency: 1 } },
  { argv: ['site/index.html', '--no-create-species', '--no-reference-list'], output: { createSpecies: false, referenceList: false } },
  { argv: ['x', '--url', 'http://cms.example:1337', '--token', 'abc'], output: { url: 'http://cms.example:1337', token: 'abc' } },
  { argv: ['x', '--taxonomy', 'a.csv', '--taxonomy', 'b.csv', '--manifest', 'm.json', '--mode', 'gallery'], output: { taxonomy: ['a.csv', 'b.csv'], manifests: ['m.json'], mode: 'gallery' } },
  { argv: ['--taxonomy', 'eBird.csv'], output: { target: null, taxonomy: ['eBird.csv'] } },
])('parseCliOptions($argv)', ({ argv, output }) => {
  expect(parseCliOptions(argv)).toMatchObject(output);
});

test.each([
  { argv: [], error: 'give a PATH to import (or --taxonomy FILE)' },
  { argv: ['a', 'b'], error: 'one PATH at a time (got 2: a, b)' },
  { argv: ['x', '--concurrency', '0'], error: '--concurrency takes a whole number from 1 to 16' },
  { argv: ['x', '--concurrency', '64'], error: '--concurrency takes a whole number from 1 to 16' },
  { argv: ['x', '--concurrency', 'two'], error: '--concurrency takes a whole number from 1 to 16' },
  { argv: ['x', '--mode', 'zip'], error: '--mode takes folder or gallery' },
  { argv: ['x', '--dryrun'], error: /Unknown option '--dryrun'/ },
])('parseCliOptions($argv) refuses with a sentence', ({ argv, error }) => {
  expect(() => parseCliOptions(argv)).toThrow(error);
});
