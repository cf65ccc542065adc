// Returns waiting to arrive, received and canceled (GET /v1/returns), received at the bench.
import { h, loading, empty, failed, unavailable, setState } from './dom.js';
import { api, query } from './api.js';
import { returnCard } from './returns.js';

const FILTERS = [['Waiting to arrive', 'AUTHORIZED'], ['Received', 'RECEIVED'], ['Canceled', 'CANCELED'], ['All', '']];

export async function renderReturns(view, { params }) {
  const status = params.get('status') ?? 'AUTHORIZED';
  const list = h('ul', { class: 'cards' });
  const more = h('div', { class: 'actions' });
  const results = h('div', { class: 'results' });
  view.append(h('h1', { tabindex: -1 }, 'Returns'),
    h('nav', { class: 'tabs', 'aria-label': 'Return status' }, FILTERS.map(([label, value]) =>
      h('a', { href: `#/returns${query({ status: value || 'ALL' })}`, 'aria-current': value === status || (!value && status === 'ALL') ? 'true' : false }, label))),
    results);

  function card(rma) {
    const item = h('li', {}, returnCard(rma, {
      onReceived: (answer) => {
        item.replaceChildren(returnCard(answer.rma ?? { ...rma, status: 'RECEIVED' }));
        item.querySelector('h3').setAttribute('tabindex', -1);
        item.querySelector('h3').focus(); // the form that had focus is gone
      },
    }));
    return item;
  }

  async function load(cursor) {
    if (!cursor) {
      setState(view, 'loading');
      results.replaceChildren(loading('Loading returns…'));
    }
    let page;
    try {
      page = await api('GET', `v1/returns${query({ status: status === 'ALL' ? '' : status, limit: 50, cursor })}`);
    } catch (error) {
      setState(view, error.routeMissing ? 'unavailable' : 'error');
      results.replaceChildren(error.routeMissing ? unavailable('Returns are') : failed(error, () => load()));
      return;
    }
    if (!cursor && page.items.length === 0) {
      setState(view, 'empty');
      results.replaceChildren(empty(status === 'AUTHORIZED' ? 'No returns on their way.' : 'No returns here.',
        'A return is requested from a delivered order\'s page (Request return…), or by the buyer at the storefront, within your return policy.'));
      return;
    }
    if (!cursor) results.replaceChildren(list, more);
    list.append(...page.items.map(card));
    more.replaceChildren(page.nextCursor
      ? h('button', { type: 'button', class: 'secondary', onclick: () => load(page.nextCursor) }, 'Show more') : '');
    setState(view, 'ready');
  }
  await load();
}
