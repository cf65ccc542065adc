// Stock by SKU: low and empty items stand out; adjust or count a SKU right in its row.
import { h, loading, empty, failed, setState, toast } from './dom.js';
import { api, path, query } from './api.js';
import { onSubmit } from './forms.js';
import { dateTime } from './format.js';
import { flag } from './badges.js';

export async function renderInventory(view, { params }) {
  const lowOnly = params.get('lowStock') === 'true';
  const rows = h('tbody');
  const more = h('div', { class: 'actions' });
  const summary = h('p', { class: 'summary', role: 'status' });
  const results = h('div', { class: 'results' });
  view.append(h('h1', { tabindex: -1 }, 'Inventory'),
    h('nav', { class: 'tabs', 'aria-label': 'Items' },
      h('a', { href: '#/inventory', 'aria-current': lowOnly ? false : 'true' }, 'All items'),
      h('a', { href: '#/inventory?lowStock=true', 'aria-current': lowOnly ? 'true' : false }, 'Low stock')),
    results);
  const items = new Map();

  function count() {
    const all = [...items.values()];
    summary.textContent = `${all.length} SKUs · ${all.filter((i) => i.lowStock).length} low · `
      + `${all.filter((i) => i.available <= 0).length} with none available`;
  }

  function update(item) {
    items.set(item.sku, item);
    count();
  }

  async function load(cursor) {
    if (!cursor) {
      setState(view, 'loading');
      results.replaceChildren(loading('Loading stock…'));
    }
    let page;
    try {
      page = await api('GET', `v1/inventory${query({ lowStock: lowOnly ? 'true' : '', limit: 100, cursor })}`);
    } catch (error) {
      setState(view, 'error');
      results.replaceChildren(failed(error, () => load()));
      return;
    }
    if (!cursor && page.items.length === 0) {
      setState(view, 'empty');
      results.replaceChildren(lowOnly ? empty('No item is low on stock.')
        : empty('No stock items yet.', 'Count a SKU with PUT /v1/inventory/{sku} or scripts/admin set-stock.'));
      return;
    }
    if (!cursor) {
      results.replaceChildren(summary, h('div', { class: 'table-wrap' }, h('table', { class: 'inventory' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'SKU'), h('th', { scope: 'col', class: 'hide-narrow' }, 'Bin'),
          h('th', { scope: 'col', class: 'num' }, 'On hand'), h('th', { scope: 'col', class: 'num' }, 'Reserved'),
          h('th', { scope: 'col', class: 'num' }, 'Available'), h('th', { scope: 'col', class: 'num hide-narrow' }, 'Alert below'),
          h('th', { scope: 'col' }, 'Adjust on hand'))),
        rows)), more);
    }
    for (const item of page.items) {
      update(item);
      rows.append(row(item, update));
    }
    more.replaceChildren(page.nextCursor
      ? h('button', { type: 'button', class: 'secondary', onclick: () => load(page.nextCursor) }, 'Show more') : '');
    setState(view, 'ready');
  }
  await load();
}

function row(item, update) {
  const tr = h('tr', {
    class: item.available <= 0 ? 'out' : item.lowStock ? 'low' : '',
    dataset: { sku: item.sku },
  },
  h('th', { scope: 'row' }, h('code', {}, item.sku),
    item.lowStock && flag('Low stock', 'low'), item.available <= 0 && flag('None available', 'out')),
  h('td', { class: 'hide-narrow' }, item.binLocation ?? '—'),
  h('td', { class: 'num on-hand' }, item.onHand),
  h('td', { class: 'num' }, item.reserved),
  h('td', { class: 'num available' }, item.available),
  h('td', { class: 'num hide-narrow' }, item.lowStockThreshold || '—'),
  h('td', {}, adjustForm(item, (next) => {
    update(next);
    tr.replaceWith(row(next, update));
  }), countDetails(item, (next) => {
    update(next);
    tr.replaceWith(row(next, update));
  })));
  return tr;
}

/** POST /v1/inventory/{sku}/adjustments: a signed change of on hand, with its reason. */
function adjustForm(item, done) {
  const delta = h('input', {
    type: 'number', step: 1, required: true, class: 'delta', 'data-field': 'delta', placeholder: '+5 / -2',
    'aria-label': `Change of on hand for ${item.sku}`,
  });
  const reason = h('input', {
    required: true, maxlength: 200, 'data-field': 'reason', placeholder: 'Reason', class: 'reason',
    'aria-label': `Reason for the change of ${item.sku}`,
  });
  // Errors of either input go on their own line under the row's inputs (forms.js holds them in the form).
  const form = h('form', { class: 'inline-form adjust-form' }, delta, reason,
    h('button', { type: 'submit', class: 'secondary small' }, 'Apply'));
  onSubmit(form, async () => {
    const next = await api('POST', path('v1/inventory', item.sku, 'adjustments'), {
      delta: Number(delta.value), reason: reason.value.trim(),
    });
    toast(`${item.sku}: ${next.onHand} on hand, ${next.available} available.`);
    done(next);
    document.querySelector(`tr[data-sku="${CSS.escape(item.sku)}"] .adjust-form input`)?.focus();
  });
  return form;
}

/** PUT /v1/inventory/{sku}: a full count, with the alert threshold and bin. */
function countDetails(item, done) {
  const onHand = h('input', { type: 'number', min: item.reserved, step: 1, required: true, value: item.onHand, class: 'qty', 'data-field': 'onHand', 'aria-label': `Counted on hand of ${item.sku}` });
  const threshold = h('input', { type: 'number', min: 0, step: 1, value: item.lowStockThreshold ?? 0, class: 'qty', 'data-field': 'lowStockThreshold', 'aria-label': `Low-stock alert threshold of ${item.sku}` });
  const bin = h('input', { maxlength: 32, value: item.binLocation ?? '', class: 'bin', 'data-field': 'binLocation', 'aria-label': `Bin of ${item.sku}` });
  const form = h('form', { class: 'count-form' },
    h('label', {}, 'Counted ', h('span', { class: 'cell-field' }, onHand)),
    h('label', {}, 'Alert below ', h('span', { class: 'cell-field' }, threshold)),
    h('label', {}, 'Bin ', h('span', { class: 'cell-field' }, bin)),
    h('button', { type: 'submit', class: 'secondary small' }, 'Save count'),
    item.updatedAt && h('p', { class: 'hint' }, `Last change ${dateTime(item.updatedAt)}`));
  onSubmit(form, async () => {
    const next = await api('PUT', path('v1/inventory', item.sku), {
      onHand: Number(onHand.value), lowStockThreshold: Number(threshold.value), binLocation: bin.value.trim() || undefined,
    });
    toast(`${item.sku} counted: ${next.onHand} on hand.`);
    done(next);
  });
  return h('details', { class: 'count-details' }, h('summary', {}, 'Count…'), form);
}
