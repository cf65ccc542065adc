// Bulk actions on the orders list in headless Chromium against the local stack: tick orders (one by
// one or the whole page), acknowledge them, cancel with a reason where one has already shipped (that
// one is listed with the API's reason and stays ticked), print their slips and pick list as one PDF,
// and find the way to shipping from a file.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, placeOrder, sellerApi } from '../lib/stack.js';
import { launch, openPage, screenshot } from '../lib/browser.js';
import { go, signIn, countRequests } from '../lib/dashboard.js';

const run = Date.now().toString(36);
let stack;
let browser;
let page;
const orders = []; // three UNSHIPPED orders
let shippedOne; // shipped before the bulk cancel: refused with 409

before(async () => {
  stack = await startStack();
  browser = await launch();
  for (let i = 1; i <= 3; i++) orders.push(await placeOrder(stack, `BULK-${run}-${i}`, { skus: ['MUG-BLUE'] }));
  shippedOne = await placeOrder(stack, `BULK-${run}-S`, { skus: ['MUG-BLUE'] });
  const shipped = await sellerApi(stack, `v1/orders/${shippedOne}/shipments`, {
    method: 'POST', body: { carrier: 'UPS', trackingNumber: '1Z999AA10123456784', shipDate: new Date().toISOString() },
  });
  assert.equal(shipped.status, 201, JSON.stringify(shipped.body));
  page = await openPage(browser);
  await signIn(page, stack);
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

const tick = (id) => page.check(`tr[data-order-id="${id}"] input.pick`);

describe('a seller acts on several orders at once', () => {
  it('ticks two orders and acknowledges both in one request with an Idempotency-Key', async () => {
    await go(page, stack, 'orders?status=UNSHIPPED&limit=100');
    assert.equal(await page.isDisabled('#bulk-acknowledge'), true, 'nothing ticked: nothing to do');
    await tick(orders[0]);
    await tick(orders[1]);
    assert.match(await page.textContent('.bulk-count'), /^2 selected/);
    const sent = countRequests(page, 'POST', '/v1/orders/bulk-actions');
    const request = page.waitForRequest((r) => r.url().endsWith('/v1/orders/bulk-actions'));
    await page.click('#bulk-acknowledge');
    const headers = (await request).headers();
    assert.match(headers['idempotency-key'], /^[0-9a-f-]{36}$/);
    await page.waitForSelector('.bulk-result.all-done');
    assert.match(await page.textContent('.bulk-result'), /^2 acknowledged\./);
    assert.equal(sent.count, 1);
    assert.deepEqual(sent.bodies[0], { action: 'acknowledge', orderIds: [orders[0], orders[1]] });
    for (const id of orders.slice(0, 2)) assert.ok((await sellerApi(stack, `v1/orders/${id}`)).body.acknowledgedAt, id);
    assert.match(await page.textContent('.bulk-count'), /Tick orders/, 'nothing left ticked');
  });

  it('prints the slips and pick list of the page as one PDF', async () => {
    await page.check('input.pick-all');
    const ticked = await page.locator('tbody input.pick:checked').count();
    assert.ok(ticked >= 3, `the whole page is ticked (${ticked})`);
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/v1/picklist') && r.url().includes('format=pdf'));
    const opened = page.context().waitForEvent('page');
    await page.click('#bulk-print');
    const response = await answered;
    assert.equal(response.status(), 200, await response.text());
    assert.match(response.headers()['content-type'], /^application\/pdf/);
    const query = new URL(response.url()).searchParams;
    assert.equal(query.get('include'), 'slips,labels');
    for (const id of orders) assert.ok(query.get('orders').split(',').includes(id), id);
    assert.match((await opened).url(), /^blob:/);
    await page.uncheck('input.pick-all');
    assert.equal(await page.locator('tbody input.pick:checked').count(), 0);
  });

  it('cancels with a reason; the shipped order is listed with why and stays ticked', async () => {
    await go(page, stack, 'orders?limit=100');
    await tick(orders[2]);
    await tick(shippedOne);
    await page.click('#bulk-cancel');
    await page.waitForSelector('dialog[open]');
    await page.click('dialog[open] button[type=submit]'); // no reason chosen: the browser refuses, nothing sent
    assert.ok(await page.$('dialog[open]'), 'the dialog stays open');
    await page.selectOption('dialog[open] [data-field=reason]', 'OUT_OF_STOCK');
    await page.fill('dialog[open] [data-field=note]', 'The supplier let us down.');
    await page.click('dialog[open] button[type=submit]');
    await page.waitForSelector('.bulk-result.has-failures');
    const result = await page.textContent('.bulk-result');
    assert.match(result, /^1 canceled, 1 not\./);
    const failure = await page.textContent(`.bulk-failures li[data-order-id="${shippedOne}"]`);
    assert.match(failure, /Action not allowed now/);
    assert.equal((await sellerApi(stack, `v1/orders/${orders[2]}`)).body.status, 'CANCELED');
    assert.equal((await sellerApi(stack, `v1/orders/${shippedOne}`)).body.status, 'SHIPPED');
    await page.waitForSelector(`tr[data-order-id="${shippedOne}"] input.pick:checked`);
    assert.match(await page.textContent('.bulk-count'), /^1 selected/);
    await screenshot(page, 'bulk-cancel-results');
  });

  it('links to the upload page to mark orders shipped from a file', async () => {
    assert.equal(await page.getAttribute('#bulk-ship-file', 'href'), '#/uploads');
    assert.deepEqual(page.problems, []);
  });
});
