// What a seller can do to an order. Only the order's allowedActions are offered; every request
// is sent once (forms.js) and the order is read again afterwards.
import { h, toast } from './dom.js';
import { api, path, requestId, ApiError } from './api.js';
import { field, onSubmit, onClickOnce, showErrors } from './forms.js';
import { formDialog } from './dialog.js';
import { money, today, dayOrNow, subtract } from './format.js';
import { printNodes, packingSlip } from './print.js';
import { returnDialog } from './return-dialog.js';

const CARRIERS = ['UPS', 'USPS', 'FedEx', 'DHL'];
export const CANCEL_REASONS = {
  BUYER_REQUESTED: 'The buyer asked to cancel',
  OUT_OF_STOCK: 'Out of stock',
  ADDRESS_UNDELIVERABLE: 'Address undeliverable',
  PRICING_ERROR: 'Pricing error',
  FRAUD_SUSPECTED: 'Fraud suspected',
  OTHER: 'Other',
};

/** SKU -> units not shipped yet. */
export function remainingBySku(order) {
  const left = new Map((order.lines ?? []).map((l) => [l.sku, l.quantity]));
  for (const shipment of order.shipments ?? []) {
    for (const line of shipment.lines ?? []) left.set(line.sku, (left.get(line.sku) ?? 0) - line.quantity);
  }
  return left;
}

export function actionBar(order, refresh) {
  const allowed = order.allowedActions ?? [];
  const bar = h('div', { class: 'action-bar', role: 'group', 'aria-label': 'Order actions' });
  const problems = h('form', { class: 'action-errors' }); // a place for errors of the buttons below
  if (allowed.includes('acknowledge') && !order.acknowledgedAt) {
    const ack = h('button', { type: 'button', class: 'secondary' }, 'Acknowledge');
    onClickOnce(ack, async () => {
      await api('POST', path('v1/orders', order.orderId, 'acknowledge'));
      toast('Order acknowledged.');
      await refresh('Acknowledged.');
    }, (error) => showErrors(problems, error));
    bar.append(ack);
  }
  if (['UNSHIPPED', 'PARTIALLY_SHIPPED'].includes(order.status)) {
    const slip = h('button', { type: 'button', class: 'secondary' }, 'Print packing slip');
    onClickOnce(slip, async () => printNodes([await packingSlip(order.orderId)]), (error) => showErrors(problems, error));
    bar.append(slip);
  }
  if (allowed.includes('cancel')) {
    bar.append(h('button', { type: 'button', class: 'danger-outline', onclick: () => cancelDialog(order, refresh) }, 'Cancel order…'));
  }
  if (allowed.includes('return')) {
    // Reads the order's returns before the dialog opens: one dialog for a double click.
    const ret = h('button', { type: 'button', class: 'secondary', id: 'request-return' }, 'Request return…');
    onClickOnce(ret, async () => {
      const rma = await returnDialog(order);
      if (rma) {
        toast(`Return ${rma.rmaNumber} authorized; the buyer is emailed the instructions.`);
        await refresh(`Return ${rma.rmaNumber} authorized.`);
      }
    }, (error) => showErrors(problems, error));
    bar.append(ret);
  }
  if (allowed.includes('refund')) {
    bar.append(h('button', { type: 'button', class: 'secondary', id: 'refund', onclick: () => refundDialog(order, refresh) }, 'Refund…'));
  }
  return bar.children.length ? h('div', {}, bar, problems) : null;
}

export function shipForm(order, refresh) {
  const left = remainingBySku(order);
  const carrier = h('input', { list: 'carriers', required: true, autocomplete: 'off', 'data-field': 'carrier', value: 'UPS' });
  const tracking = h('input', { required: true, autocomplete: 'off', spellcheck: 'false', 'data-field': 'trackingNumber' });
  const shipDate = h('input', { type: 'date', required: true, value: today(), 'data-field': 'shipDate' });
  const quantities = (order.lines ?? []).filter((l) => (left.get(l.sku) ?? 0) > 0).map((line) => ({
    sku: line.sku,
    left: left.get(line.sku),
    input: h('input', {
      type: 'number', min: 0, max: left.get(line.sku), step: 1, value: left.get(line.sku), required: true,
      class: 'qty', 'aria-label': `Units of ${line.sku} in this package`,
    }),
  }));
  const linesTable = h('div', { class: 'table-wrap', 'data-field': 'lines', tabindex: -1 }, h('table', {},
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'SKU'), h('th', { scope: 'col', class: 'num' }, 'Not shipped'),
      h('th', { scope: 'col', class: 'num' }, 'In this package'))),
    h('tbody', {}, quantities.map((q) => h('tr', {}, h('td', {}, h('code', {}, q.sku)), h('td', { class: 'num' }, q.left),
      h('td', { class: 'num' }, h('span', { class: 'cell-field' }, q.input)))))));
  const form = h('form', { class: 'card ship-form', 'aria-labelledby': 'ship-title' },
    h('h2', { id: 'ship-title' }, 'Ship a package'),
    h('datalist', { id: 'carriers' }, CARRIERS.map((c) => h('option', { value: c }))),
    h('div', { class: 'row' },
      field('Carrier', carrier, 'UPS, USPS, FedEx or DHL get their tracking number checked.'),
      field('Tracking number', tracking),
      field('Ship date', shipDate)),
    h('p', { class: 'hint' }, 'Everything not shipped yet goes in the package; lower a quantity to ship part of the order.'),
    linesTable,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'ship-submit' }, 'Ship package')));
  onSubmit(form, async () => {
    quantities.forEach((q) => delete q.input.dataset.field);
    const chosen = quantities.filter((q) => Number(q.input.value) > 0);
    if (chosen.length === 0) {
      throw new ApiError(0, { title: 'Nothing to ship', errors: [{ field: 'lines', message: 'Put at least one unit in the package.' }] });
    }
    // The API's field names point into the lines it was sent: lines[i] is the i-th chosen row.
    chosen.forEach((q, i) => { q.input.dataset.field = `lines[${i}].quantity`; });
    const everything = chosen.length === quantities.length && chosen.every((q) => Number(q.input.value) === q.left);
    const answer = await api('POST', path('v1/orders', order.orderId, 'shipments'), {
      carrier: carrier.value.trim(),
      trackingNumber: tracking.value.trim(),
      shipDate: dayOrNow(shipDate.value),
      lines: everything ? undefined : chosen.map((q) => ({ sku: q.sku, quantity: Number(q.input.value) })),
    });
    toast(answer.changed === false ? 'That tracking number was already recorded.' : `Shipped as ${answer.shipment?.shipmentId}.`);
    await refresh(`Package ${answer.shipment?.shipmentId ?? ''} recorded.`);
  });
  return form;
}

export function deliveryForm(order, refresh) {
  const open = (order.shipments ?? []).filter((s) => !s.deliveredAt);
  const deliveredAt = h('input', { type: 'date', required: true, value: today(), 'data-field': 'deliveredAt' });
  const shipment = h('select', { 'data-field': 'shipmentId' },
    h('option', { value: '' }, open.length > 1 ? `All ${open.length} packages not delivered yet` : 'The package not delivered yet'),
    open.map((s) => h('option', { value: s.shipmentId }, `${s.shipmentId} · ${s.carrier} ${s.trackingNumber}`)));
  const form = h('form', { class: 'card delivery-form', 'aria-labelledby': 'delivery-title' },
    h('h2', { id: 'delivery-title' }, 'Confirm delivery'),
    h('div', { class: 'row' }, field('Delivered on', deliveredAt), field('Package', shipment)),
    h('p', { class: 'hint' }, 'The order becomes Delivered, and the buyer is emailed, once every package has arrived.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'deliver-submit' }, 'Confirm delivery')));
  onSubmit(form, async () => {
    await api('POST', path('v1/orders', order.orderId, 'delivery'), {
      deliveredAt: dayOrNow(deliveredAt.value), shipmentId: shipment.value || undefined,
    });
    toast('Delivery recorded.');
    await refresh('Delivery recorded.');
  });
  return form;
}

async function cancelDialog(order, refresh) {
  const reason = h('select', { required: true, 'data-field': 'reason' },
    h('option', { value: '' }, 'Choose a reason'),
    Object.entries(CANCEL_REASONS).map(([value, label]) => h('option', { value }, label)));
  const note = h('textarea', { maxlength: 500, rows: 3, 'data-field': 'note' });
  const done = await formDialog({
    title: `Cancel order ${order.externalOrderId}?`,
    intro: 'The buyer is emailed and the reserved stock goes back on the shelf. This cannot be undone.',
    body: [field('Reason', reason), field('Note to the buyer (optional)', note, 'Shown in the cancellation email.')],
    submitLabel: 'Cancel order', keepLabel: 'Keep order', danger: true,
    send: () => api('POST', path('v1/orders', order.orderId, 'cancel'), {
      reason: reason.value, note: note.value.trim() || undefined,
    }),
  });
  if (done) {
    toast('Order canceled.');
    await refresh('Order canceled.');
  }
}

async function refundDialog(order, refresh) {
  const currency = order.totals?.total?.currency ?? 'USD';
  const id = requestId(); // one per dialog: a retry of the same refund is recognised by the API
  const amount = h('input', {
    inputmode: 'decimal', required: true, pattern: '\\d+(\\.\\d{1,2})?', autocomplete: 'off', 'data-field': 'amount',
    placeholder: '0.00',
  });
  // The button says what it will do: "Refund $5.00".
  amount.addEventListener('input', () => {
    const valid = amount.value && amount.checkValidity();
    amount.form.querySelector('button[type=submit]').textContent = valid ? `Refund ${money({ amount: amount.value, currency })}` : 'Refund';
  });
  const reason = h('textarea', { required: true, maxlength: 500, rows: 2, 'data-field': 'reason' });
  const paid = order.totals?.total;
  const refunded = order.totals?.refunded;
  const left = subtract(paid, refunded);
  const done = await formDialog({
    title: `Refund order ${order.externalOrderId}`,
    intro: `${money(paid)} was paid${Number(refunded?.amount) > 0 ? `, ${money(refunded)} refunded already` : ''}: up to ${money(left)} can `
      + 'still be refunded. Check the amount: a refund cannot be taken back.',
    body: [field(`Amount (${currency})`, amount), field('Reason', reason, 'Kept with the refund and sent to the storefront.')],
    submitLabel: 'Refund', keepLabel: 'Do not refund', danger: true,
    send: async () => {
      const answer = await api('POST', path('v1/orders', order.orderId, 'refunds'), {
        amount: { amount: amount.value, currency }, reason: reason.value.trim(), requestId: id,
      });
      return answer ?? {};
    },
  });
  if (done) {
    toast(done.changed === false ? 'That refund was already recorded.' : `Refund of ${money(done.amount)} recorded.`);
    await refresh(`Refund of ${money(done.amount)} recorded.`);
  }
}
