// The scan station (#/scan) in headless Chromium against the local stack, driven as a keyboard-wedge
// scanner drives it: every scan is typed into the page (page.keyboard.type) and ended with Enter, with
// no click in between. A right round (order, items, pack check, shipment), a wrong item and an
// over-scan refused without counting, a stray Enter ignored, Escape starting over.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, placeOrder, sellerApi } from '../lib/stack.js';
import { launch, openPage, screenshot } from '../lib/browser.js';
import { go, signIn } from '../lib/dashboard.js';

const run = Date.now().toString(36);
const MUG_BARCODE = '0012345678905';
let stack;
let browser;
let page;
let packed; // scanned, checked and shipped here
let abandoned; // scanned in part, then Escape

before(async () => {
  stack = await startStack();
  browser = await launch();
  packed = await placeOrder(stack, `SCAN-${run}-1`); // 2 x MUG-BLUE, 1 x TEE-BLACK-L
  abandoned = await placeOrder(stack, `SCAN-${run}-2`);
  // The mug has a barcode and a bin; the tee has neither (its SKU label is scanned).
  const mug = await sellerApi(stack, 'v1/inventory/MUG-BLUE');
  const put = await sellerApi(stack, 'v1/inventory/MUG-BLUE', {
    method: 'PUT', body: { onHand: mug.body.onHand, binLocation: 'A-01-2', barcode: MUG_BARCODE },
  });
  assert.ok(put.status < 300, JSON.stringify(put.body));
  page = await openPage(browser);
  await signIn(page, stack);
  await go(page, stack, 'scan');
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

/** What a scanner does: the characters, fast, then Enter, into whatever has the focus. */
async function scan(code) {
  const before = Number(await page.getAttribute('.scan-feedback', 'data-sounds'));
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
  return before;
}

/** Scans and waits for the beep it earns; resolves with the feedback's result and text. */
async function scanAndHear(code) {
  const before = await scan(code);
  await page.waitForFunction((n) => Number(document.querySelector('.scan-feedback').dataset.sounds) > n, before);
  return page.evaluate(() => {
    const box = document.querySelector('.scan-feedback');
    return { result: box.dataset.result, sound: box.dataset.sound, text: box.textContent };
  });
}

const count = (sku) => page.textContent(`tr[data-sku="${sku}"] td.scan-count`);
const focused = () => page.evaluate(() => document.activeElement?.id);

describe('a packer at the scan station', () => {
  it('opens with the focus in the scan input and ignores an empty scan', async () => {
    assert.equal(await focused(), 'scan');
    assert.equal(await page.getAttribute('.view', 'data-stage'), 'order');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute('.scan-feedback', 'data-sounds'), '0', 'no beep for a stray Enter');
    assert.equal(await page.getAttribute('.view', 'data-stage'), 'order');
  });

  it('scans the packing slip and sees what goes in the box, with bins and barcodes', async () => {
    await scan(packed);
    await page.waitForSelector('.view[data-stage="items"] tr[data-sku="MUG-BLUE"]');
    assert.equal(await count('MUG-BLUE'), '0 / 2');
    assert.equal(await count('TEE-BLACK-L'), '0 / 1');
    const mugRow = await page.textContent('tr[data-sku="MUG-BLUE"]');
    assert.match(mugRow, /A-01-2/);
    assert.match(mugRow, new RegExp(MUG_BARCODE));
    assert.equal(await focused(), 'scan', 'the focus stays in the scan input');
  });

  it('refuses a wrong item and an over-scan in colour and sound, without counting them', async () => {
    const wrong = await scanAndHear('POSTER-A2');
    assert.equal(wrong.result, 'wrong');
    assert.equal(wrong.sound, 'wrong');
    assert.match(wrong.text, /Wrong item: POSTER-A2/);
    assert.equal(await count('MUG-BLUE'), '0 / 2');
    assert.equal(await count('TEE-BLACK-L'), '0 / 1');

    const first = await scanAndHear(MUG_BARCODE);
    assert.equal(first.result, 'right');
    assert.equal(first.sound, 'right');
    assert.equal(await count('MUG-BLUE'), '1 / 2');
    const second = await scanAndHear('mug-blue'); // the SKU typed by hand, in any case
    assert.equal(second.result, 'right');
    assert.equal(await count('MUG-BLUE'), '2 / 2');
    assert.equal(await page.getAttribute('tr[data-sku="MUG-BLUE"]', 'class'), 'complete flash-right');

    const over = await scanAndHear(MUG_BARCODE);
    assert.equal(over.result, 'wrong');
    assert.equal(over.sound, 'wrong');
    assert.match(over.text, /Too many MUG-BLUE/);
    assert.equal(await count('MUG-BLUE'), '2 / 2', 'the extra one is not counted');
    const colour = await page.evaluate(() => getComputedStyle(document.querySelector('.scan-feedback')).backgroundColor);
    assert.equal(colour, 'rgb(253, 231, 229)', 'wrong is shown red');
    await screenshot(page, 'scan-station-over-scan');
  });

  it('takes the last item after a click elsewhere, passes the pack check and ships with a scanned tracking number', async () => {
    await page.click('h1'); // the packer clicked the page: the next scan still lands in the input
    const last = await scanAndHear('TEE-BLACK-L');
    assert.equal(last.result, 'done');
    assert.match(last.text, /Pack check passed/);
    await page.waitForSelector('.view[data-stage="checked"]');
    assert.equal(await count('TEE-BLACK-L'), '1 / 1');
    const checked = await sellerApi(stack, `v1/orders/${packed}`);
    assert.ok(checked.body.packCheckedAt, 'the pass is recorded on the order');
    await page.waitForSelector('.label-panel');
    await screenshot(page, 'scan-station-checked');

    assert.equal(await focused(), 'scan');
    const nextSlip = await scanAndHear(abandoned); // the next order's slip, too early: not a tracking number
    assert.equal(nextSlip.result, 'wrong');
    assert.match(nextSlip.text, /Finish this order first/);
    assert.equal(await page.getAttribute('.view', 'data-stage'), 'checked');
    const shipped = await scanAndHear('1Z999AA10123456784');
    assert.equal(shipped.result, 'done');
    assert.match(shipped.text, /shipped/);
    assert.equal(await page.getAttribute('.view', 'data-stage'), 'order');
    const order = await sellerApi(stack, `v1/orders/${packed}`);
    assert.equal(order.body.status, 'SHIPPED');
    assert.equal(order.body.shipments.at(-1).trackingNumber.replace(/\s/g, ''), '1Z999AA10123456784');
  });

  it('starts over with Escape, keyboard only', async () => {
    await scan(abandoned);
    await page.waitForSelector('.view[data-stage="items"] tr[data-sku="MUG-BLUE"]');
    await scanAndHear(MUG_BARCODE);
    assert.equal(await count('MUG-BLUE'), '1 / 2');
    await page.keyboard.press('Escape');
    await page.waitForSelector('.view[data-stage="order"]');
    assert.equal(await page.$('tr[data-sku="MUG-BLUE"]'), null, 'the box is empty again');
    assert.equal(await focused(), 'scan');
    const order = await sellerApi(stack, `v1/orders/${abandoned}`);
    assert.equal(order.body.status, 'UNSHIPPED');
    assert.deepEqual(page.problems, []);
  });
});
