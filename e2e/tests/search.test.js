// The orders list's search box in headless Chromium against the local stack: an order found by its
// number, by the tracking number it shipped with and by the buyer's name narrowed by status, all kept
// in the address; a search without matches says so.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, placeOrder, sellerApi } from '../lib/stack.js';
import { launch, openPage, screenshot } from '../lib/browser.js';
import { view, signIn } from '../lib/dashboard.js';

const run = Date.now().toString(36).toUpperCase();
let stack;
let browser;
let first; // stays UNSHIPPED
let second; // shipped with a tracking number
const tracking = `1ZSRCH${run}`;

before(async () => {
  stack = await startStack();
  browser = await launch();
  first = await placeOrder(stack, `SRCH-${run}-1`);
  second = await placeOrder(stack, `SRCH-${run}-2`);
  const shipment = await sellerApi(stack, `v1/orders/${second}/shipments`, {
    method: 'POST', body: { carrier: 'Other', trackingNumber: tracking, shipDate: new Date().toISOString() },
  });
  assert.equal(shipment.status, 201, JSON.stringify(shipment.body));
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

/** The order ids listed in the results, in order. */
async function listed(page) {
  return page.$$eval('tbody tr', (rows) => rows.map((r) => r.dataset.orderId));
}

async function search(page, text, { searchIn = '', states = ['ready'] } = {}) {
  await page.fill('input[name=q]', '');
  await page.focus('input[name=q]');
  await page.keyboard.type(text);
  await page.selectOption('select[name=field]', searchIn);
  await page.keyboard.press('Enter');
  await page.waitForFunction((q) => new URLSearchParams(location.hash.split('?')[1] ?? '').get('q') === q, text);
  const route = (await page.evaluate(() => location.hash)).slice(2);
  await view(page, route, states);
}

describe('a seller finds orders with the search box', () => {
  let page;
  before(async () => {
    page = await openPage(browser);
    await signIn(page, stack);
  });

  it('finds an order by its number, typed with different case', async () => {
    await search(page, `srch-${run.toLowerCase()}-1`);
    assert.deepEqual(await listed(page), [first]);
    assert.equal(await page.inputValue('input[name=q]'), `srch-${run.toLowerCase()}-1`, 'the box keeps the search');
    await screenshot(page, 'orders-search');
  });

  it('finds a shipped order by its tracking number and keeps the search in the address', async () => {
    await search(page, tracking.toLowerCase(), { searchIn: 'track' });
    assert.deepEqual(await listed(page), [second]);
    assert.match(page.url(), /field=track/);
    await page.reload();
    await view(page, (await page.evaluate(() => location.hash)).slice(2));
    assert.deepEqual(await listed(page), [second], 'a bookmark of the search shows the same result');
  });

  it('narrows a name search with the status filter', async () => {
    await page.selectOption('select[name=status]', 'SHIPPED');
    await search(page, 'ada love', { searchIn: 'name' });
    assert.deepEqual(await listed(page), [second]);
    await page.selectOption('select[name=status]', 'UNSHIPPED');
    await page.click('form.filters button[type=submit]');
    await view(page, (await page.evaluate(() => location.hash)).slice(2));
    assert.ok((await listed(page)).includes(first));
    assert.ok(!(await listed(page)).includes(second));
  });

  it('says when nothing matches, and Clear lists every order again', async () => {
    await page.selectOption('select[name=status]', '');
    await search(page, `nobody-${run}`, { states: ['empty'] });
    assert.match(await page.textContent('.state.empty'), /No orders match/);
    await page.click('form.filters >> text=Clear');
    await view(page, 'orders');
    assert.equal(await page.inputValue('input[name=q]'), '');
    assert.ok((await listed(page)).includes(first));
  });
});
