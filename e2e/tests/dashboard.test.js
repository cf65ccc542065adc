// The seller dashboard in headless Chromium against the local stack, as a new seller would use it:
// sign in with the demo key, take an order from Unshipped to Delivered, take two returns back and
// refund it in full, print slips, adjust stock, answer a buyer, read the performance metrics; buy,
// print and void shipping labels and print a wave as one PDF.
// A screenshot of each main view is saved in e2e/screenshots/.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, placeOrder, postSigned, sellerApi, awaitStatus, advanceParcel } from '../lib/stack.js';
import { launch, openPage, screenshot, screenshotsTaken } from '../lib/browser.js';
import { view, go, signIn, fieldError, isoDay, countRequests, eventually, statusLine } from '../lib/dashboard.js';
import { readFileSync } from 'node:fs';

const run = Date.now().toString(36);
const external = (n) => `E2E-${run}-${n}`;
let stack;
let browser;
let shipped; // UNSHIPPED -> PARTIALLY_SHIPPED -> SHIPPED -> DELIVERED -> PARTIALLY_REFUNDED -> REFUNDED
let waiting; // stays UNSHIPPED: the pick list
let canceled; // canceled through the confirmation dialog
const rmas = []; // the RMA numbers of `shipped`, in the order they were authorized

before(async () => {
  stack = await startStack();
  browser = await launch();
  shipped = await placeOrder(stack, external(1));
  waiting = await placeOrder(stack, external(2));
  canceled = await placeOrder(stack, external(3));
  // Two orders placed weeks ago and shipped only now (late, with valid tracking): real points on
  // the performance chart's late shipment and valid tracking lines. Mugs only: the tees are few.
  for (const daysAgo of [25, 18]) {
    const old = await placeOrder(stack, external(`${daysAgo}d`), { daysAgo, skus: ['MUG-BLUE'] });
    const shipment = await sellerApi(stack, `v1/orders/${old}/shipments`, {
      method: 'POST', body: { carrier: 'UPS', trackingNumber: '1Z 999 AA1 01 2345 6784', shipDate: new Date().toISOString() },
    });
    assert.equal(shipment.status, 201, JSON.stringify(shipment.body));
  }
  await postSigned(stack, `${stack.webhookUrl}/messages`, {
    externalOrderId: external(1), messageId: `m-${run}`,
    body: 'Hi! Can you ship it before Friday? It is a birthday present.',
  });
});

after(async () => {
  await browser?.close();
  await stack?.stop();
  const files = screenshotsTaken();
  if (files.length) console.log(`\nScreenshots for review (${files.length}):\n  ${files.join('\n  ')}\n`);
});

describe('a seller runs the day in the dashboard', () => {
  let page;
  before(async () => { page = await openPage(browser); });

  it('signs in with the demo key, keyboard only, and keeps the key out of the URL and the page', async () => {
    await page.goto(`${stack.baseUrl}/`);
    await page.waitForSelector('form.login');
    await screenshot(page, 'sign-in');
    await page.keyboard.type('ofk_not-a-real-key');
    await page.keyboard.press('Enter');
    assert.match(await fieldError(page, 'form.login input'), /not accepted/);
    await page.fill('form.login input', '');
    await page.keyboard.type(stack.apiKey);
    await page.keyboard.press('Enter');
    await view(page, 'orders');
    assert.equal(await page.textContent('h1'), 'Orders');
    assert.ok(!page.url().includes(stack.apiKey), 'the key is not in the URL');
    assert.ok(!(await page.content()).includes(stack.apiKey), 'the key is not in the page');
    assert.equal(await page.evaluate(() => sessionStorage.getItem('orderflow.apiKey')), stack.apiKey);
    assert.equal(await page.evaluate(() => localStorage.length), 0);
    await screenshot(page, 'orders');
  });

  it('lists orders by status, pages through them and shows a filter error next to its field', async () => {
    await page.click('nav.tabs >> text=Unshipped');
    await view(page, 'orders?status=UNSHIPPED');
    for (const id of [shipped, waiting, canceled]) assert.ok(await page.$(`tr[data-order-id="${id}"]`), id);

    await go(page, stack, 'orders?status=UNSHIPPED&limit=1');
    const first = await page.getAttribute('tbody tr', 'data-order-id');
    await page.click('text=Next →');
    await page.waitForFunction((id) => document.querySelector('tbody tr')?.dataset.orderId !== id, first);
    assert.equal(await page.textContent('.page-number'), 'Page 2');
    await page.click('text=← Previous');
    await page.waitForFunction((id) => document.querySelector('tbody tr')?.dataset.orderId === id, first);

    await go(page, stack, 'orders');
    await page.fill('form.filters input[name=from]', isoDay(2));
    await page.fill('form.filters input[name=to]', isoDay(-2));
    await page.click('form.filters button[type=submit]');
    assert.match(await fieldError(page, 'form.filters input[name=from]'), /createdTo|after/);
    await screenshot(page, 'orders-filter-error');
  });

  it('ships an order in two packages (a double click sends one request) and confirms delivery', async () => {
    await go(page, stack, 'orders?status=UNSHIPPED');
    await page.click(`tr[data-order-id="${shipped}"] a`);
    await view(page, `orders/${shipped}`);
    assert.equal(await page.getAttribute('.view', 'data-status'), 'UNSHIPPED');
    await page.waitForSelector('.history tr[data-action="reserve"]');
    await page.waitForSelector('.conversation .message.from-buyer');
    await screenshot(page, 'order-detail');

    // Part of the order: one mug, no tee. A ship date in the future is refused next to its field.
    const quantities = page.locator('.ship-form input.qty');
    await quantities.nth(0).fill('1');
    await quantities.nth(1).fill('0');
    await page.fill('.ship-form [data-field=trackingNumber]', '1Z 999 AA1 01 2345 6784');
    await page.fill('.ship-form [data-field=shipDate]', isoDay(3));
    await page.click('#ship-submit');
    assert.match(await fieldError(page, '.ship-form [data-field=shipDate]'), /future/);
    await screenshot(page, 'ship-date-error');

    await page.fill('.ship-form [data-field=shipDate]', isoDay(0));
    let shipments = 0;
    page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/shipments')) shipments += 1; });
    await page.dblclick('#ship-submit');
    await page.waitForSelector('.view[data-status="PARTIALLY_SHIPPED"][data-state="ready"]');
    await page.waitForSelector('.history tr[data-action="ship shp_1"]');
    assert.equal(shipments, 1, 'one POST for a double click');
    assert.equal(await page.locator('.history tr[data-action^="ship "]').count(), 1, 'one shipment in the history');
    assert.equal(await page.locator('.shipments li').count(), 1);

    // The rest: everything not shipped yet is prefilled.
    await page.fill('.ship-form [data-field=carrier]', 'DHL');
    await page.fill('.ship-form [data-field=trackingNumber]', '1234567891');
    await page.click('#ship-submit');
    await page.waitForSelector('.view[data-status="SHIPPED"][data-state="ready"]');
    assert.equal(await page.locator('.shipments li').count(), 2);
    assert.equal(shipments, 2);
    await screenshot(page, 'order-shipped');

    await page.click('#deliver-submit');
    await page.waitForSelector('.view[data-status="DELIVERED"][data-state="ready"]');
    assert.match(await page.textContent('.status-line'), /Delivered/);
    await page.waitForSelector('.history tr[data-action="confirm-delivery"]');
    assert.equal(await page.locator('.ship-form, .delivery-form').count(), 0, 'nothing left to ship or deliver');
    await screenshot(page, 'order-delivered');

    await go(page, stack, 'orders?status=DELIVERED');
    assert.match(await page.textContent(`tr[data-order-id="${shipped}"]`), /Delivered/);
  });

  it('requests a return of delivered units: a reason is needed next to its field, a double click sends one request', async () => {
    await go(page, stack, `orders/${shipped}`);
    assert.equal(await page.getAttribute('.view', 'data-status'), 'DELIVERED'); // return and refund are allowed
    const posts = countRequests(page, 'POST', `/orders/${shipped}/returns`);
    await page.dblclick('#request-return');
    const mug = 'dialog[open] tr[data-sku="MUG-BLUE"]';
    await page.waitForSelector(mug);
    assert.equal(await page.locator('dialog').count(), 1, 'one dialog for a double click');
    assert.equal(await page.textContent(`${mug} .can-return`), '2', 'delivered minus already returned');
    assert.equal(await page.getAttribute(`${mug} input.qty`, 'max'), '2');
    await page.fill(`${mug} input.qty`, '2');
    await page.click('dialog button[type=submit]');
    assert.match(await fieldError(page, `${mug} select`), /Choose why MUG-BLUE comes back/);
    assert.equal(posts.count, 0, 'nothing sent without a reason');
    await page.selectOption(`${mug} select`, 'DEFECTIVE');
    await screenshot(page, 'return-dialog', { fullPage: false });
    await page.dblclick('dialog button[type=submit]');
    await page.waitForSelector('dialog', { state: 'detached' });
    rmas.push(/RMA-\w+/.exec(await statusLine(page, /RMA-\w+ authorized/))[0]);
    assert.equal(posts.count, 1, 'one POST for a double click');
    const { requestId, ...sent } = posts.bodies[0];
    assert.deepEqual(sent, { lines: [{ sku: 'MUG-BLUE', quantity: 2, reason: 'DEFECTIVE' }] });
    assert.match(requestId, /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, 'a request id: a resend after a lost answer is the same RMA');
    const card = await page.waitForSelector('.order-returns article.rma[data-status="AUTHORIZED"]');
    assert.match(await card.textContent(), new RegExp(`${rmas[0]}[\\s\\S]*Waiting to arrive[\\s\\S]*2 × MUG-BLUE · Defective`));
    assert.equal((await sellerApi(stack, `v1/orders/${shipped}`)).body.status, 'DELIVERED', 'a return alone refunds nothing');
  });

  it('lists the return as waiting in Returns, and receives it on the order page: one mug sellable, one damaged', async () => {
    await page.click('#nav >> text=Returns');
    await view(page, 'returns');
    const waitingCard = `article.rma:has(a[href="#/orders/${shipped}"])`;
    assert.match(await page.textContent(waitingCard), new RegExp(`${rmas[0]}[\\s\\S]*Waiting to arrive`));
    await screenshot(page, 'returns');
    await page.click(`${waitingCard} a[href="#/orders/${shipped}"]`);
    await view(page, `orders/${shipped}`);

    const onHand = async () => (await sellerApi(stack, 'v1/inventory/MUG-BLUE')).body.onHand;
    const before = await onHand();
    const posts = countRequests(page, 'POST', '/receive');
    const row = '.order-returns .receive-form tr[data-sku="MUG-BLUE"]';
    await page.fill(`${row} input.qty >> nth=0`, '1');
    await page.fill(`${row} input.qty >> nth=1`, '1');
    await page.dblclick('.order-returns .receive-form button[type=submit]');
    await page.waitForSelector('.view[data-status="PARTIALLY_REFUNDED"][data-state="ready"]');
    assert.equal(posts.count, 1, 'one POST for a double click');
    assert.deepEqual(posts.bodies[0], { lines: [
      { sku: 'MUG-BLUE', quantity: 1, condition: 'SELLABLE' }, { sku: 'MUG-BLUE', quantity: 1, condition: 'DAMAGED' }] });
    assert.equal(await page.textContent('h1 .badge'), 'Partially refunded');
    await statusLine(page, `${rmas[0]} received; refund of $27.00 recorded.`);
    // 2 mugs (25.00) and their share of the tax (2.00); defective, so no fee and no return shipping.
    assert.equal(await page.getAttribute('dd.refunded', 'data-amount'), '27.00');
    const refund = await page.waitForSelector('.order-refunds li[data-kind="return"]');
    assert.match(await refund.textContent(), /\$27\.00 · return[\s\S]*\$25\.00 items \+ \$2\.00 tax/);
    const received = await page.waitForSelector('.order-returns article.rma[data-status="RECEIVED"]');
    assert.match(await received.textContent(), /1 × MUG-BLUE \(back in stock\), 1 × MUG-BLUE \(damaged, written off\)/);
    assert.equal(await onHand(), before + 1, 'the sellable mug is back on hand, the damaged one written off');
    await screenshot(page, 'order-partially-refunded');
  });

  it('refunds goodwill only after the confirmation: above the cap the rule shows next to the amount', async () => {
    const posts = countRequests(page, 'POST', `/orders/${shipped}/refunds`);
    await page.click('#refund');
    await page.waitForSelector('dialog[open]');
    await page.keyboard.press('Escape');
    await page.waitForSelector('dialog', { state: 'detached' });
    assert.equal(posts.count, 0, 'Escape sends nothing');

    await page.click('#refund');
    assert.match(await page.textContent('dialog .intro'), /\$27\.00 refunded already: up to \$26\.58 can still be refunded/);
    await page.fill('dialog [data-field=amount]', '30.00');
    await page.fill('dialog [data-field=reason]', 'Arrived a week late');
    await page.click('dialog button[type=submit]');
    assert.match(await fieldError(page, 'dialog [data-field=amount]'), /At most 26\.58 USD can still be refunded[\s\S]*Rule: refund-cap/);
    await screenshot(page, 'refund-refused', { fullPage: false });
    await page.fill('dialog [data-field=amount]', '5.00');
    assert.equal(await page.textContent('dialog button[type=submit]'), 'Refund $5.00');
    await page.dblclick('dialog button[type=submit]');
    await page.waitForSelector('dialog', { state: 'detached' });
    await statusLine(page, 'Refund of $5.00 recorded.');
    assert.equal(posts.count, 2, 'the refused one and one for a double click');
    assert.equal(posts.bodies[0].requestId, posts.bodies[1].requestId, 'one request id per dialog: a retry is the same refund');
    assert.deepEqual(posts.bodies[1].amount, { amount: '5.00', currency: 'USD' });
    assert.match(await (await page.waitForSelector('.order-refunds li[data-kind="goodwill"]')).textContent(), /\$5\.00 · goodwill[\s\S]*Arrived a week late/);
    assert.equal(await page.getAttribute('dd.refunded', 'data-amount'), '32.00');
    assert.equal(await page.getAttribute('.view', 'data-status'), 'PARTIALLY_REFUNDED');
    // The demo storefront was sent both refunds, signed.
    const sent = await eventually(async () => {
      const { refunds } = await (await fetch(`${stack.baseUrl}/_local/refunds`)).json();
      const ours = refunds.filter((r) => r.notice.orderId === shipped);
      return ours.length === 2 && ours;
    }, 'the storefront refund notices');
    assert.deepEqual(sent.map((r) => [r.notice.kind, r.notice.amount.amount, r.signatureValid]), [['return', '27.00', true], ['goodwill', '5.00', true]]);
  });

  it('takes the rest back at the Returns bench: only what is left can be returned, and the order ends Refunded', async () => {
    await page.click('#request-return');
    await page.waitForSelector('dialog[open] tr[data-sku="TEE-BLACK-L"]');
    assert.equal(await page.textContent('dialog tr[data-sku="MUG-BLUE"] .can-return'), '0', 'both mugs are in the first return');
    assert.ok(await page.isDisabled('dialog tr[data-sku="MUG-BLUE"] input.qty'));
    await page.fill('dialog tr[data-sku="TEE-BLACK-L"] input.qty', '1');
    await page.selectOption('dialog tr[data-sku="TEE-BLACK-L"] select', 'NO_LONGER_NEEDED');
    // Outside the return policy for a moment: the API's 422 names the rule next to the tee's units.
    const { body: { default: _, ...policy } } = await sellerApi(stack, 'v1/return-policy');
    const setPolicy = async (changes) =>
      assert.equal((await sellerApi(stack, 'v1/return-policy', { method: 'PUT', body: { ...policy, ...changes } })).status, 200);
    await setPolicy({ nonReturnableSkus: ['TEE-BLACK-L'] });
    try {
      await page.click('dialog button[type=submit]');
      assert.match(await fieldError(page, 'dialog tr[data-sku="TEE-BLACK-L"] input.qty'), /TEE-BLACK-L cannot be returned[\s\S]*Rule: non-returnable/);
    } finally {
      await setPolicy({});
    }
    await screenshot(page, 'return-refused', { fullPage: false });
    await page.click('dialog button[type=submit]');
    rmas.push(/RMA-\w+/.exec(await statusLine(page, /RMA-\w+ authorized/))[0]);

    await go(page, stack, 'returns?status=AUTHORIZED');
    const card = `article.rma:has-text("${rmas[1]}")`;
    await page.click(`${card} .receive-form button[type=submit]`); // everything sellable, as prefilled
    await page.waitForSelector(`${card}[data-status="RECEIVED"]`);
    // The tee (19.99) and its tax share (1.60) would be 21.59: capped at the 21.58 left of the payment.
    assert.match(await page.textContent(`${card} .refund`), /Refund \$21\.58/);
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H3', 'focus stays on the received return');

    await go(page, stack, `orders/${shipped}`);
    assert.equal(await page.getAttribute('.view', 'data-status'), 'REFUNDED');
    assert.equal(await page.textContent('h1 .badge'), 'Refunded');
    assert.equal(await page.getAttribute('dd.refunded', 'data-amount'), '53.58');
    assert.equal(await page.locator('#refund').count(), 0, 'nothing more to refund');
    assert.equal(await page.locator('#request-return').count(), 1, 'goods may still come back');
    await page.waitForSelector('.order-refunds li:nth-child(3)');
    assert.match(await page.textContent('.order-refunds'), /capped at what was left of the payment/);
    await screenshot(page, 'order-refunded');
  });

  it('cancels an order only after the confirmation', async () => {
    await go(page, stack, `orders/${canceled}`);
    await page.click('text=Cancel order…');
    await page.waitForSelector('dialog[open]');
    await screenshot(page, 'cancel-dialog', { fullPage: false });
    await page.keyboard.press('Escape');
    await page.waitForSelector('dialog', { state: 'detached' });
    assert.equal((await sellerApi(stack, `v1/orders/${canceled}`)).body.status, 'UNSHIPPED', 'Escape sends nothing');

    await page.click('text=Cancel order…');
    await page.selectOption('dialog [data-field=reason]', 'OUT_OF_STOCK');
    await page.fill('dialog [data-field=note]', 'supplier delay');
    await page.click('dialog button[type=submit]');
    await page.waitForSelector('.view[data-status="CANCELED"][data-state="ready"]');
  });

  it('prints today\'s pick list and the packing slips', async () => {
    await page.click('#nav >> text=Pick list');
    await view(page, 'picklist');
    assert.match(await page.textContent('table.picklist'), new RegExp(external(2)));
    await screenshot(page, 'pick-list');
    await page.click('text=/Print \\d+ packing slips?/');
    await page.waitForFunction(() => window.__printed === 1);
    const slips = await page.locator('#print-area .slip').allTextContents();
    assert.ok(slips.some((s) => s.includes(external(2))), 'the slip of the waiting order');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'packing-slips-printed');
    await page.emulateMedia({ media: 'screen' });
  });

  it('adjusts stock in its row, highlights low stock and shows the API\'s field error next to the field', async () => {
    await page.click('#nav >> text=Inventory');
    await view(page, 'inventory');
    const mug = 'tr[data-sku="MUG-BLUE"]';
    const before = Number(await page.textContent(`${mug} .on-hand`));
    await page.fill(`${mug} [data-field=delta]`, '5');
    await page.fill(`${mug} [data-field=reason]`, 'received PO 1042');
    await page.press(`${mug} [data-field=reason]`, 'Enter');
    await page.waitForFunction(([sel, n]) => document.querySelector(`${sel} .on-hand`)?.textContent === String(n), [mug, before + 5]);

    assert.ok(await page.$('tr[data-sku="POSTER-A2"].out'), 'a SKU with nothing available stands out');
    await page.click('tr[data-sku="TEE-BLACK-L"] details.count-details summary');
    await page.fill('tr[data-sku="TEE-BLACK-L"] [data-field=lowStockThreshold]', '100');
    await page.click('tr[data-sku="TEE-BLACK-L"] .count-form button');
    await page.waitForSelector('tr[data-sku="TEE-BLACK-L"].low');
    await screenshot(page, 'inventory');

    await page.fill(`${mug} [data-field=delta]`, '-100000');
    await page.fill(`${mug} [data-field=reason]`, 'damaged');
    await page.click(`${mug} .adjust-form button`);
    assert.match(await fieldError(page, `${mug} [data-field=delta]`), /must be at least/);
    await screenshot(page, 'inventory-field-error');
  });

  it('answers a buyer who waits, and the answer is emailed', async () => {
    await page.click('#nav >> text=Messages');
    await view(page, 'messages');
    const card = `article[data-order-id="${shipped}"]`;
    assert.match(await page.textContent(card), /Waiting/);
    assert.match(await page.textContent(card), /birthday present/);
    await screenshot(page, 'messages');
    await page.click(`${card} >> text=Read and reply`);
    await page.waitForSelector(`${card} .message.from-buyer`);
    await page.fill(`${card} textarea`, 'Yes, it left today with express shipping.');
    await page.click(`${card} .reply-form button[type=submit]`);
    await page.waitForSelector(`${card}.answered`);
    assert.match(await page.textContent(`${card} .thread`), /express shipping/);
    await screenshot(page, 'message-answered');
    const deadline = Date.now() + 30_000;
    let emailed = false;
    while (!emailed && Date.now() < deadline) {
      const emails = await (await fetch(`${stack.baseUrl}/_local/emails`)).json();
      emailed = emails.some((e) => e.to?.includes?.('ada@example.com') && /express shipping/.test(e.html ?? e.text ?? ''));
      if (!emailed) await new Promise((r) => setTimeout(r, 300));
    }
    assert.ok(emailed, 'the reply reached the buyer as an email');
  });

  it('shows the received returns with their refunds', async () => {
    await page.click('#nav >> text=Returns');
    await view(page, 'returns', ['ready', 'empty']); // nothing waiting to arrive any more
    await page.click('nav.tabs >> text=Received');
    await view(page, 'returns?status=RECEIVED');
    for (const [number, refund] of [[rmas[0], '$27.00'], [rmas[1], '$21.58']]) {
      assert.match(await page.textContent(`article.rma:has-text("${number}")`), new RegExp(`Received[\\s\\S]*Refund \\${refund}`));
    }
    await screenshot(page, 'returns-received');
  });

  it('shows the real performance metrics against their targets and the last 30 days in a chart', async () => {
    const metrics = (await sellerApi(stack, 'v1/metrics?window=30')).body;
    await page.click('#nav >> text=Performance');
    await view(page, 'metrics');
    assert.equal(await page.locator('.metric-cards li').count(), metrics.metrics.length);
    for (const m of metrics.metrics) {
      const status = m.status.toLowerCase().replace('_', '-');
      assert.ok(await page.$(`li[data-metric="${m.name}"].metric-${status}`), `${m.name} is ${m.status}`);
    }
    // The order canceled above counts against the seller: 1 of the orders placed this week.
    const cancel = metrics.metrics.find((m) => m.name === 'preFulfillmentCancelRate7d');
    assert.ok(cancel.numerator >= 1, JSON.stringify(cancel));
    assert.match(await page.textContent('li[data-metric="preFulfillmentCancelRate7d"] .counts'),
      new RegExp(`^${cancel.numerator} of ${cancel.denominator} in the last 7 days$`));
    // Nothing delivered late or early in the window yet: no value, said as such.
    const empty = metrics.metrics.find((m) => m.value === undefined);
    if (empty) assert.match(await page.textContent(`li[data-metric="${empty.name}"]`), /—[\s\S]*Nothing to count/);

    assert.equal(metrics.daily.length, 30);
    const charts = page.locator('figure.chart');
    assert.equal(await charts.count(), 3);
    assert.equal(await page.locator('figure.chart line.target').count(), 3);
    for (const [i, key] of ['lateShipmentRate', 'cancelRate', 'validTrackingRate'].entries()) {
      const days = metrics.daily.filter((d) => typeof d[key] === 'number').length;
      assert.equal(await charts.nth(i).locator('circle.dot').count(), days, `one dot a day with a ${key}`);
    }
    // The two orders shipped weeks late and the one canceled today are on the chart.
    assert.ok(metrics.daily.filter((d) => d.lateShipmentRate === 1).length >= 2, JSON.stringify(metrics.daily));
    assert.ok(metrics.daily.some((d) => d.validTrackingRate === 1), JSON.stringify(metrics.daily));
    assert.ok(metrics.daily.at(-1).cancelRate > 0, JSON.stringify(metrics.daily.at(-1)));
    await page.click('details.chart-data summary');
    assert.equal(await page.locator('details.chart-data tbody tr').count(), 30);
    await screenshot(page, 'performance');
  });

  it('signs out: the key leaves the tab and the data is gone from the page', async () => {
    await page.click('#sign-out');
    await page.waitForSelector('form.login');
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
    assert.ok(await page.isHidden('#nav'));
    const html = await page.content();
    assert.ok(!html.includes(external(1)) && !html.includes(external(2)), 'no order left in the page');
  });

  it('has no Content-Security-Policy violations or script errors', () => {
    assert.deepEqual(page.problems, []);
  });
});

// Buying shipping from the local EasyPost fake (scripts/run-local gives the demo seller an account
// there): rates, one purchase for a double click, the label printed, voided, a parcel that moves
// by the fake's signed tracker events, and the wave of the pick list as one PDF.
describe('a seller buys a shipping label, voids one, follows a parcel and prints the wave', () => {
  let page;
  let voided; // bought, then voided: UNSHIPPED again
  let followed; // bought, then delivered by the carrier's scans
  before(async () => {
    page = await openPage(browser);
    await signIn(page, stack);
    voided = await placeOrder(stack, external('label-1'));
    followed = await placeOrder(stack, external('label-2'));
  });

  /** Rates for the sample order in a 300 x 250 x 50 mm box of 1.1 kg (the demo SKUs have no weight or box set). */
  async function rates() {
    await page.fill('.rates-form [data-field=weightGrams]', '1100');
    for (const [side, mm] of [['lengthMm', '300'], ['widthMm', '250'], ['heightMm', '50']]) {
      await page.fill(`.rates-form [data-field="box.${side}"]`, mm);
    }
    await page.click('#get-rates');
    await page.waitForSelector('.buy-form .rate-list li');
  }

  it('asks for the weight and box next to their fields, then buys the picked rate once and prints the label', async () => {
    await go(page, stack, `orders/${voided}`);
    await page.waitForSelector('.label-panel .labels .hint');
    await page.click('#get-rates');
    assert.match(await fieldError(page, '.rates-form [data-field=weightGrams]'), /no unit weight is set for/);
    assert.ok(await page.$('.rates-form [data-field=box][aria-invalid="true"]'), 'the box is asked for too');
    await rates();
    const offered = await page.locator('.buy-form .rate-list li').count();
    assert.ok(offered > 1, 'the fake offers several rates');
    await page.locator('.buy-form input[type=radio]').nth(offered - 1).check(); // not the preselected cheapest
    const picked = await page.getAttribute('.buy-form .rate-list li:last-child', 'data-rate-id');
    await screenshot(page, 'label-rates');

    const posts = countRequests(page, 'POST', '/labels');
    await page.dblclick('#buy-label');
    await page.waitForSelector('.view[data-status="SHIPPED"][data-state="ready"]');
    assert.equal(posts.count, 1, 'one purchase for a double click');
    assert.equal(posts.bodies[0].rateId, picked);
    const said = await statusLine(page, /Label \S+ bought for \$\d+\.\d\d\./);
    const tracking = /Label (\S+) bought/.exec(said)[1];
    const label = page.locator('.label-list li[data-status="PURCHASED"]');
    assert.match(await label.textContent(), new RegExp(tracking));
    assert.match(await page.textContent('.shipments li'), new RegExp(`${tracking}[\\s\\S]*Label [\\s\\S]*\\$\\d+\\.\\d\\d`));
    assert.equal(await page.locator('.rates-form, .ship-form').count(), 0, 'nothing left to ship');

    const order = (await sellerApi(stack, `v1/orders/${voided}`)).body;
    assert.equal(order.status, 'SHIPPED');
    assert.equal(order.shipments[0].trackingNumber, tracking);
    assert.ok(Number(order.shipments[0].label.cost.amount) > 0, 'the cost is on the shipment');
    const file = await fetch(await label.locator('a.print-label').getAttribute('href'));
    assert.equal(file.status, 200);
    assert.match(file.headers.get('content-type'), /^application\/pdf/);
    assert.equal(Buffer.from(await file.arrayBuffer()).subarray(0, 4).toString('latin1'), '%PDF');
    await screenshot(page, 'label-bought');
  });

  it('voids the label only after the confirmation, and the order can ship again', async () => {
    const posts = countRequests(page, 'POST', '/void');
    await page.click('.label-list .void-label');
    await page.waitForSelector('dialog[open]');
    await page.keyboard.press('Escape');
    await page.waitForSelector('dialog', { state: 'detached' });
    assert.equal(posts.count, 0, 'Escape sends nothing');

    await page.click('.label-list .void-label');
    assert.match(await page.textContent('dialog .intro'), /refunds \$\d+\.\d\d/);
    await screenshot(page, 'label-void-dialog', { fullPage: false });
    await page.click('dialog button[type=submit]');
    await page.waitForSelector('.view[data-status="UNSHIPPED"][data-state="ready"]');
    await statusLine(page, /Label \S+ voided\./);
    assert.equal(posts.count, 1);
    await page.waitForSelector('.label-list li[data-status="VOIDED"]');
    assert.equal(await page.locator('.label-list a.print-label').count(), 0, 'a voided label is not printed');
    assert.ok(await page.$('.rates-form') && await page.$('.ship-form'), 'it can ship again');
    assert.equal((await sellerApi(stack, `v1/orders/${voided}`)).body.status, 'UNSHIPPED');
  });

  it('shows the carrier\'s scans on the shipment until delivered, and no Void once the parcel moved', async () => {
    await go(page, stack, `orders/${followed}`);
    await rates();
    await page.click('#buy-label');
    await page.waitForSelector('.view[data-status="SHIPPED"][data-state="ready"]');
    const tracking = /Label (\S+) bought/.exec(await statusLine(page, /bought/))[1];
    await advanceParcel(stack, tracking, 'in_transit');
    await eventually(async () => (await sellerApi(stack, `v1/orders/${followed}`)).body.shipments[0].label?.trackingStatus === 'IN_TRANSIT',
      'the in-transit scan on the order');
    await page.reload(); // the same address: read the order again
    await view(page, `orders/${followed}`);
    assert.match(await page.textContent('.shipments .label-facts[data-tracking-status="IN_TRANSIT"]'), /In transit/);
    await page.waitForSelector('.label-list li[data-status="PURCHASED"] a.print-label'); // the labels load on their own
    assert.equal(await page.locator('.label-list .void-label').count(), 0, 'the carrier has the parcel: no void');

    await advanceParcel(stack, tracking, 'delivered');
    await awaitStatus(stack, followed, 'DELIVERED');
    await page.reload();
    await view(page, `orders/${followed}`);
    assert.match(await page.textContent('.shipments li'), /Delivered[\s\S]*delivered /);
    await page.waitForSelector('.label-list li[data-status="PURCHASED"]');
    await page.waitForSelector('.history tbody tr');
    await screenshot(page, 'label-delivered');
  });

  it('prints the pick list, slips and labels of the chosen orders as one PDF', async () => {
    await page.click('#nav >> text=Pick list');
    await view(page, 'picklist');
    const boxes = page.locator('.wave-form .wave-orders input[type=checkbox]');
    for (let i = 0; i < await boxes.count(); i++) await boxes.nth(i).uncheck();
    await page.click('#print-wave');
    assert.match(await fieldError(page, '.wave-form [data-field=orders]'), /at least one order/);

    await page.check(`.wave-form input[value="${voided}"]`);
    await page.selectOption('.wave-form [data-field=pageSize]', '4x6');
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/v1/picklist') && r.url().includes('format=pdf'));
    const opened = page.context().waitForEvent('page');
    await page.click('#print-wave');
    const response = await answered;
    assert.equal(response.status(), 200, await response.text());
    assert.match(response.headers()['content-type'], /^application\/pdf/);
    const query = new URL(response.url()).searchParams;
    assert.deepEqual([query.get('orders'), query.get('include'), query.get('pageSize')], [voided, 'slips,labels', '4x6']);
    const again = await fetch(response.url(), { headers: { authorization: `Bearer ${stack.apiKey}` } });
    assert.equal(Buffer.from(await again.arrayBuffer()).subarray(0, 4).toString('latin1'), '%PDF');
    assert.match((await opened).url(), /^blob:/);
    await page.waitForSelector('.wave-form .pdf-link a');
    await screenshot(page, 'pick-list-wave');
  });

  it('has no Content-Security-Policy violations or script errors', () => {
    assert.deepEqual(page.problems, []);
  });
});

// What the local stack cannot show quickly: a metric at risk (it takes dozens of orders with one
// late among them), a value every day for 30 days, a median response time, and a deployment
// older than the dashboard (API Gateway's own 404 for a route it does not have). The browser gets
// stubbed answers of the real shapes for these; everything else above runs against the stack.
describe('states the local stack cannot produce quickly, from stubbed answers of the same shapes', () => {
  const fixture = (name) => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));
  const json = (route, status, body, type = 'application/json') =>
    route.fulfill({ status, contentType: type, body: JSON.stringify(body) });
  let page;
  before(async () => {
    page = await openPage(browser);
    await signIn(page, stack);
  });

  it('charts a value every day against the target, with a metric at risk and one failing', async () => {
    const metrics = fixture('metrics.json');
    await page.route(/\/v1\/metrics(\?|$)/, (route) => json(route, 200, metrics));
    await go(page, stack, 'metrics');
    assert.equal(await page.locator('.metric-cards li').count(), metrics.metrics.length);
    assert.ok(await page.$('li[data-metric="preFulfillmentCancelRate7d"].metric-failing'));
    assert.ok(await page.$('li[data-metric="lateShipmentRate30d"].metric-at-risk'));
    assert.match(await page.textContent('li[data-metric="responseTimeMedianHours90d"]'), /6\.4 h[\s\S]*Median of 41 in the last 90 days/);
    assert.equal(await page.locator('figure.chart polyline.series').count(), 3);
    assert.equal(await page.locator('figure.chart line.target').count(), 3);
    const points = await page.getAttribute('figure.chart polyline.series', 'points');
    assert.equal(points.split(' ').length, 30, 'one point a day');
    await screenshot(page, 'performance-every-day-stub');
    await page.unroute(/\/v1\/metrics(\?|$)/);
  });

  it('retries a sync the platform refused: its words and a Retry button, one request, then the row is sending again', async () => {
    // The local stack has no platform store to refuse anything: the order comes with the channelSyncs
    // of a Shopify order whose app lacked a scope (the shape of GET /v1/orders/{orderId}).
    const id = (n) => `sync_${String(n).repeat(26)}`;
    const syncs = [
      { syncId: id(1), platform: 'shopify', kind: 'SHIPMENT', status: 'DONE', shipmentId: 'shp_1', refundId: null, attempts: 1,
        lastError: null, platformRef: 'gid://shopify/Fulfillment/255858046', createdAt: new Date().toISOString(), updatedAt: new Date().toISOString() },
      { syncId: id(2), platform: 'shopify', kind: 'SHIPMENT', status: 'FAILED', shipmentId: 'shp_2', refundId: null, attempts: 1,
        lastError: 'Access denied for fulfillmentOrders field. (ACCESS_DENIED)', platformRef: null,
        createdAt: new Date().toISOString(), updatedAt: new Date().toISOString() },
      { syncId: id(3), platform: 'shopify', kind: 'REFUND', status: 'FAILED', shipmentId: null, refundId: 'ref_1', attempts: 3,
        lastError: 'Access denied for refundCreate field. (ACCESS_DENIED)', platformRef: null,
        createdAt: new Date().toISOString(), updatedAt: new Date().toISOString() },
    ];
    const order = new RegExp(`/v1/orders/${shipped}(\\?|$)`);
    await page.route(order, async (route) => {
      if (route.request().method() !== 'GET') return route.fallback();
      const real = await (await route.fetch()).json();
      return json(route, 200, { ...real, channelSyncs: syncs });
    });
    let answer; // the retry's answer waits until the test has seen the button disabled
    const retry = /\/v1\/orders\/[^/]+\/channel-syncs\/[^/]+\/retry$/;
    const posts = countRequests(page, 'POST', '/retry');
    await page.route(retry, async (route) => {
      const syncId = route.request().url().split('/').at(-2);
      if (syncId === id(3)) {
        return json(route, 404, { type: '/problems/not-found', title: 'Not found', status: 404,
          detail: `No channel sync ${syncId} on this order.` }, 'application/problem+json');
      }
      await new Promise((resolve) => { answer = resolve; });
      Object.assign(syncs[1], { status: 'PENDING', attempts: 0, lastError: null, updatedAt: new Date().toISOString() });
      return json(route, 202, { ...syncs[1], changed: true });
    });
    try {
      await go(page, stack, `orders/${shipped}`);
      const failedRow = `.channel-syncs tr[data-sync="${id(2)}"]`;
      assert.equal(await page.getAttribute(failedRow, 'data-status'), 'FAILED');
      assert.match(await page.textContent(failedRow), /Shipment shp_2[\s\S]*Shopify[\s\S]*Failed[\s\S]*Access denied for fulfillmentOrders field\. \(ACCESS_DENIED\)/);
      assert.match(await page.textContent(`.channel-syncs tr[data-sync="${id(1)}"]`), /Shipment shp_1[\s\S]*Sent[\s\S]*gid:\/\/shopify\/Fulfillment\/255858046/);
      assert.equal(await page.locator(`.channel-syncs tr[data-sync="${id(1)}"] button`).count(), 0, 'nothing to retry once sent');
      await screenshot(page, 'channel-sync-failed');

      // A refusal of the retry itself shows the problem's detail above the table.
      await page.click(`.channel-syncs tr[data-sync="${id(3)}"] button:text-is("Retry")`);
      const problem = await page.waitForSelector('.channel-syncs .form-error[role=alert]');
      assert.match(await problem.textContent(), new RegExp(`Not found[\\s\\S]*No channel sync ${id(3)} on this order\\.`));

      const button = page.getByRole('button', { name: 'Retry: Shipment shp_2 to Shopify' });
      await button.dblclick();
      await eventually(() => answer, 'the retry request');
      assert.ok(await button.isDisabled(), 'disabled while the retry is in flight');
      answer();
      await statusLine(page, 'Shipment shp_2 to Shopify is being sent again.');
      await page.waitForSelector(`${failedRow}[data-status="PENDING"]`);
      assert.match(await page.textContent(failedRow), /Sending/);
      assert.equal(await page.locator(`${failedRow} button`).count(), 0, 'no Retry while it is being sent');
      assert.deepEqual(posts.bodies, [null, null], 'one POST for the refund, one for a double click, no body');
      assert.equal(new URL(page.url()).hash, `#/orders/${shipped}`);
      await screenshot(page, 'channel-sync-retried');
    } finally {
      await page.unroute(order);
      await page.unroute(retry);
    }
  });

  it('says which parts a deployment without the returns and metrics routes does not have yet', async () => {
    const missing = (route) => json(route, 404, { message: 'Not Found' });
    await page.route(/\/v1\/(returns|metrics)(\?|$)/, missing);
    await page.route(/\/v1\/orders\/[^/]+\/(returns|refunds)$/, missing);
    await go(page, stack, 'returns', ['unavailable']);
    assert.match(await page.textContent('.view'), /Returns are not available on this deployment yet/);
    await go(page, stack, 'metrics', ['unavailable']);
    await go(page, stack, `orders/${shipped}`);
    await page.waitForSelector('.order-refunds .state.unavailable');
    assert.match(await page.textContent('.order-returns'), /Returns are not available on this deployment yet/);
  });

  it('has no Content-Security-Policy violations or script errors', () => {
    assert.deepEqual(page.problems, []);
  });
});

describe('the dashboard at tablet width (768 px)', () => {
  let page;
  before(async () => {
    page = await openPage(browser, { width: 768, height: 1024 });
    await signIn(page, stack);
  });

  for (const [route, name] of [['orders', 'tablet-orders'], [() => `orders/${shipped}`, 'tablet-order'],
    ['inventory', 'tablet-inventory'], ['messages', 'tablet-messages'], ['returns?status=ALL', 'tablet-returns'],
    ['metrics', 'tablet-metrics']]) {
    it(`shows ${name.replace('tablet-', '')} without sideways scrolling`, async () => {
      await go(page, stack, typeof route === 'function' ? route() : route, ['ready', 'empty']);
      if (typeof route === 'function') await page.waitForSelector('.history tbody tr');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page is ${overflow} px wider than the window`);
      await screenshot(page, name);
    });
  }

  it('has no Content-Security-Policy violations or script errors', () => {
    assert.deepEqual(page.problems, []);
  });
});

describe('an order held at the door is fixed and released', () => {
  let page;
  let held;
  before(async () => {
    page = await openPage(browser);
    await signIn(page, stack);
    // A signed delivery with a line the seller gave no SKU and a total that does not add up: never
    // refused (a refused order is a lost order), stored ON_HOLD with each field named.
    const order = JSON.parse(readFileSync(new URL('../../events/webhook-order-paid.json', import.meta.url), 'utf8'));
    order.externalOrderId = external('held');
    order.lines = [{ title: 'Blue mug, engraved', quantity: 1, unitPrice: '12.50' }]; // no SKU
    order.shippingTotal = '0.00';
    order.taxTotal = '0.00';
    order.total = '99.99';
    const answer = await postSigned(stack, stack.webhookUrl, order);
    assert.equal(answer.status, 'ON_HOLD', JSON.stringify(answer));
    held = answer.orderId;
  });

  it('lists it under Needs attention, names each hold, and says what is still missing next to its field', async () => {
    await go(page, stack, 'orders');
    await page.click('nav.tabs >> text=Needs attention');
    await view(page, 'orders?status=ON_HOLD');
    await page.click(`tr[data-order-id="${held}"] a`);
    await view(page, `orders/${held}`);
    const holds = await page.textContent('.release-form .holds');
    assert.match(holds, /lines\[0\]\.sku/);
    assert.match(holds, /total/);
    await page.click('#release-submit'); // the browser's own check: the SKU and the total are required
    assert.equal(await page.evaluate(() => document.querySelector('.release-form').checkValidity()), false);
    await page.click('.raw-delivery summary');
    await page.waitForFunction(() => document.querySelector('.raw-payload').textContent.includes('Blue mug, engraved'));
    await screenshot(page, 'order-on-hold');
  });

  it('maps the line to a SKU, accepts the total and releases it into processing', async () => {
    await page.fill('.release-form tr[data-line="0"] input', 'MUG-BLUE');
    await page.check('.release-form input[data-field="acceptTotals"]');
    await page.click('#release-submit');
    await statusLine(page, /Released/);
    const order = await awaitStatus(stack, held, 'UNSHIPPED');
    assert.equal(order.lines[0].sku, 'MUG-BLUE');
    assert.equal(order.totals.total.amount, '99.99', 'the platform\'s total is kept');
    await go(page, stack, `orders/${held}`);
    assert.equal(await page.$('.release-form'), null, 'nothing left to release');
  });

  it('has no Content-Security-Policy violations or script errors', () => {
    assert.deepEqual(page.problems, []);
  });
});
