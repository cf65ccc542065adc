// Buying shipping on the order page (docs/shipping.md): rates for what is left to ship, pick one,
// buy the label (it becomes the shipment), print it; void it before the parcel moves.
import { h, loading, failed, unavailable, safeUrl, toast } from './dom.js';
import { api, path } from './api.js';
import { field, onSubmit, onClickOnce, showErrors } from './forms.js';
import { formDialog } from './dialog.js';
import { money, dateTime } from './format.js';
import { flag } from './badges.js';

/** A label's print link lives 15 minutes (labelUrlExpiresInSeconds); older ones are fetched again. */
const LINK_MARGIN_MS = 30_000;

const TRACKING_LABELS = {
  PRE_TRANSIT: 'Label created, not scanned yet',
  IN_TRANSIT: 'In transit',
  OUT_FOR_DELIVERY: 'Out for delivery',
  DELIVERED: 'Delivered',
  EXCEPTION: 'Delivery problem',
  RETURNED: 'Returned to sender',
  UNKNOWN: 'No scan yet',
};

/** Once the carrier has scanned the parcel the label cannot be voided (the API answers 409). */
const NOT_MOVING = [undefined, null, 'PRE_TRANSIT', 'UNKNOWN'];

/** The carrier's last scan and the label's cost, for a shipment bought here (order JSON shipments[].label). */
export function labelFacts(label) {
  if (!label) return null;
  const status = label.trackingStatus ?? 'UNKNOWN';
  return h('p', { class: 'meta label-facts', dataset: { trackingStatus: status } },
    `Label ${label.service ?? ''} · ${money(label.cost)} · `,
    h('span', { class: 'tracking-status' }, TRACKING_LABELS[status] ?? status),
    label.trackingAt && ` (${dateTime(label.trackingAt)})`,
    label.trackingDetail && ` · ${label.trackingDetail}`,
    ['EXCEPTION', 'RETURNED'].includes(status) && flag('Needs attention', 'warn'));
}

/** The panel, for an order that can ship or has labels; null otherwise. */
export function labelPanel(order, refresh) {
  const canShip = order.allowedActions?.includes('ship');
  const hasLabels = (order.shipments ?? []).some((s) => s.label);
  if (!canShip && !hasLabels) return null;
  const bought = h('div', { class: 'labels' }, loading('Loading labels…'));
  const section = h('section', { class: 'card label-panel', 'aria-labelledby': 'label-title' },
    h('h2', { id: 'label-title' }, 'Shipping label'),
    bought,
    canShip && ratesForm(order, refresh));
  loadLabels(order, bought, refresh);
  return section;
}

async function loadLabels(order, holder, refresh) {
  let labels;
  try {
    ({ labels } = await api('GET', path('v1/orders', order.orderId, 'labels')));
  } catch (error) {
    holder.replaceChildren(error.routeMissing ? unavailable('Shipping labels are') : failed(error, () => loadLabels(order, holder, refresh)));
    return;
  }
  const loadedAt = Date.now();
  const shown = labels.filter((l) => l.status !== 'PURCHASING');
  holder.replaceChildren(shown.length
    ? h('ul', { class: 'plain label-list' }, shown.map((l) => labelItem(order, l, loadedAt, holder, refresh)))
    : h('p', { class: 'hint' }, 'No label bought for this order yet.'));
}

function labelItem(order, label, loadedAt, holder, refresh) {
  const shipment = (order.shipments ?? []).find((s) => s.shipmentId === label.shipmentId);
  const scan = shipment?.label?.trackingStatus;
  const problems = h('form', { class: 'action-errors' });
  const item = h('li', { dataset: { labelId: label.labelId, status: label.status } },
    h('p', {}, h('strong', {}, `${label.carrier} ${label.service}`), ` · ${money(label.cost)} · `,
      label.trackingNumber && h('code', { class: 'tracking-number' }, label.trackingNumber),
      label.status === 'VOIDED' && flag('Voided', 'warn')),
    h('p', { class: 'meta' }, `${(label.lines ?? []).map((l) => `${l.quantity} × ${l.sku}`).join(', ')} · bought ${dateTime(label.createdAt)}`,
      label.status === 'VOIDED' ? ` · voided ${dateTime(label.updatedAt)}` : ''),
    problems);
  if (label.status !== 'PURCHASED') return item;
  const actions = h('div', { class: 'actions' });
  const url = label.labelUrl && safeUrl(label.labelUrl);
  if (url) {
    const print = h('a', { class: 'button secondary print-label', href: url, target: '_blank', rel: 'noopener noreferrer' }, 'Print label');
    const lifetime = (label.labelUrlExpiresInSeconds ?? 900) * 1000;
    print.addEventListener('click', (event) => {
      if (Date.now() - loadedAt < lifetime - LINK_MARGIN_MS) return;
      // The link has expired: fetch fresh ones rather than open a page of S3's "Request has expired".
      event.preventDefault();
      loadLabels(order, holder, refresh).then(() => toast('The print link had expired; press Print label again.'));
    });
    actions.append(print);
  }
  if (NOT_MOVING.includes(scan)) {
    const voidButton = h('button', { type: 'button', class: 'danger-outline void-label' }, 'Void…');
    onClickOnce(voidButton, () => voidDialog(order, label, refresh), (error) => showErrors(problems, error));
    actions.append(voidButton);
  }
  item.insertBefore(actions, problems);
  return item;
}

async function voidDialog(order, label, refresh) {
  const done = await formDialog({
    title: `Void label ${label.trackingNumber}?`,
    intro: `The carrier refunds ${money(label.cost)} and the package's shipment is taken off the order, which can then ship again. `
      + 'Do not use this label afterwards.',
    submitLabel: 'Void label', keepLabel: 'Keep label', danger: true,
    send: () => api('POST', path('v1/orders', order.orderId, 'labels', label.labelId, 'void')),
  });
  if (done) {
    toast(`Label ${label.trackingNumber} voided.`);
    await refresh(`Label ${label.trackingNumber} voided.`);
  }
}

/** Weight and box (optional: worked out from the SKUs' settings when left empty), then the rates to pick from. */
function ratesForm(order, refresh) {
  const number = (name, label, hint) => field(label, h('input', {
    type: 'number', min: 1, step: 1, inputmode: 'numeric', 'data-field': name, class: 'qty', autocomplete: 'off',
  }), hint);
  const weight = number('weightGrams', 'Weight (g)', 'Empty: the SKUs\' unit weights.');
  const box = h('fieldset', { class: 'field box-fields', 'data-field': 'box', tabindex: -1 },
    h('legend', {}, 'Box (mm)'),
    h('div', { class: 'row' }, number('box.lengthMm', 'Length'), number('box.widthMm', 'Width'), number('box.heightMm', 'Height')),
    h('p', { class: 'hint' }, 'Empty: the largest box set on the SKUs.'));
  const rates = h('div', { class: 'rates' });
  const form = h('form', { class: 'rates-form' },
    h('p', { class: 'hint' }, 'Rates are for everything not shipped yet, in one package.'),
    h('div', { class: 'row' }, weight, box),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary', id: 'get-rates' }, 'Get rates')));
  onSubmit(form, async () => {
    const value = (name) => form.querySelector(`[data-field="${name}"]`).value.trim();
    const dims = ['lengthMm', 'widthMm', 'heightMm'].map((d) => value(`box.${d}`));
    const body = {};
    if (value('weightGrams')) body.weightGrams = Number(value('weightGrams'));
    if (dims.some(Boolean)) body.box = { lengthMm: Number(dims[0]), widthMm: Number(dims[1]), heightMm: Number(dims[2]) };
    const quote = await api('POST', path('v1/orders', order.orderId, 'rates'), body);
    rates.replaceChildren(buyForm(order, quote, refresh));
    rates.querySelector('input[type=radio]')?.focus();
  });
  return h('div', {}, form, rates);
}

function buyForm(order, quote, refresh) {
  if (quote.rates.length === 0) {
    return h('p', { class: 'notice' }, 'The carrier offers no rate for this parcel. Check the weight and box, or ship it by hand below.');
  }
  const cheapest = [...quote.rates].sort((a, b) => Number(a.cost.amount) - Number(b.cost.amount))[0];
  const options = quote.rates.map((r) => {
    const input = h('input', { type: 'radio', name: `rate-${quote.quoteId}`, value: r.rateId, checked: r === cheapest, required: true });
    return h('li', { dataset: { rateId: r.rateId } }, h('label', { class: 'rate' }, input,
      h('span', { class: 'rate-name' }, `${r.carrier} ${r.service}`),
      h('span', { class: 'rate-cost' }, money(r.cost)),
      h('span', { class: 'meta' }, r.deliveryDays ? `${r.deliveryDays} day${r.deliveryDays === 1 ? '' : 's'}` : 'days not given')));
  });
  const p = quote.parcel;
  const form = h('form', { class: 'buy-form' },
    h('fieldset', { 'data-field': 'rateId', tabindex: -1 },
      h('legend', {}, `Rates for ${p.weightGrams} g in a ${p.lengthMm} × ${p.widthMm} × ${p.heightMm} mm box`),
      h('ul', { class: 'plain rate-list' }, options)),
    h('p', { class: 'hint' }, `Offered until ${dateTime(quote.expiresAt)}. Buying ships the package: the buyer gets the tracking email.`),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'buy-label' }, 'Buy label')));
  onSubmit(form, async () => {
    const rateId = form.querySelector('input[type=radio]:checked')?.value;
    let answer;
    try {
      // The same quote and rate on a retry: the API buys once, whatever happened to the first answer.
      answer = await api('POST', path('v1/orders', order.orderId, 'labels'), { quoteId: quote.quoteId, rateId });
    } catch (error) {
      if (error.status === 502) error.detail = `${error.detail ?? ''} Press Buy label again: the label is never bought twice.`.trim();
      throw error;
    }
    const said = `Label ${answer.label.trackingNumber} bought for ${money(answer.label.cost)}.`;
    toast(said);
    await refresh(said);
  });
  return form;
}
