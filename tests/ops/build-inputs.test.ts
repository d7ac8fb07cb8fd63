/**
 * `npm start` / `npm test` rebuild a part only when its inputs changed (scripts/lib/build.mjs): the admin panel
 * must notice its customisations (cms/src/admin, a local plugin, shared/ that they import), the CMS server must
 * not, and neither may skip everything because the checkout itself sits under a folder named "admin" or "dist".
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { buildInputs, digestOf } from '../../scripts/lib/build.mjs';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'plumage-build-'));
// The checkout under folders named like the skipped ones.
const root = path.join(scratch, 'admin', 'dist', 'checkout');
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const seed: Record<string, string> = {
  'cms/src/admin/app.tsx': 'export default {};',
  'cms/src/bootstrap/admin-layout.ts': 'export const v = 1;',
  'cms/src/api/photo/services/photo.ts': 'export {};',
  'cms/package.json': '{}',
  'package-lock.json': '{}',
  'shared/src/format.ts': 'export const f = 1;',
};

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

function digest(part: 'cmsAdmin' | 'cmsServer'): string {
  const { inputs, skip } = buildInputs(part);
  return digestOf(inputs, skip, root);
}

test.each([
  { change: 'the admin customisation', file: 'cms/src/admin/app.tsx', admin: true, server: false },
  { change: 'a new admin component', file: 'cms/src/admin/add-photos/Page.tsx', admin: true, server: false },
  { change: "a local plugin's admin code", file: 'cms/src/plugins/add-photos/admin/src/index.tsx', admin: true, server: false },
  { change: "a local plugin's server code", file: 'cms/src/plugins/add-photos/server/src/index.ts', admin: true, server: true },
  { change: 'shared/ (the admin bundles its formatters)', file: 'shared/src/format.ts', admin: true, server: true },
  { change: 'a bootstrap file named admin-layout.ts', file: 'cms/src/bootstrap/admin-layout.ts', admin: false, server: true },
  { change: 'a service', file: 'cms/src/api/photo/services/photo.ts', admin: false, server: true },
])('a change to $change: admin rebuilt $admin, server recompiled $server', ({ file, admin, server }) => {
  for (const [name, text] of Object.entries(seed)) write(name, text);
  const before = { admin: digest('cmsAdmin'), server: digest('cmsServer') };
  write(file, `// changed ${Date.now()}\n`);
  expect(digest('cmsAdmin') !== before.admin).toBe(admin);
  expect(digest('cmsServer') !== before.server).toBe(server);
  fs.rmSync(path.join(root, 'cms', 'src', 'plugins'), { recursive: true, force: true });
  fs.rmSync(path.join(root, 'cms', 'src', 'admin', 'add-photos'), { recursive: true, force: true });
});
