// One order: what it is, what to do next (its allowedActions decide), what happened to it.
import { h, loading, failed, setState, safeUrl, toast } from './dom.js';
import { api, path } from './api.js';
import { money, dateTime, date, statusLabel, isZero, subtract } from './format.js';
import { statusBadge, flag } from './badges.js';
import { actionBar, shipForm, deliveryForm, remainingBySku } from './order-actions.js';
import { releaseForm } from './release-form.js';
import { onClickOnce, showErrors } from './forms.js';
import { historyPanel, returnsPanel } from './order-panels.js';
import { conversation } from './conversation.js';
import { labelPanel, labelFacts } from './label-panel.js';

export async function renderOrder(view, { id }) {
  const heading = h('h1', { tabindex: -1 }, 'Order');
  const body = h('div', { class: 'order-body' });
  view.append(h('p', { class: 'back' }, h('a', { href: '#/orders' }, '← All orders')), heading, body);

  /** Reads the order again and redraws; `said` is announced (the status live region). */
  async function refresh(said) {
    setState(view, 'loading');
    if (!said) body.replaceChildren(loading('Loading the order…'));
    let order;
    try {
      order = await api('GET', path('v1/orders', id));
    } catch (error) {
      setState(view, 'error');
      body.replaceChildren(error.status === 404 && !error.routeMissing
        ? failed({ title: 'No such order', detail: 'It does not exist, or it belongs to another seller.' })
        : failed(error, () => refresh()));
      return;
    }
    heading.replaceChildren(`Order ${order.displayNumber ?? order.externalOrderId ?? order.orderId} `, statusBadge(order.status));
    body.replaceChildren(layout(order, refresh));
    view.dataset.status = order.status;
    setState(view, 'ready');
    if (said) {
      const status = body.querySelector('.status-line');
      status.textContent = `${said} Status: ${statusLabel(order.status)}.`;
      status.focus();
    }
  }
  await refresh();
}

function layout(order, refresh) {
  const ship = order.allowedActions?.includes('ship');
  const deliver = order.allowedActions?.includes('confirm-delivery');
  return h('div', { class: 'order-grid' },
    h('div', { class: 'main-column' },
      h('p', { class: 'status-line', role: 'status', tabindex: -1 }),
      actionBar(order, refresh),
      order.status === 'ON_HOLD' && releaseForm(order, refresh),
      linesSection(order),
      labelPanel(order, refresh),
      ship && shipForm(order, refresh),
      deliver && deliveryForm(order, refresh),
      shipmentsSection(order),
      channelSection(order, refresh),
      returnsPanel(order, refresh),
      historyPanel(order)),
    h('aside', { class: 'side-column' },
      summarySection(order),
      conversation(order.orderId, { title: 'Buyer messages' })));
}

/** What the order's platform was told (docs/channels.md): each sync, the platform's words when it refused, and Retry for a failed one. */
function channelSection(order, refresh) {
  const syncs = order.channelSyncs ?? [];
  if (syncs.length === 0) return null;
  const problems = h('form', { class: 'action-errors' }); // a place for the errors of the Retry buttons
  const head = h('tr', {}, ...['What', 'Platform', 'Status', 'Attempts', 'Last', 'Action'].map(t => h('th', { scope: 'col' }, t)));
  const rows = syncs.map((s) => h('tr', { 'data-sync': s.syncId, 'data-status': s.status },
    h('td', {}, syncWhat(s)),
    h('td', {}, PLATFORMS[s.platform] ?? s.platform),
    h('td', {}, SYNC_STATUS[s.status] ?? s.status),
    h('td', {}, String(s.attempts)),
    h('td', {}, s.lastError && h('span', { class: 'platform-error' }, s.lastError), s.lastError && ' · ',
      s.platformRef && [h('code', {}, s.platformRef), ' · '], dateTime(s.updatedAt)),
    h('td', {}, s.status === 'FAILED' ? retryButton(order, s, refresh, problems) : '')));
  return h('section', { class: 'card channel-syncs', 'aria-labelledby': 'channel-title' },
    h('h2', { id: 'channel-title' }, 'Sent to the platform'),
    problems,
    h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, head), h('tbody', {}, ...rows))));
}

const PLATFORMS = { shopify: 'Shopify', woocommerce: 'WooCommerce', amazon: 'Amazon' };
const SYNC_STATUS = { PENDING: 'Sending', DONE: 'Sent', FAILED: 'Failed' };

/** The sync's kind in words: "Shipment shp_1", "Acknowledgement", "Cancellation", "Refund ref_…". */
function syncWhat(s) {
  switch (s.kind) {
    case 'SHIPMENT': return `Shipment ${s.shipmentId ?? ''}`.trim();
    case 'ACKNOWLEDGE': return 'Acknowledgement';
    case 'CANCEL': return 'Cancellation';
    case 'REFUND': return `Refund ${s.refundId ?? ''}`.trim();
    default: return s.kind;
  }
}

/** Starts a failed sync over once the seller fixed its cause (POST .../retry); the order is then read again. */
function retryButton(order, s, refresh, problems) {
  const what = syncWhat(s);
  const platform = PLATFORMS[s.platform] ?? s.platform;
  const button = h('button', { type: 'button', class: 'secondary small', 'aria-label': `Retry: ${what} to ${platform}` }, 'Retry');
  onClickOnce(button, async () => {
    const sync = await api('POST', path('v1/orders', order.orderId, 'channel-syncs', s.syncId, 'retry'));
    const said = sync?.changed === false
      ? `${what} to ${platform} was ${sync.status === 'DONE' ? 'already sent' : 'already queued'}.`
      : `${what} to ${platform} is being sent again.`;
    toast(said);
    await refresh(said);
  }, (error) => showErrors(problems, error));
  return button;
}

function summarySection(order) {
  const rows = [
    ['Placed', dateTime(order.createdAt)],
    ['Ship by', order.shipBy ? date(order.shipBy) : '—', order.late && flag('Late', 'late')],
    ['Deliver by', order.deliverBy ? date(order.deliverBy) : '—'],
    ['Acknowledged', order.acknowledgedAt ? dateTime(order.acknowledgedAt) : 'Not yet'],
    ['Storefront', order.storefrontId ?? '—'],
    ['Order id', h('code', {}, order.orderId)],
  ];
  if (order.statusReason) rows.push(['Reason', order.statusReason]);
  if (order.intake?.payOnDelivery) rows.push(['Payment', 'Paid on delivery']);
  for (const note of order.intake?.notes ?? []) rows.push(['Note', note]);
  if (order.cancellation) rows.push(['Canceled', `${dateTime(order.cancellation.at)} by ${order.cancellation.by}`]);
  const to = order.shipTo ?? {};
  return h('section', { class: 'card', 'aria-labelledby': 'summary-title' },
    h('h2', { id: 'summary-title' }, 'Summary'),
    h('dl', { class: 'facts' }, rows.map(([k, ...v]) => [h('dt', {}, k), h('dd', {}, v)])),
    h('h3', {}, 'Buyer'),
    h('p', {}, order.buyer?.name ?? '—', h('br'), order.buyer?.email ?? ''),
    h('h3', {}, 'Ship to'),
    h('address', {}, [to.name, to.line1, to.line2,
      [to.city, [to.region, to.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', '), to.country]
      .filter(Boolean).flatMap((line, i) => (i ? [h('br'), line] : [line]))),
    h('h3', {}, 'Totals'),
    h('dl', { class: 'facts totals' }, ['subtotal', 'discount', 'shipping', 'fees', 'tax', 'total']
      .filter((k) => order.totals?.[k] && (k !== 'fees' || !isZero(order.totals.fees)))
      .map((k) => [h('dt', {}, k[0].toUpperCase() + k.slice(1)), h('dd', {}, money(order.totals[k]))]),
    refundedRows(order.totals)));
}

/** Refunded so far and what the buyer's payment comes to now, once anything was refunded. */
function refundedRows(totals) {
  if (isZero(totals?.refunded)) return null;
  return [
    h('dt', { class: 'refunded' }, 'Refunded'), h('dd', { class: 'refunded', dataset: { amount: totals.refunded.amount } }, `− ${money(totals.refunded)}`),
    h('dt', {}, 'Net paid'), h('dd', {}, money(subtract(totals.total, totals.refunded))),
  ];
}

function linesSection(order) {
  const left = remainingBySku(order);
  return h('section', { class: 'card', 'aria-labelledby': 'lines-title' },
    h('h2', { id: 'lines-title' }, 'Items'),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'SKU'), h('th', { scope: 'col' }, 'Item'),
        h('th', { scope: 'col', class: 'num' }, 'Ordered'), h('th', { scope: 'col', class: 'num' }, 'Not shipped'),
        h('th', { scope: 'col', class: 'num' }, 'Price'), h('th', { scope: 'col', class: 'num' }, 'Total'))),
      h('tbody', {}, (order.lines ?? []).map((line) => h('tr', {},
        h('td', {}, line.sku == null ? flag('No SKU', 'warn') : h('code', {}, line.sku)), h('td', {}, line.title ?? ''),
        h('td', { class: 'num' }, line.quantity), h('td', { class: 'num' }, left.get(line.sku) ?? 0),
        h('td', { class: 'num' }, money(line.unitPrice)), h('td', { class: 'num' }, money(line.lineTotal))))))));
}

function shipmentsSection(order) {
  const shipments = order.shipments ?? [];
  if (shipments.length === 0) return null;
  return h('section', { class: 'card', 'aria-labelledby': 'shipments-title' },
    h('h2', { id: 'shipments-title' }, `Shipments (${shipments.length})`),
    h('ul', { class: 'shipments' }, shipments.map((s) => {
      const url = s.trackingUrl && safeUrl(s.trackingUrl);
      return h('li', { dataset: { shipmentId: s.shipmentId } },
        h('p', {}, h('strong', {}, s.shipmentId), ` · ${s.carrier} `,
          url ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, s.trackingNumber) : h('code', {}, s.trackingNumber),
          !s.trackingValid && flag('Tracking not recognised', 'warn'),
          s.late && flag('Shipped late', 'late')),
        labelFacts(s.label),
        h('p', { class: 'meta' }, `Shipped ${dateTime(s.shipDate)}`,
          s.deliveredAt ? ` · delivered ${dateTime(s.deliveredAt)}${s.deliveredOnTime === false ? ' (late)' : ''}` : ' · not delivered yet'),
        h('p', { class: 'meta' }, (s.lines ?? []).map((l) => `${l.quantity} × ${l.sku}`).join(', ')));
    })));
}
