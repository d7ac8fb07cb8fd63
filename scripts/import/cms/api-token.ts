import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';

export interface TokenChoice {
  token: string | null;
  /** Where it came from, for the log: flag, environment, saved file, or newly created. */
  origin: 'given' | 'saved' | 'created' | 'none';
}

/** True when the CMS runs on this machine (loopback), so its database is here to make a token in. */
export function isLocalCms(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127\./.test(host);
  } catch {
    return false;
  }
}

async function tokenWorks(url: string, token: string): Promise<boolean> {
  try {
    const res = await fetch(`${url.replace(/\/+$/, '')}/api/photos?pagination[pageSize]=1&fields[0]=sha256`, {
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(15_000),
    });
    return res.ok;
  } catch {
    return false;
  }
}

/** Runs `npm run token:create` (Strapi loaded in a separate process on the same database: SQLite WAL allows a second connection). */
function createToken(repoRoot: string, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'scripts', 'token-create.mjs'), '--name', name, '--type', 'full-access'], {
      cwd: repoRoot,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop()?.trim() ?? '';
      if (code === 0 && /^[A-Za-z0-9]{32,}$/.test(last)) resolve(last);
      else reject(new Error(`could not create an API token (npm run token:create exited ${code}): ${(err || out).trim().split('\n').slice(-3).join(' ')}`));
    });
  });
}

/**
 * The API token to use: `--token` or STRAPI_TOKEN when given; else the token an earlier run saved
 * (data/import-token) if the CMS still takes it; else, for a CMS on this machine, a new
 * full-access token made the way `npm run token:create` makes one, saved for the next run.
 */
export async function resolveApiToken({ given, url, repoRoot, tokenFile, create }: { given: string | undefined; url: string; repoRoot: string; tokenFile: string; create: boolean }): Promise<TokenChoice & { note?: string }> {
  if (given) return { token: given, origin: 'given' };
  const saved = await fs.readFile(tokenFile, 'utf8').then((text) => text.trim(), () => '');
  if (saved && (await tokenWorks(url, saved))) return { token: saved, origin: 'saved' };
  if (!create) return { token: null, origin: 'none' };
  if (!isLocalCms(url)) {
    throw new Error(`no API token for ${url}: give --token or STRAPI_TOKEN (a full-access token from that CMS's \`npm run token:create\`)`);
  }
  const name = `plumage importer ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}`;
  const token = await createToken(repoRoot, name);
  await fs.mkdir(path.dirname(tokenFile), { recursive: true });
  await fs.writeFile(tokenFile, `${token}\n`, { mode: 0o600 });
  return { token, origin: 'created', note: `created the full-access API token "${name}" and saved it in ${path.relative(repoRoot, tokenFile)} for later runs` };
}
