// One return (RMA): what the buyer sends back, what arrived, the refund; and the receive form.
import { h, toast } from './dom.js';
import { api, path } from './api.js';
import { onSubmit } from './forms.js';
import { money, date } from './format.js';
import { statusBadge } from './badges.js';

const REASONS = {
  DAMAGED: 'Damaged', DEFECTIVE: 'Defective', WRONG_ITEM: 'Wrong item', NOT_AS_DESCRIBED: 'Not as described',
  NO_LONGER_NEEDED: 'No longer needed', OTHER: 'Other',
};

export function returnCard(rma, { showOrder = true, onReceived } = {}) {
  return h('article', { class: 'card rma', dataset: { rmaId: rma.rmaId } },
    h('h3', {}, rma.rmaNumber ?? rma.rmaId, ' ', statusBadge(rma.status)),
    h('p', { class: 'meta' }, `Authorized ${date(rma.createdAt)}`,
      showOrder && [' · order ', h('a', { href: `#/orders/${encodeURIComponent(rma.orderId)}` }, rma.orderId)]),
    h('ul', { class: 'plain' }, (rma.lines ?? []).map((l) =>
      h('li', {}, `${l.quantity} × `, h('code', {}, l.sku), ` · ${REASONS[l.reason] ?? l.reason}`))),
    (rma.received ?? []).length > 0 && h('p', { class: 'meta' }, 'Received: ',
      rma.received.map((r) => `${r.quantity} × ${r.sku} (${r.condition === 'SELLABLE' ? 'back in stock' : 'damaged'})`).join(', ')),
    rma.refund && h('p', {}, `Refund ${money(rma.refund.amount)} `, statusBadge(rma.refund.status)),
    rma.status === 'AUTHORIZED' && onReceived && receiveForm(rma, onReceived));
}

/** Arrived at the warehouse: per line, how many came back and in what state. */
function receiveForm(rma, onReceived) {
  const rows = (rma.lines ?? []).map((line) => ({
    sku: line.sku,
    quantity: h('input', { type: 'number', min: 0, max: line.quantity, step: 1, value: line.quantity, class: 'qty',
      'aria-label': `Units of ${line.sku} received` }),
    condition: h('select', { 'aria-label': `Condition of ${line.sku}` },
      h('option', { value: 'SELLABLE' }, 'Sellable (back in stock)'), h('option', { value: 'DAMAGED' }, 'Damaged')),
  }));
  const form = h('form', { class: 'receive-form' },
    h('h4', {}, 'Receive the parcel'),
    h('div', { class: 'table-wrap', 'data-field': 'lines', tabindex: -1 }, h('table', {}, h('tbody', {}, rows.map((r) =>
      h('tr', {}, h('td', {}, h('code', {}, r.sku)), h('td', {}, h('span', { class: 'cell-field' }, r.quantity)),
        h('td', {}, h('span', { class: 'cell-field' }, r.condition))))))),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Record as received')));
  onSubmit(form, async () => {
    const chosen = rows.filter((r) => Number(r.quantity.value) > 0);
    rows.forEach((r) => { delete r.quantity.dataset.field; delete r.condition.dataset.field; });
    chosen.forEach((r, i) => {
      r.quantity.dataset.field = `lines[${i}].quantity`;
      r.condition.dataset.field = `lines[${i}].condition`;
    });
    const answer = await api('POST', path('v1/returns', rma.rmaId, 'receive'), {
      lines: chosen.map((r) => ({ sku: r.sku, quantity: Number(r.quantity.value), condition: r.condition.value })),
    });
    toast(answer.refund ? `Received; refund of ${money(answer.refund.amount)} ${answer.refund.status?.toLowerCase() ?? ''}.` : 'Received.');
    onReceived(answer.rma ?? rma);
  });
  return form;
}
