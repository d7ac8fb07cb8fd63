// `npm test`: builds what the tests run against (shared/, the CMS and its admin panel, the built site),
// then every test: unit, integration, browser. Extra arguments go to vitest
// (`npm test -- --project shared`, `npm test -- tests/integration/upload.test.ts`).
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { repoRoot } from './lib/env.mjs';
import { ensureBuilt } from './lib/build.mjs';

process.env.ASTRO_TELEMETRY_DISABLED = '1';
process.env.STRAPI_TELEMETRY_DISABLED = 'true';
ensureBuilt(['shared', 'cmsAdmin', 'cmsServer', 'web']);

// Besides vitest's own report, a JSON one, so that the run ends with one plain line of counts that any reader
// (a person, CI) can take in: vitest's summary is spread over several coloured lines.
const resultsFile = path.join(repoRoot, 'test-results', 'vitest-results.json');
fs.rmSync(resultsFile, { force: true });
const vitest = path.join(repoRoot, 'node_modules', '.bin', 'vitest');
const args = ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${resultsFile}`, ...process.argv.slice(2)];
const result = spawnSync(vitest, args, { cwd: repoRoot, stdio: 'inherit', env: process.env });

if (fs.existsSync(resultsFile)) {
  const counts = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  console.log(`\ntests: ${counts.numPassedTests} passed, ${counts.numFailedTests} failed, ${counts.numPendingTests + counts.numTodoTests} skipped`);
}
process.exit(result.status ?? 1);
