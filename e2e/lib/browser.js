// Debian's Chromium (/usr/bin/chromium, installed by e2e/setup) driven by playwright-core:
// no browser download, flags that keep it off the network, a fresh profile per launch.
import { chromium } from 'playwright-core';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './stack.js';

export const SCREENSHOTS = path.join(ROOT, 'e2e/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launch() {
  rmSync(SCREENSHOTS, { recursive: true, force: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  // playwright adds --headless, --no-sandbox (as root) and a new temporary --user-data-dir itself.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** A page that records every Content-Security-Policy violation and uncaught error it sees. */
export async function openPage(browser, { width = 1280, height = 860 } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) page.problems.push(`${m.text()} (${m.location()?.url ?? "?"}:${m.location()?.lineNumber ?? "?"}) after ${page.lastStep ?? "start"}`);
  });
  page.on('pageerror', (e) => page.problems.push(`uncaught: ${e.message}`));
  // window.print() would open a dialog; the tests only need to know it was asked for.
  await page.addInitScript(() => {
    window.__printed = 0;
    window.print = () => { window.__printed += 1; };
  });
  return page;
}

const taken = [];
/** Saves a full-page screenshot as e2e/screenshots/NN-name.png and remembers it for the summary. */
export async function screenshot(page, name, { fullPage = true } = {}) {
  page.lastStep = `screenshot ${name}`;
  const file = path.join(SCREENSHOTS, `${String(taken.length + 1).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage });
  taken.push(file);
  return file;
}

export function screenshotsTaken() {
  return [...taken];
}
