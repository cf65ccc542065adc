// Request a return for the buyer (POST /v1/orders/{orderId}/returns): per delivered SKU, how many
// units come back and why. The API checks the return policy; a 422 names its rule next to the field.
import { h } from './dom.js';
import { api, path, requestId, ApiError } from './api.js';
import { formDialog } from './dialog.js';
import { RETURN_REASONS } from './returns.js';

/** SKU -> units in packages with a recorded delivery. */
export function deliveredBySku(order) {
  const delivered = new Map();
  for (const shipment of order.shipments ?? []) {
    if (!shipment.deliveredAt) continue;
    for (const line of shipment.lines ?? []) delivered.set(line.sku, (delivered.get(line.sku) ?? 0) + line.quantity);
  }
  return delivered;
}

/** SKU -> units already in the order's returns (waiting to arrive or received; not canceled ones). */
function heldBySku(rmas) {
  const held = new Map();
  for (const rma of rmas) {
    if (rma.status === 'CANCELED') continue;
    for (const line of rma.lines ?? []) held.set(line.sku, (held.get(line.sku) ?? 0) + line.quantity);
  }
  return held;
}

/** Resolves with the new RMA, or null when the dialog was closed without sending. */
export async function returnDialog(order) {
  // What other returns hold caps each line; if they cannot be read, the API's 422 says so instead.
  const held = await api('GET', path('v1/orders', order.orderId, 'returns'))
    .then((page) => heldBySku(page.items ?? []), () => new Map());
  const delivered = deliveredBySku(order);
  // One id per dialog: a resend after a lost answer is the same RMA, never a second one (a refused
  // request wrote nothing, so the id is still free for the corrected one).
  const id = requestId();
  const titles = new Map((order.lines ?? []).map((l) => [l.sku, l.title]));
  const rows = [...delivered].map(([sku, units]) => {
    const left = Math.max(0, units - (held.get(sku) ?? 0));
    return {
      sku, units, left,
      quantity: h('input', {
        type: 'number', min: 0, max: left, step: 1, value: 0, class: 'qty', disabled: left === 0,
        'aria-label': `Units of ${sku} to return`,
      }),
      reason: h('select', { 'aria-label': `Why ${sku} comes back`, disabled: left === 0 },
        h('option', { value: '' }, 'Choose a reason'),
        Object.entries(RETURN_REASONS).map(([value, label]) => h('option', { value }, label))),
    };
  });
  const table = h('div', { class: 'table-wrap', 'data-field': 'lines', tabindex: -1 }, h('table', {},
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Item'), h('th', { scope: 'col', class: 'num' }, 'Delivered'),
      h('th', { scope: 'col', class: 'num' }, 'Can return'), h('th', { scope: 'col', class: 'num' }, 'Return'),
      h('th', { scope: 'col' }, 'Reason'))),
    h('tbody', {}, rows.map((r) => h('tr', { dataset: { sku: r.sku } },
      h('td', {}, h('code', {}, r.sku), titles.get(r.sku) && h('span', { class: 'meta' }, ` ${titles.get(r.sku)}`)),
      h('td', { class: 'num' }, r.units), h('td', { class: 'num can-return' }, r.left),
      h('td', { class: 'num' }, h('span', { class: 'cell-field' }, r.quantity)),
      h('td', {}, h('span', { class: 'cell-field' }, r.reason)))))));
  return formDialog({
    title: `Request a return for order ${order.externalOrderId ?? order.orderId}`,
    intro: 'The buyer is emailed the RMA number and how to send the parcel back. The refund is worked out when it arrives.',
    body: [table, h('p', { class: 'hint' }, 'Damaged, defective, wrong item and not as described are your fault: no restocking fee, and you pay the way back.')],
    submitLabel: 'Request return', keepLabel: 'Close', wide: true,
    send: async () => {
      rows.forEach((r) => { delete r.quantity.dataset.field; delete r.reason.dataset.field; });
      const chosen = rows.filter((r) => Number(r.quantity.value) > 0);
      // The API's field names point into the lines it was sent: lines[i] is the i-th chosen row.
      chosen.forEach((r, i) => {
        r.quantity.dataset.field = `lines[${i}].quantity`;
        r.reason.dataset.field = `lines[${i}].reason`;
      });
      const errors = chosen.filter((r) => !r.reason.value)
        .map((r) => ({ field: r.reason.dataset.field, message: `Choose why ${r.sku} comes back.` }));
      if (chosen.length === 0) errors.push({ field: 'lines', message: 'Enter how many units come back.' });
      if (errors.length) throw new ApiError(0, { title: 'Not sent yet', errors });
      try {
        return await api('POST', path('v1/orders', order.orderId, 'returns'), {
          lines: chosen.map((r) => ({ sku: r.sku, quantity: Number(r.quantity.value), reason: r.reason.value })),
          requestId: id,
        });
      } catch (error) {
        // A SKU refused as such (non-returnable, past the window) is said next to its units.
        error.fieldErrors?.forEach((e) => { e.field = e.field.replace(/^(lines\[\d+\])\.sku$/, '$1.quantity'); });
        throw error;
      }
    },
  });
}
