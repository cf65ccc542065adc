// Panels of the order page that load on their own: history, returns and refunds.
import { h, loading, failed, unavailable } from './dom.js';
import { api, path, query } from './api.js';
import { money, dateTime, statusLabel, isZero } from './format.js';
import { refundBadge } from './badges.js';
import { returnCard } from './returns.js';

const AFTER_SHIPMENT = ['PARTIALLY_SHIPPED', 'SHIPPED', 'DELIVERED', 'PARTIALLY_REFUNDED', 'REFUNDED'];

export function historyPanel(order) {
  const rows = h('tbody');
  const more = h('div', { class: 'actions' });
  const section = h('section', { class: 'card history', 'aria-labelledby': 'history-title' },
    h('h2', { id: 'history-title' }, 'History'),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'When'), h('th', { scope: 'col' }, 'What'),
        h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col', class: 'hide-narrow' }, 'Who'), h('th', { scope: 'col' }, 'Why'))),
      rows)),
    more);
  async function load(cursor) {
    more.replaceChildren(loading('Loading the history…'));
    try {
      const page = await api('GET', path('v1/orders', order.orderId, 'history') + query({ cursor }));
      rows.append(...page.entries.map((e) => h('tr', { dataset: { action: e.action } },
        h('td', {}, dateTime(e.at)), h('td', {}, e.action),
        h('td', {}, e.from ? `${statusLabel(e.from)} → ` : '', statusLabel(e.to)),
        h('td', { class: 'hide-narrow' }, h('code', {}, e.actor)), h('td', {}, e.reason ?? ''))));
      more.replaceChildren(page.nextCursor
        ? h('button', { type: 'button', class: 'secondary', onclick: () => load(page.nextCursor) }, 'Show more')
        : '');
    } catch (error) {
      more.replaceChildren(failed(error, () => load(cursor)));
    }
  }
  load();
  return section;
}

/**
 * Returns (RMAs) and refunds of the order, once something has shipped. A return waiting to arrive
 * is received here too; the order is then read again (its refunded total and status change).
 */
export function returnsPanel(order, refresh) {
  if (!AFTER_SHIPMENT.includes(order.status)) return null;
  const returns = h('div', { class: 'order-returns' }, loading('Loading returns…'));
  const refunds = h('div', { class: 'order-refunds' }, loading('Loading refunds…'));
  const onReceived = (answer) => refresh(answer.refund
    ? `${answer.rma?.rmaNumber ?? 'Return'} received; refund of ${money(answer.refund.amount)} recorded.`
    : `${answer.rma?.rmaNumber ?? 'Return'} received; no refund was due.`);
  api('GET', path('v1/orders', order.orderId, 'returns')).then(
    (page) => returns.replaceChildren(page.items.length
      ? h('ul', { class: 'cards' }, page.items.map((rma) => h('li', {}, returnCard(rma, { showOrder: false, onReceived }))))
      : h('p', { class: 'hint' }, order.allowedActions?.includes('return')
        ? 'No returns. Request one with Request return… when the buyer wants to send something back.' : 'No returns.')),
    (error) => returns.replaceChildren(error.routeMissing ? unavailable('Returns are') : failed(error)));
  api('GET', path('v1/orders', order.orderId, 'refunds')).then(
    (page) => refunds.replaceChildren(page.items.length
      ? h('ul', { class: 'plain refund-list' }, page.items.map(refundItem))
      : h('p', { class: 'hint' }, 'No refunds.')),
    (error) => refunds.replaceChildren(error.routeMissing ? unavailable('Refunds are') : failed(error)));
  return h('section', { class: 'card', 'aria-labelledby': 'returns-title' },
    h('h2', { id: 'returns-title' }, 'Returns and refunds'),
    h('h3', {}, 'Returns'), returns,
    h('h3', {}, 'Refunds'), refunds);
}

const BREAKDOWN = [['items', 'items', ''], ['discount', 'discount', '− '], ['tax', 'tax', '+ '],
  ['restockingFees', 'restocking fee', '− '], ['returnShipping', 'return shipping', '− ']];

function refundItem(r) {
  const parts = BREAKDOWN.filter(([key], i) => i === 0 || !isZero(r.breakdown?.[key]))
    .map(([key, label, sign]) => `${sign}${money(r.breakdown?.[key])} ${label}`);
  return h('li', { dataset: { refundId: r.refundId, kind: r.kind } },
    h('p', {}, h('strong', {}, money(r.amount)), ` · ${r.kind === 'return' ? 'return' : 'goodwill'} · ${dateTime(r.createdAt)} `,
      refundBadge(r.status)),
    h('p', { class: 'meta' }, r.reason ?? '',
      r.breakdown && ` (${parts.join(' ')}${r.breakdown.capped ? ', capped at what was left of the payment' : ''})`,
      r.status === 'PENDING' && r.lastDeliveryError && ` · storefront not reached yet: ${r.lastDeliveryError}`,
      r.status === 'NO_ENDPOINT' && ' · the storefront has no refund address: pay it on the platform'));
}
