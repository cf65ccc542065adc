// Steps the browser tests share: signing in, waiting for a view, reading a field's error, counting requests.
import assert from 'node:assert/strict';

/** Waits until the view for this route (the hash without "#/") shows one of these states. */
export async function view(page, route, states = ['ready']) {
  const selector = states.map((s) => `.view[data-route="${route}"][data-state="${s}"]`).join(', ');
  return page.waitForSelector(selector);
}

/** Goes to a route by its address, as a bookmark would. */
export async function go(page, stack, route, states) {
  await page.goto(`${stack.baseUrl}/#/${route}`);
  return view(page, route, states);
}

export async function signIn(page, stack) {
  await page.goto(`${stack.baseUrl}/#/orders`);
  await page.fill('form.login input', stack.apiKey);
  await page.click('form.login button[type=submit]');
  await view(page, 'orders', ['ready', 'empty']);
}

/**
 * The error shown for an input: it must be marked invalid, described by the error, and the error
 * must sit next to it (in the same field wrapper). Resolves with the error's text.
 */
export async function fieldError(page, selector) {
  await page.waitForSelector(`${selector}[aria-invalid="true"]`);
  const found = await page.evaluate((sel) => {
    const input = document.querySelector(sel);
    const errors = (input.getAttribute('aria-describedby') ?? '').split(' ')
      .map((id) => document.getElementById(id)).filter((e) => e?.classList.contains('field-error'));
    const near = '.field, .cell-field, .inline-form';
    const holder = input.closest(near);
    return { texts: errors.map((e) => e.textContent), beside: holder !== null && errors.every((e) => e.closest(near) === holder) };
  }, selector);
  assert.equal(found.texts.length, 1, `one error describes ${selector}`);
  assert.ok(found.beside, `the error of ${selector} is next to it`);
  return found.texts[0];
}

/** A day `offset` days from today in the browser's time zone (the tests run in the same one). */
export function isoDay(offset) {
  const d = new Date(Date.now() + offset * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Waits until the order page's status line (what the last action did) matches; resolves with its text. */
export async function statusLine(page, pattern) {
  const line = page.locator('.status-line', { hasText: pattern });
  await line.waitFor();
  return line.textContent();
}

/** Counts the page's requests of this method whose path ends with `suffix`: counter.count, counter.bodies. */
export function countRequests(page, method, suffix) {
  const counter = { count: 0, bodies: [] };
  page.on('request', (r) => {
    if (r.method() === method && new URL(r.url()).pathname.endsWith(suffix)) {
      counter.count += 1;
      counter.bodies.push(r.postDataJSON());
    }
  });
  return counter;
}

/** Polls `read` until it returns something truthy (the local stack does some work after answering). */
export async function eventually(read, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await read();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
