// The settings page against the local stack: the seller changes the daily cut-off, works a
// Saturday and adds a day off, reloads and sees them kept; a bad cut-off shows its error next to
// the field and changes nothing; the demo storefront is listed with its connection state.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, sellerApi } from '../lib/stack.js';
import { launch, openPage, screenshot } from '../lib/browser.js';
import { view, go, signIn, fieldError } from '../lib/dashboard.js';

let stack;
let browser;
const dayOff = `${new Date().getFullYear() + 1}-07-03`;

before(async () => {
  stack = await startStack();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('a seller keeps its settings in one place', () => {
  let page;
  before(async () => {
    page = await openPage(browser);
    await signIn(page, stack);
  });

  it('changes the cut-off, a working day and a holiday, and sees them after a reload', async () => {
    await page.click('nav >> text=Settings');
    await view(page, 'settings');
    assert.equal(await page.textContent('h1'), 'Settings');
    const storefrontId = stack.webhookUrl.split('/').pop(); // .../webhooks/{storefrontId}
    const row = page.locator(`tr[data-storefront-id="${storefrontId}"]`);
    assert.match(await row.textContent(), /generic/);
    assert.match(await row.textContent(), /No: changes stay here/);

    await page.fill('[data-field="cutoff"]', '13:30');
    await page.check('fieldset.days input[value="SATURDAY"]');
    await page.fill('[data-field="holidaysAdded"]', dayOff);
    const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith('/v1/settings'));
    await page.click('text=Save settings');
    const answer = await saved;
    assert.equal(answer.status(), 200);
    // only what changed was sent
    assert.deepEqual(Object.keys(answer.request().postDataJSON()).sort(), ['cutoff', 'holidaysAdded', 'workingDays']);
    await page.waitForSelector(`li[data-date="${dayOff}"]`);

    await page.reload();
    await view(page, 'settings');
    assert.equal(await page.inputValue('[data-field="cutoff"]'), '13:30');
    assert.equal(await page.isChecked('fieldset.days input[value="SATURDAY"]'), true);
    assert.equal(await page.inputValue('[data-field="holidaysAdded"]'), dayOff);
    assert.match(await page.textContent(`li[data-date="${dayOff}"]`), /added by you/);
    await screenshot(page, 'settings');

    const api = await sellerApi(stack, 'v1/settings');
    assert.equal(api.body.cutoff, '13:30');
    assert.ok(api.body.workingDays.includes('SATURDAY'));
  });

  it('shows a bad cut-off next to its field and keeps the stored one', async () => {
    await go(page, stack, 'settings');
    await page.fill('[data-field="cutoff"]', '25:00');
    await page.fill('[data-field="handlingDays"]', '3');
    await page.click('text=Save settings');
    assert.match(await fieldError(page, '[data-field="cutoff"]'), /HH:mm/);
    const api = await sellerApi(stack, 'v1/settings');
    assert.equal(api.body.cutoff, '13:30', 'nothing was written');
    assert.equal(api.body.handlingDays, 2, 'not even the valid field');
  });

  it('saves the return policy from the same page', async () => {
    await go(page, stack, 'settings');
    await page.fill('[data-field="windowDays"]', '45');
    await page.click('text=Save return policy');
    await page.waitForSelector('#toast:has-text("Return policy saved.")');
    const policy = await sellerApi(stack, 'v1/return-policy');
    assert.equal(policy.body.windowDays, 45);
  });
});
