// Bulk actions on the orders ticked in the list: acknowledge or cancel them in one request
// (POST /v1/orders/bulk-actions, one outcome per order), print their slips and pick list as one PDF,
// or ship them from a file on the uploads page. What failed, and why, stays on screen and ticked.
import { h, toast } from './dom.js';
import { api, apiBlob, query, requestId } from './api.js';
import { field, onClickOnce, showErrors } from './forms.js';
import { formDialog } from './dialog.js';
import { openPdf } from './print.js';
import { CANCEL_REASONS } from './order-actions.js';

/** What the API takes in one request (docs/api.md); the page sizes go up to the same. */
export const MAX_BULK = 100;

const DONE_WORDS = { acknowledge: 'acknowledged', cancel: 'canceled' };

/**
 * The bar above the list. `selection` is a Set of order ids the list keeps; `numbers` maps an id to
 * the number the seller knows the order by; `changed()` is called after an action (the list reloads).
 */
export function bulkBar(selection, numbers, changed) {
  const count = h('span', { class: 'bulk-count', 'aria-live': 'polite' });
  const problems = h('form', { class: 'action-errors' });
  const results = h('div', { class: 'bulk-results' });
  const acknowledge = h('button', { type: 'button', class: 'secondary', id: 'bulk-acknowledge' }, 'Acknowledge');
  const cancel = h('button', { type: 'button', class: 'danger-outline', id: 'bulk-cancel' }, 'Cancel…');
  const print = h('button', { type: 'button', class: 'secondary', id: 'bulk-print' }, 'Print slips + pick list');
  const clear = h('button', { type: 'button', class: 'link', id: 'bulk-clear' }, 'Clear selection');
  const buttons = [acknowledge, cancel, print];

  onClickOnce(acknowledge, async () => {
    const ids = [...selection];
    show(ids, 'acknowledge', await run({ action: 'acknowledge', orderIds: ids }, requestId()));
  }, (error) => showErrors(problems, error));
  cancel.addEventListener('click', () => cancelDialog([...selection]).then((answer) => {
    if (answer) show(answer.ids, 'cancel', answer.result);
  }));
  onClickOnce(print, async () => {
    const ids = [...selection];
    const pdf = await apiBlob(`v1/picklist${query({ orders: ids.join(','), format: 'pdf', include: 'slips,labels' })}`,
      'application/pdf');
    openPdf(pdf, problems);
    toast(`The pick list and slips of ${ids.length} order${ids.length === 1 ? '' : 's'} opened as one PDF.`);
  }, (error) => showErrors(problems, error));
  clear.addEventListener('click', () => { selection.clear(); changed({ reload: false }); });

  /** One answer on screen: counts, then each order that did not go through with the API's reason. */
  function show(ids, action, result) {
    const failed = result.results.filter((r) => r.result === 'failed' || r.result === 'skipped');
    const { done, unchanged } = result.counts;
    results.replaceChildren(h('div', { class: `card bulk-result ${failed.length ? 'has-failures' : 'all-done'}`, role: 'status' },
      h('p', { class: 'state-title' }, `${done} ${DONE_WORDS[action]}`,
        unchanged ? `, ${unchanged} already ${DONE_WORDS[action]}` : '',
        failed.length ? `, ${failed.length} not` : '', '.'),
      failed.length > 0 && h('ul', { class: 'bulk-failures' }, failed.map((r) => h('li', { dataset: { orderId: r.orderId, result: r.result } },
        h('a', { href: `#/orders/${encodeURIComponent(r.orderId)}` }, numbers.get(r.orderId) ?? r.orderId), ': ',
        r.result === 'skipped' ? 'not tried in time; send it again.'
          : [r.problem?.title ?? 'Failed', r.problem?.detail ? ` — ${r.problem.detail}` : '']))),
      failed.length > 0 && h('p', { class: 'hint' }, 'The orders that did not go through stay ticked.')));
    // Only what failed stays selected, ready for another try or a closer look.
    selection.clear();
    failed.forEach((r) => selection.add(r.orderId));
    holder.update(); // the count says so at once, not only after the list has reloaded
    toast(`${done + unchanged} of ${ids.length} ${DONE_WORDS[action]}.`);
    changed({ reload: true });
  }

  const bar = h('div', { class: 'bulk-bar', role: 'region', 'aria-label': 'Bulk actions' },
    count, ...buttons,
    h('a', { href: '#/uploads', class: 'button secondary', id: 'bulk-ship-file' }, 'Ship from a file'),
    clear);
  const holder = h('div', { class: 'bulk' }, bar, problems, results);

  /** Called by the list whenever the selection changes. */
  holder.update = () => {
    const n = selection.size;
    count.textContent = n === 0 ? 'Tick orders to act on several at once.'
      : `${n} selected${n > MAX_BULK ? ` (at most ${MAX_BULK} at a time)` : ''}`;
    buttons.forEach((b) => { b.disabled = n === 0 || n > MAX_BULK; });
    clear.hidden = n === 0;
  };
  holder.update();
  return holder;
}

/** The request itself; one Idempotency-Key per click or dialog, so a resent request is answered, not redone. */
function run(body, key) {
  return api('POST', 'v1/orders/bulk-actions', body, { headers: { 'idempotency-key': key } });
}

async function cancelDialog(ids) {
  const key = requestId();
  const reason = h('select', { required: true, 'data-field': 'reason' },
    h('option', { value: '' }, 'Choose a reason'),
    Object.entries(CANCEL_REASONS).map(([value, label]) => h('option', { value }, label)));
  const note = h('textarea', { maxlength: 500, rows: 3, 'data-field': 'note' });
  const result = await formDialog({
    title: `Cancel ${ids.length} order${ids.length === 1 ? '' : 's'}?`,
    intro: 'Each buyer is emailed and the reserved stock goes back on the shelf. Orders that already shipped are '
      + 'left as they are and listed afterwards. This cannot be undone.',
    body: [field('Reason', reason), field('Note to the buyers (optional)', note, 'Shown in each cancellation email.')],
    submitLabel: `Cancel ${ids.length} order${ids.length === 1 ? '' : 's'}`, keepLabel: 'Keep them', danger: true,
    send: () => run({ action: 'cancel', orderIds: ids, reason: reason.value, note: note.value.trim() || undefined }, key),
  });
  return result && { ids, result };
}
