/** The owner of a test CMS: the first administrator, registered over HTTP, and signed in in a browser. */
import type { Page } from 'playwright-core';
import type { RunningCms } from './cms';

export const OWNER = { email: 'owner@example.org', password: 'Plumage-test-1', firstname: 'Owner' };

/** Registers the first administrator (POST /admin/register-admin); returns the admin session's token. */
export async function registerOwner(cms: Pick<RunningCms, 'url'>, owner = OWNER): Promise<string> {
  const registered = await fetch(`${cms.url}/admin/register-admin`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(owner),
  });
  if (registered.status !== 200) throw new Error(`registering the owner: ${registered.status} ${await registered.text()}`);
  const token = (await registered.json()).data?.token;
  if (!token) throw new Error('registering the owner gave no token');
  return token;
}

/** Signs in on the admin's login page and waits until the admin has let the owner in. */
export async function signIn(page: Page, cms: Pick<RunningCms, 'url'>, owner = OWNER): Promise<void> {
  await page.goto(`${cms.url}/admin/auth/login`);
  await page.fill('input[name=email]', owner.email);
  await page.fill('input[name=password]', owner.password);
  await page.click('button[type=submit]');
  await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 60_000 });
}
