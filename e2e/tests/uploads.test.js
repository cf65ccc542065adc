// Files in, results out in the dashboard, against the local stack: a shipping confirmation file with
// one bad row goes up through the presigned link, its progress runs to Done, the rejected line is
// listed with its reason, and the downloaded result file says the same. A file without its required
// columns fails as a whole with the columns named.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, placeOrder } from '../lib/stack.js';
import { launch, openPage, screenshot } from '../lib/browser.js';
import { go, signIn } from '../lib/dashboard.js';
import { readFileSync } from 'node:fs';

const run = Date.now().toString(36);
let stack;
let browser;
const orders = [];

before(async () => {
  stack = await startStack();
  browser = await launch();
  for (const n of [1, 2]) orders.push({ external: `UPL-${run}-${n}`, id: await placeOrder(stack, `UPL-${run}-${n}`) });
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('a seller confirms shipments from a file', () => {
  let page;
  before(async () => {
    page = await openPage(browser);
    await signIn(page, stack);
  });

  it('uploads a file with one bad row, follows it to Done and downloads a result naming the bad line', async () => {
    await go(page, stack, 'uploads', ['ready']);
    const today = new Date().toISOString().slice(0, 10);
    const file = [
      'order-id\torder-item-id\tquantity\tship-date\tcarrier-code\tcarrier-name\ttracking-number\tship-method',
      `${orders[0].external}\t\t\t${today}\tOther\tEvri\tE2E${run}A\tStandard`,
      `999-0000000-${run}\t\t\t${today}\tOther\tEvri\tE2E${run}X\tStandard`,
      `${orders[1].id}\t\t\t${today}\tUPS\t\t1Z999AA10123456784\tGround`,
    ].join('\n') + '\n';
    await page.selectOption('.upload-form select', 'shipping-confirmations');
    await page.setInputFiles('.upload-form input[type=file]', { name: 'confirm.txt', mimeType: 'text/plain', buffer: Buffer.from(file) });
    await page.click('.upload-form button[type=submit]');
    const card = await page.waitForSelector('.upload-status[data-status="DONE"]', { timeout: 60_000 });
    assert.match(await card.textContent(), /Done: 3 of 3 rows · 2 accepted, 1 rejected, 0 unchanged/);
    assert.equal(await page.$eval('.upload-status progress', (p) => p.value), 3);
    const rejected = await page.$$eval('.rejected-rows tbody tr', (rows) => rows.map((r) => r.textContent));
    assert.deepEqual(rejected.length, 1);
    assert.match(rejected[0], new RegExp(`^3unknown order 999-0000000-${run}`));
    await screenshot(page, 'uploads-done');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Download the result file')]);
    assert.equal(download.suggestedFilename(), 'confirm-result.csv');
    const csv = readFileSync(await download.path(), 'utf8').split('\n');
    assert.equal(csv[0], 'line,status,reason,order-id,shipment-id,sku');
    assert.match(csv[1], new RegExp(`^2,accepted,,${orders[0].id},shp_1,`));
    assert.match(csv[2], new RegExp(`^3,rejected,unknown order 999-0000000-${run},`));
    assert.match(csv[3], new RegExp(`^4,accepted,,${orders[1].id},shp_1,`));
    // The recent uploads list shows it.
    await page.waitForSelector('table.uploads tr[data-status="DONE"]');
  });

  it('shows why a file without its required columns was refused', async () => {
    await page.setInputFiles('.upload-form input[type=file]', { name: 'wrong.csv', mimeType: 'text/csv',
      buffer: Buffer.from('order-id,quantity\nA,1\n') });
    await page.click('.upload-form button[type=submit]');
    await page.waitForSelector('.upload-status[data-status="FAILED"]', { timeout: 60_000 });
    assert.match(await page.textContent('.upload-failure'), /Missing columns: ship-date, tracking-number, carrier-code/);
  });

  it('names the file field when no file was chosen', async () => {
    await page.click('.upload-form button[type=submit]');
    await page.waitForSelector('.upload-form input[type=file][aria-invalid="true"]');
  });
});
