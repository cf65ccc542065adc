// Panels of the order page that load on their own: history, returns and refunds.
import { h, loading, failed, unavailable } from './dom.js';
import { api, path, query } from './api.js';
import { money, dateTime, statusLabel } from './format.js';
import { statusBadge } from './badges.js';
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

/** Returns (RMAs) and refunds of the order, once something has shipped. */
export function returnsPanel(order) {
  if (!AFTER_SHIPMENT.includes(order.status)) return null;
  const returns = h('div', {}, loading('Loading returns…'));
  const refunds = h('div', {}, loading('Loading refunds…'));
  api('GET', path('v1/orders', order.orderId, 'returns')).then(
    (page) => returns.replaceChildren(page.items.length
      ? h('ul', { class: 'cards' }, page.items.map((rma) => h('li', {}, returnCard(rma, { showOrder: false }))))
      : h('p', { class: 'hint' }, 'No returns.')),
    (error) => returns.replaceChildren(error.routeMissing ? unavailable('Returns are') : failed(error)));
  api('GET', path('v1/orders', order.orderId, 'refunds')).then(
    (page) => refunds.replaceChildren(page.items.length
      ? h('ul', { class: 'plain' }, page.items.map((r) => h('li', {}, `${money(r.amount)} · ${dateTime(r.createdAt)} · `,
        statusBadge(r.status), r.reason ? ` · ${r.reason}` : '')))
      : h('p', { class: 'hint' }, 'No refunds.')),
    (error) => refunds.replaceChildren(error.routeMissing ? unavailable('Refunds are') : failed(error)));
  return h('section', { class: 'card', 'aria-labelledby': 'returns-title' },
    h('h2', { id: 'returns-title' }, 'Returns and refunds'),
    h('h3', {}, 'Returns'), returns,
    h('h3', {}, 'Refunds'), refunds);
}
