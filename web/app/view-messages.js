// Buyers waiting for an answer, longest wait first, against the 24-hour target.
import { h, loading, empty, failed, setState } from './dom.js';
import { api, query } from './api.js';
import { minutes, dateTime } from './format.js';
import { flag } from './badges.js';
import { conversation } from './conversation.js';

const TARGET_MINUTES = 24 * 60;

export async function renderMessages(view) {
  const results = h('div', { class: 'results' });
  const list = h('ul', { class: 'cards' });
  const more = h('div', { class: 'actions' });
  view.append(h('h1', { tabindex: -1 }, 'Messages awaiting a reply'),
    h('p', { class: 'hint' }, 'Answer within 24 hours, nights and weekends included. The longest wait is first.'),
    results);

  async function load(cursor) {
    if (!cursor) {
      setState(view, 'loading');
      results.replaceChildren(loading('Loading messages…'));
    }
    let page;
    try {
      page = await api('GET', `v1/messages${query({ awaitingReply: 'true', limit: 50, cursor })}`);
    } catch (error) {
      setState(view, 'error');
      results.replaceChildren(failed(error, () => load()));
      return;
    }
    if (!cursor && page.threads.length === 0) {
      setState(view, 'empty');
      results.replaceChildren(empty('No buyer is waiting for an answer.',
        'Messages from storefronts appear here. Locally, scripts/post-sample-webhook --message "..." posts one.'));
      return;
    }
    if (!cursor) results.replaceChildren(list, more);
    list.append(...page.threads.map(threadCard));
    more.replaceChildren(page.nextCursor
      ? h('button', { type: 'button', class: 'secondary', onclick: () => load(page.nextCursor) }, 'Show more') : '');
    setState(view, 'ready');
  }
  await load();
}

function threadCard(t) {
  const open = h('button', { type: 'button', class: 'primary', 'aria-expanded': 'false' }, 'Read and reply');
  const detail = h('div', { class: 'thread-detail' });
  const waited = h('span', { class: 'waited' }, `Waiting ${minutes(t.waitingMinutes)}`);
  const card = h('article', { class: `card thread-card${t.overdue ? ' overdue' : ''}`, dataset: { orderId: t.orderId } },
    h('header', {},
      h('h2', {}, h('a', { href: `#/orders/${encodeURIComponent(t.orderId)}` }, `Order ${t.externalOrderId ?? t.orderId}`),
        ` · ${t.buyerName ?? 'Buyer'}`),
      h('p', { class: 'meta' }, waited, t.overdue && flag('Over 24 h', 'late'),
        ` · since ${dateTime(t.awaitingReplySince)}`)),
    h('meter', { min: 0, max: TARGET_MINUTES, low: TARGET_MINUTES * 0.5, high: TARGET_MINUTES * 0.85, optimum: 0,
      value: Math.min(t.waitingMinutes, TARGET_MINUTES), 'aria-label': 'Share of the 24-hour target used' }),
    h('blockquote', {}, t.lastBuyerMessage ?? ''),
    open, detail);
  open.addEventListener('click', () => {
    const expanded = open.getAttribute('aria-expanded') === 'true';
    open.setAttribute('aria-expanded', String(!expanded));
    open.textContent = expanded ? 'Read and reply' : 'Hide conversation';
    if (expanded) {
      detail.replaceChildren();
      return;
    }
    const section = conversation(t.orderId, {
      onReplied: () => {
        card.classList.add('answered');
        card.classList.remove('overdue');
        waited.textContent = 'Answered';
        section.querySelector('.reply-form')?.remove();
      },
    });
    detail.replaceChildren(section);
    section.querySelector('textarea')?.focus();
  });
  return h('li', {}, card);
}
