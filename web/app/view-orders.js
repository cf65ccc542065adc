// Orders by status: filters kept in the address (#/orders?status=UNSHIPPED&late=true), pages by cursor.
// The search box (q, and what to search in) is one more filter: #/orders?q=%231001&status=SHIPPED.
import { h, loading, empty, failed, setState } from './dom.js';
import { api, query } from './api.js';
import { field, onSubmit, showErrors } from './forms.js';
import { money, dateTime, date, dayStart, dayEnd, STATUS_LABELS } from './format.js';
import { statusBadge, flag } from './badges.js';
import { bulkBar } from './bulk-bar.js';

const QUICK = [
  ['All', {}],
  ['Unshipped', { status: 'UNSHIPPED' }],
  ['Late', { late: 'true' }],
  ['Shipped', { status: 'SHIPPED' }],
  ['Delivered', { status: 'DELIVERED' }],
  ['Needs attention', { status: 'ON_HOLD' }],
];
const PAGE_SIZES = [10, 25, 50, 100];
const SEARCH_IN = [
  ['', 'Anything'], ['num', 'Order number'], ['name', 'Buyer name'], ['email', 'Email'], ['sku', 'SKU'],
  ['track', 'Tracking number'],
];

export async function renderOrders(view, { params }) {
  const filters = {
    q: params.get('q') ?? '',
    field: params.get('field') ?? '',
    status: params.get('status') ?? '',
    late: params.get('late') === 'true',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    limit: Number(params.get('limit')) || 25,
  };
  const form = filterForm(filters);
  const results = h('div', { class: 'results' });
  // Ticked orders survive a reload and a page change (up to the bulk limit), so an action's failures stay ticked.
  const selection = new Set();
  const numbers = new Map(); // order id -> the number the seller knows it by, for the bulk results
  const bulk = bulkBar(selection, numbers, ({ reload }) => (reload ? load() : syncTicks()));
  // New orders arrive by webhook at any time: Refresh reads the page again without losing the filters.
  const refresh = h('button', { type: 'button', class: 'secondary small' }, 'Refresh');
  view.append(h('h1', { tabindex: -1 }, 'Orders'), h('div', { class: 'toolbar' }, quickLinks(filters), refresh), form, bulk, results);

  /** The checkboxes (and the page's select-all) shown as the selection now is. */
  function syncTicks() {
    const boxes = [...results.querySelectorAll('input.pick')];
    boxes.forEach((b) => { b.checked = selection.has(b.value); });
    const all = results.querySelector('input.pick-all');
    if (all) {
      const ticked = boxes.filter((b) => b.checked).length;
      all.checked = boxes.length > 0 && ticked === boxes.length;
      all.indeterminate = ticked > 0 && ticked < boxes.length;
    }
    bulk.update();
  }

  function onTick(event) {
    const box = event.target;
    if (box.classList.contains('pick-all')) {
      results.querySelectorAll('input.pick').forEach((b) => (box.checked ? selection.add(b.value) : selection.delete(b.value)));
    } else if (box.classList.contains('pick')) {
      if (box.checked) selection.add(box.value);
      else selection.delete(box.value);
    }
    syncTicks();
  }
  results.addEventListener('change', onTick);

  const pages = [null]; // the cursor of each page seen so far; pages[i] loads page i
  let page = 0;

  async function load() {
    setState(view, 'loading');
    results.replaceChildren(loading('Loading orders…'));
    let data;
    try {
      data = await api('GET', `v1/orders${query({
        q: filters.q, field: filters.q ? filters.field : '', status: filters.status, late: filters.late ? 'true' : '', limit: filters.limit,
        createdFrom: dayStart(filters.from), createdTo: dayEnd(filters.to), cursor: pages[page],
      })}`);
    } catch (error) {
      setState(view, 'error');
      if (error.fieldErrors.length) {
        showErrors(form, renamed(error));
        results.replaceChildren(empty('Check the highlighted filter.'));
        return;
      }
      results.replaceChildren(failed(error, load));
      return;
    }
    pages[page + 1] = data.nextCursor ?? undefined;
    const filtered = filters.status || filters.late || filters.from || filters.to;
    if (data.orders.length === 0 && page === 0 && filters.q) {
      // A search page can be empty yet have more to read (matches that failed the filters): offer Next.
      setState(view, 'empty');
      results.replaceChildren(empty(`No orders match “${filters.q}”${filtered ? ' with these filters' : ''}.`,
        'Order numbers, SKUs, emails and tracking numbers match whole; names match from the start of a word.'),
      data.nextCursor ? pager(data) : '');
      return;
    }
    if (data.orders.length === 0 && page === 0) {
      setState(view, 'empty');
      results.replaceChildren(filtered
        ? empty('No orders match these filters.', 'Clear the filters to see every order.')
        : empty('No orders yet.', 'Orders arrive from your storefronts. Locally, scripts/post-sample-webhook posts a sample order.'));
      return;
    }
    setState(view, 'ready');
    data.orders.forEach((o) => numbers.set(o.orderId, o.displayNumber ?? o.externalOrderId ?? o.orderId));
    results.replaceChildren(table(data.orders), pager(data));
    syncTicks();
  }

  function pager(data) {
    const previous = h('button', { type: 'button', class: 'secondary', disabled: page === 0 }, '← Previous');
    const next = h('button', { type: 'button', class: 'secondary', disabled: !data.nextCursor }, 'Next →');
    previous.addEventListener('click', () => { page -= 1; load(); });
    next.addEventListener('click', () => { page += 1; load(); });
    return h('nav', { class: 'pager', 'aria-label': 'Pages' }, previous,
      h('span', { class: 'page-number' }, `Page ${page + 1}`), next);
  }

  refresh.addEventListener('click', () => load());
  onSubmit(form, async () => {
    const next = {
      q: form.elements.q.value.trim(), field: form.elements.q.value.trim() ? form.elements.field.value : '',
      status: form.elements.status.value, late: form.elements.late.checked ? 'true' : '',
      from: form.elements.from.value, to: form.elements.to.value, limit: form.elements.limit.value,
    };
    const target = `#/orders${query(next)}`;
    if (location.hash !== target) {
      location.hash = target;
      return;
    }
    page = 0; // the same filters again: read the first page anew
    await load();
  });
  await load();
}

/** The API names query parameters; the form's inputs are named after what the seller sees. */
function renamed(error) {
  const names = { createdFrom: 'from', createdTo: 'to' };
  const labels = { createdFrom: '"Placed from"', createdTo: '"Placed to"' };
  error.fieldErrors = error.fieldErrors.map((e) => ({
    field: names[e.field] ?? e.field,
    message: e.message.replace(/createdFrom|createdTo/g, (name) => labels[name]),
  }));
  return error;
}

function quickLinks(filters) {
  return h('nav', { class: 'tabs', 'aria-label': 'Order status' }, QUICK.map(([label, q]) => {
    const active = (q.status ?? '') === filters.status && (q.late === 'true') === filters.late && !filters.from && !filters.to
      && !filters.q;
    return h('a', { href: `#/orders${query(q)}`, 'aria-current': active ? 'true' : false }, label);
  }));
}

function filterForm(filters) {
  const search = h('input', {
    type: 'search', name: 'q', 'data-field': 'q', value: filters.q, maxlength: 200, autocomplete: 'off',
    placeholder: '#1001, a name, email, SKU or tracking number',
  });
  const searchIn = h('select', { name: 'field', 'data-field': 'field' },
    SEARCH_IN.map(([value, label]) => h('option', { value, selected: value === filters.field }, label)));
  const status = h('select', { name: 'status', 'data-field': 'status' },
    h('option', { value: '' }, 'Any status'),
    Object.entries(STATUS_LABELS).map(([value, label]) => h('option', { value, selected: value === filters.status }, label)));
  const late = h('input', { type: 'checkbox', name: 'late', 'data-field': 'late', checked: filters.late });
  const from = h('input', { type: 'date', name: 'from', 'data-field': 'from', value: filters.from });
  const to = h('input', { type: 'date', name: 'to', 'data-field': 'to', value: filters.to });
  const limit = h('select', { name: 'limit', 'data-field': 'limit' },
    [...new Set([...PAGE_SIZES, filters.limit])].sort((a, b) => a - b)
      .map((n) => h('option', { value: n, selected: n === filters.limit }, `${n} a page`)));
  return h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter orders' },
    field('Search', search),
    field('Search in', searchIn),
    field('Status', status),
    field('Placed from', from),
    field('Placed to', to),
    field('Page size', limit),
    h('div', { class: 'field checkbox' }, h('label', {}, late, ' Late only')),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, 'Apply'),
      h('a', { href: '#/orders', class: 'button secondary' }, 'Clear')));
}

function table(orders) {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'orders' },
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col', class: 'pick-cell' }, h('input', { type: 'checkbox', class: 'pick-all', 'aria-label': 'Select every order on this page' })),
      h('th', { scope: 'col' }, 'Order'), h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, 'Placed'),
      h('th', { scope: 'col' }, 'Ship by'), h('th', { scope: 'col', class: 'hide-narrow' }, 'Buyer'),
      h('th', { scope: 'col', class: 'num hide-narrow' }, 'Items'), h('th', { scope: 'col', class: 'num' }, 'Total'))),
    h('tbody', {}, orders.map((o) => h('tr', { dataset: { orderId: o.orderId } },
      h('td', { class: 'pick-cell' }, h('input', {
        type: 'checkbox', class: 'pick', value: o.orderId,
        'aria-label': `Select order ${o.displayNumber ?? o.externalOrderId ?? o.orderId}`,
      })),
      h('td', {}, h('a', { href: `#/orders/${encodeURIComponent(o.orderId)}` }, o.displayNumber ?? o.externalOrderId ?? o.orderId)),
      h('td', {}, statusBadge(o.status), o.late && flag('Late', 'late')),
      h('td', {}, dateTime(o.createdAt)),
      h('td', {}, date(o.shipBy)),
      h('td', { class: 'hide-narrow' }, o.buyerName ?? '—'),
      h('td', { class: 'num hide-narrow' }, o.items ?? '—'),
      h('td', { class: 'num' }, money(o.total)))))));
}
