// One return (RMA): what the buyer sends back, what arrived, the refund; and the receive form.
import { h, toast } from './dom.js';
import { api, path, ApiError } from './api.js';
import { onSubmit } from './forms.js';
import { money, date } from './format.js';
import { rmaBadge, refundBadge } from './badges.js';

export const RETURN_REASONS = {
  DAMAGED: 'Damaged', DEFECTIVE: 'Defective', WRONG_ITEM: 'Wrong item', NOT_AS_DESCRIBED: 'Not as described',
  NO_LONGER_NEEDED: 'No longer needed', OTHER: 'Other',
};

/** onReceived(answer) gets the API's {rma, refund, order, changed} once the parcel is recorded. */
export function returnCard(rma, { showOrder = true, onReceived } = {}) {
  return h('article', { class: 'card rma', dataset: { rmaId: rma.rmaId, status: rma.status } },
    h('h3', {}, rma.rmaNumber ?? rma.rmaId, ' ', rmaBadge(rma.status)),
    h('p', { class: 'meta' }, `Authorized ${date(rma.createdAt)}`,
      rma.receivedAt && ` · received ${date(rma.receivedAt)}`,
      showOrder && [' · order ', h('a', { href: `#/orders/${encodeURIComponent(rma.orderId)}` }, rma.orderId)]),
    h('ul', { class: 'plain' }, (rma.lines ?? []).map((l) =>
      h('li', {}, `${l.quantity} × `, h('code', {}, l.sku), ` · ${RETURN_REASONS[l.reason] ?? l.reason}`))),
    (rma.received ?? []).length > 0 && h('p', { class: 'meta received' }, 'Received: ',
      rma.received.map((r) => `${r.quantity} × ${r.sku} (${r.condition === 'SELLABLE' ? 'back in stock' : 'damaged, written off'})`).join(', ')),
    rma.refund && h('p', { class: 'refund' }, `Refund ${money(rma.refund.amount)} `, refundBadge(rma.refund.status)),
    rma.status === 'RECEIVED' && !rma.refund && h('p', { class: 'meta' }, 'Nothing was due: the order was refunded in full before.'),
    rma.status === 'AUTHORIZED' && onReceived && receiveForm(rma, onReceived));
}

/**
 * Arrived at the bench: per line, how many units can be sold again and how many are damaged (a
 * SKU is sent twice, once per condition). Fewer than authorized is fine; more is the API's 422.
 */
function receiveForm(rma, onReceived) {
  const count = (line, what, value) => h('input', {
    type: 'number', min: 0, max: line.quantity, step: 1, value, required: true, class: 'qty',
    'aria-label': `Units of ${line.sku} ${what}`,
  });
  const rows = (rma.lines ?? []).map((line) => ({
    sku: line.sku,
    authorized: line.quantity,
    sellable: count(line, 'sellable (back in stock)', line.quantity),
    damaged: count(line, 'damaged (written off)', 0),
  }));
  const form = h('form', { class: 'receive-form', 'aria-label': `Receive ${rma.rmaNumber ?? rma.rmaId}` },
    h('h4', {}, 'Receive the parcel'),
    h('div', { class: 'table-wrap', 'data-field': 'lines', tabindex: -1 }, h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'SKU'), h('th', { scope: 'col', class: 'num' }, 'Authorized'),
        h('th', { scope: 'col', class: 'num' }, 'Sellable'), h('th', { scope: 'col', class: 'num' }, 'Damaged'))),
      h('tbody', {}, rows.map((r) => h('tr', { dataset: { sku: r.sku } },
        h('td', {}, h('code', {}, r.sku)), h('td', { class: 'num' }, r.authorized),
        h('td', { class: 'num' }, h('span', { class: 'cell-field' }, r.sellable)),
        h('td', { class: 'num' }, h('span', { class: 'cell-field' }, r.damaged))))))),
    h('p', { class: 'hint' }, 'Sellable units go back on hand at once; damaged ones are written off. The refund follows your return policy.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Record as received')));
  onSubmit(form, async () => {
    // The API's field names point into the lines it was sent: lines[i] is the i-th (SKU, condition) sent.
    const lines = [];
    for (const r of rows) {
      for (const [input, condition] of [[r.sellable, 'SELLABLE'], [r.damaged, 'DAMAGED']]) {
        delete input.dataset.field;
        const quantity = Number(input.value);
        if (quantity > 0) {
          input.dataset.field = `lines[${lines.length}].quantity`;
          lines.push({ sku: r.sku, quantity, condition });
        }
      }
    }
    if (lines.length === 0) {
      throw new ApiError(0, { title: 'Nothing received', errors: [{ field: 'lines', message: 'Enter at least one unit that arrived.' }] });
    }
    const answer = await api('POST', path('v1/returns', rma.rmaId, 'receive'), { lines });
    toast(answer.refund
      ? `${rma.rmaNumber} received; refund of ${money(answer.refund.amount)} recorded.`
      : `${rma.rmaNumber} received; no refund was due.`);
    await onReceived(answer);
  });
  return form;
}
