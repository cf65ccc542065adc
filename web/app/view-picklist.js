// Today's pick list (one walk through the bins) and the packing slips of the same orders; or, as one
// PDF for the printer, the pick list, slips and bought labels of the orders chosen.
import { h, loading, empty, failed, setState, toast } from './dom.js';
import { api, apiBlob, query, ApiError } from './api.js';
import { field, onClickOnce, onSubmit, showErrors } from './forms.js';
import { printNodes, packingSlip, openPdf } from './print.js';

const FILTERS = [['Unshipped', 'UNSHIPPED'], ['Partially shipped', 'PARTIALLY_SHIPPED']];

export async function renderPickList(view, { params }) {
  const status = params.get('status') === 'PARTIALLY_SHIPPED' ? 'PARTIALLY_SHIPPED' : 'UNSHIPPED';
  const results = h('div', { class: 'results' });
  view.append(h('h1', { tabindex: -1 }, 'Pick list'),
    h('nav', { class: 'tabs', 'aria-label': 'Orders to pick' }, FILTERS.map(([label, value]) =>
      h('a', { href: `#/picklist${query({ status: value })}`, 'aria-current': value === status ? 'true' : false }, label))),
    results);
  setState(view, 'loading');
  results.replaceChildren(loading('Loading the pick list…'));
  let list;
  try {
    list = await api('GET', `v1/picklist${query({ status })}`);
  } catch (error) {
    setState(view, 'error');
    results.replaceChildren(failed(error, () => renderAgain(view, params)));
    return;
  }
  if (list.lines.length === 0) {
    setState(view, 'empty');
    results.replaceChildren(empty('Nothing to pick.', 'Every order in this status has been shipped.'));
    return;
  }
  const orderIds = [...new Set(list.lines.flatMap((l) => l.orders.map((o) => o.orderId)))];
  const sheet = pickTable(list);
  const problems = h('form', { class: 'action-errors' });
  const printList = h('button', { type: 'button', class: 'secondary' }, 'Print pick list');
  printList.addEventListener('click', () => printNodes([h('h1', {}, 'Pick list'), sheet.cloneNode(true)]));
  const printSlips = h('button', { type: 'button', class: 'primary' }, `Print ${orderIds.length} packing slip${orderIds.length === 1 ? '' : 's'}`);
  onClickOnce(printSlips, async () => {
    const slips = [];
    for (const id of orderIds) slips.push(await packingSlip(id)); // one at a time: the API throttles per route
    toast(`${slips.length} packing slips ready to print.`);
    printNodes(slips);
  }, (error) => showErrors(problems, error));
  results.replaceChildren(
    h('p', { class: 'summary' }, `${list.units} units for ${list.orders} orders, in bin order.`,
      list.more ? ' More orders are waiting: ship these, then load the list again.' : ''),
    h('div', { class: 'action-bar' }, printList, printSlips), problems,
    waveForm(list), sheet);
  setState(view, 'ready');
}

function renderAgain(view, params) {
  view.replaceChildren();
  renderPickList(view, { params });
}

function pickTable(list) {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'picklist' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Picked'), h('th', { scope: 'col' }, 'Bin'),
      h('th', { scope: 'col' }, 'SKU'), h('th', { scope: 'col', class: 'hide-narrow' }, 'Item'),
      h('th', { scope: 'col', class: 'num' }, 'Units'), h('th', { scope: 'col' }, 'For orders'))),
    h('tbody', {}, list.lines.map((line) => h('tr', {},
      h('td', {}, h('input', { type: 'checkbox', 'aria-label': `Picked ${line.sku}` })),
      h('td', {}, line.binLocation ?? '—'),
      h('td', {}, h('code', {}, line.sku)),
      h('td', { class: 'hide-narrow' }, line.title ?? ''),
      h('td', { class: 'num' }, line.quantity),
      h('td', {}, line.orders.map((o, i) => [i ? ', ' : '',
        h('a', { href: `#/orders/${encodeURIComponent(o.orderId)}` }, o.externalOrderId ?? o.orderId), ` ×${o.quantity}`])))))));
}

/** Orders of the list by id, with the number the seller knows them by, in the list's order. */
function ordersOf(list) {
  const orders = new Map();
  for (const line of list.lines) for (const o of line.orders) if (!orders.has(o.orderId)) orders.set(o.orderId, o.externalOrderId ?? o.orderId);
  return orders;
}

/** One PDF (GET /v1/picklist?orders=...&format=pdf&include=slips,labels): one print job for the whole wave. */
function waveForm(list) {
  const boxes = [...ordersOf(list)].map(([orderId, number]) => h('li', {}, h('label', {},
    h('input', { type: 'checkbox', value: orderId, checked: true, 'aria-label': `Print order ${number}` }), number)));
  const pageSize = h('select', { 'data-field': 'pageSize' },
    [['LETTER', 'Letter'], ['A4', 'A4'], ['4x6', '4 × 6 in (thermal)']].map(([value, label]) => h('option', { value }, label)));
  const form = h('form', { class: 'card wave-form', 'aria-labelledby': 'wave-title' },
    h('h2', { id: 'wave-title' }, 'Slips and labels as one PDF'),
    h('fieldset', { class: 'field', 'data-field': 'orders', tabindex: -1 }, h('legend', {}, 'Orders'), h('ul', { class: 'wave-orders' }, boxes)),
    h('div', { class: 'row' }, field('Page size', pageSize, 'Carrier labels keep their own size.')),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'print-wave' }, 'Print slips and labels')));
  onSubmit(form, async () => {
    const orders = [...form.querySelectorAll('.wave-orders input:checked')].map((b) => b.value);
    if (orders.length === 0) {
      throw new ApiError(0, { title: 'No order chosen', errors: [{ field: 'orders', message: 'Tick at least one order to print.' }] });
    }
    const pdf = await apiBlob(`v1/picklist${query({ orders: orders.join(','), format: 'pdf', pageSize: pageSize.value, include: 'slips,labels' })}`,
      'application/pdf');
    openPdf(pdf, form);
    toast(`The pick list, slips and labels of ${orders.length} order${orders.length === 1 ? '' : 's'} opened as one PDF.`);
  });
  return form;
}
