import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { fromRoot } from '../lib/paths';

/**
 * The site reads the CMS with a read-only API token kept in WEB_TOKEN_FILE. A fresh database,
 * or one the file's token does not belong to, gets a new token here, with no manual step.
 */
export async function ensureWebToken(strapi: Core.Strapi): Promise<void> {
  const setting = process.env.WEB_TOKEN_FILE;
  if (!setting) return;
  const file = fromRoot(setting);
  const tokens = strapi.service('admin::api-token-content-api') as any;
  const saved = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : '';
  if (saved && (await tokens.getByAccessKey(tokens.hash(saved)))) return;
  const created = await tokens.create({
    name: `plumage-web ${new Date().toISOString()}`,
    description: 'Read-only token the public site uses to read photos and species (made by the CMS at boot).',
    type: 'read-only',
    lifespan: null,
  });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${created.accessKey}\n`, { mode: 0o600 });
  strapi.log.info(`Created the site's read-only API token in ${file}`);
}
