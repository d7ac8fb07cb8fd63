/** Debian's chromium driven by playwright-core: never a downloaded browser. */
import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium); tests never download a browser.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // The machine has no network beyond package registries: no background calls home.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A page whose console errors, warnings, uncaught errors and CSP violations are collected in `problems`. */
export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** What went wrong since the last `takeProblems()`. */
  takeProblems(): string[];
}

/** A fresh 1280×900 context and page that record every console error or warning, page error and CSP violation. */
export async function openWatchedPage(browser: Browser): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Recorded before any page script runs; CSP does not apply to init scripts.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const page = await context.newPage();
  let problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return {
    context,
    page,
    takeProblems() {
      const taken = problems;
      problems = [];
      return taken;
    },
  };
}

/** The first administrator of a fresh CMS: registered, then signed in on a new 1400×1000 page of `browser`. */
export async function signInAsNewOwner(browser: Browser, cmsUrl: string, owner = { email: 'owner@example.org', password: 'Plumage-test-1', firstname: 'Owner' }): Promise<Page> {
  const registered = await fetch(`${cmsUrl}/admin/register-admin`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(owner),
  });
  if (!registered.ok) throw new Error(`registering the first administrator: ${registered.status} ${await registered.text()}`);
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`${cmsUrl}/admin/auth/login`);
  await page.fill('input[name=email]', owner.email);
  await page.fill('input[name=password]', owner.password);
  await page.click('button[type=submit]');
  await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 60_000 });
  return page;
}
