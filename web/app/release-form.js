// An ON_HOLD order: why it is held (each hold names a field and what to do), a SKU for each line,
// the platform's total accepted when it did not add up, then Release (POST .../release).
import { h, toast } from './dom.js';
import { api, path } from './api.js';
import { field, onSubmit } from './forms.js';
import { money } from './format.js';

const TOTAL_FIELDS = ['total_price', 'total', 'OrderTotal.Amount'];
const isSkuHold = (hold) => /\.(sku|SellerSKU)$/.test(hold.field);

export function releaseForm(order, refresh) {
  const holds = order.intake?.holds ?? [];
  const totalHold = holds.find((hold) => TOTAL_FIELDS.includes(hold.field));
  const rows = (order.lines ?? []).map((line, i) => ({
    line,
    i,
    input: h('input', {
      value: line.sku ?? '', required: line.sku == null, autocomplete: 'off', spellcheck: 'false',
      'data-field': `lines[${i}].sku`, 'aria-label': `SKU for line ${i + 1}: ${line.title ?? ''}`,
    }),
  }));
  const remember = h('input', { type: 'checkbox', checked: true, 'data-field': 'remember' });
  const accept = totalHold && h('input', { type: 'checkbox', required: true, 'data-field': 'acceptTotals' });
  const others = holds.filter((hold) => !isSkuHold(hold) && hold !== totalHold);
  const form = h('form', { class: 'card release-form', 'aria-labelledby': 'release-title' },
    h('h2', { id: 'release-title' }, 'Needs attention'),
    h('ul', { class: 'holds' }, holds.map((hold) => h('li', {}, h('code', {}, hold.field), ` ${hold.message}`))),
    rows.length > 0 && h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Item'), h('th', { scope: 'col', class: 'num' }, 'Qty'),
        h('th', { scope: 'col', class: 'num' }, 'Price'), h('th', { scope: 'col' }, 'Your SKU'))),
      h('tbody', {}, rows.map((r) => h('tr', { dataset: { line: r.i } }, h('td', {}, r.line.title ?? ''),
        h('td', { class: 'num' }, r.line.quantity), h('td', { class: 'num' }, money(r.line.unitPrice)),
        h('td', {}, h('span', { class: 'cell-field' }, r.input))))))),
    rows.length > 0 && field('Remember these SKUs for this storefront\'s later orders', remember),
    accept && field(`Accept the platform's total of ${money(order.totals?.total)}`, accept, totalHold.message),
    others.length > 0 && h('p', { class: 'hint' }, 'Fix the rest on the platform: its next delivery updates this order. Or cancel it.'),
    rawDelivery(order),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'release-submit' }, 'Release order')));
  onSubmit(form, async () => {
    rows.forEach((r) => { r.input.dataset.field = `lines[${r.i}].sku`; });
    // The API names a mapping by its place in skus: skus[k] is the k-th changed row.
    const changed = rows.filter((r) => r.input.value.trim() && r.input.value.trim() !== (r.line.sku ?? ''));
    changed.forEach((r, k) => { r.input.dataset.field = `skus[${k}].sku`; });
    await api('POST', path('v1/orders', order.orderId, 'release'), {
      skus: changed.map((r) => ({ line: r.i, sku: r.input.value.trim(), remember: remember.checked })),
      acceptTotals: accept ? accept.checked : undefined,
    });
    toast('Order released.');
    await refresh('Released.');
  });
  return form;
}

/** The delivery as the storefront sent it, read when first opened: what to check our reading against. */
function rawDelivery(order) {
  const pre = h('pre', { class: 'raw-payload', tabindex: 0 }, 'Loading…');
  const details = h('details', { class: 'raw-delivery' }, h('summary', {}, 'The delivery as it came'), pre);
  details.addEventListener('toggle', async () => {
    if (!details.open || details.dataset.loaded) return;
    details.dataset.loaded = 'true';
    try {
      const answer = await api('GET', `${path('v1/orders', order.orderId)}?include=raw`);
      pre.textContent = answer.rawPayload ? pretty(answer.rawPayload) : 'Not kept for this order.';
    } catch (error) {
      delete details.dataset.loaded;
      pre.textContent = `Could not be read: ${error.title ?? error.message}`;
    }
  });
  return details;
}

function pretty(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
