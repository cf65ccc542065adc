// Files in, results out: a shipping confirmation or stock count file goes to its presigned S3 link
// (POST /v1/uploads), is queued (POST .../process), its progress polled (GET /v1/uploads/{id}), and
// the result file read back to list the rejected rows and offer it as a download.
import { h, loading, empty, failed, unavailable, setState } from './dom.js';
import { api, ApiError } from './api.js';
import { onSubmit, field, showErrors } from './forms.js';
import { dateTime } from './format.js';

const KINDS = [['shipping-confirmations', 'Shipping confirmations'], ['stock-counts', 'Stock counts']];
const KIND_HINTS = {
  'shipping-confirmations': 'Seller Central\'s shipping confirmation file (tab- or comma-separated): order-id, '
    + 'order-item-id or sku, quantity, ship-date, carrier-code, carrier-name, tracking-number, ship-method.',
  'stock-counts': 'Columns sku and quantity (or on-hand); optional bin and low-stock-threshold.',
};
const STATUS_TEXT = { WAITING_FOR_FILE: 'Waiting for the file', QUEUED: 'Queued', PROCESSING: 'Processing',
  DONE: 'Done', FAILED: 'Failed' };
const POLL_MS = 1000;

export async function renderUploads(view) {
  const current = h('section', { class: 'upload-current', 'aria-live': 'polite' });
  const recent = h('section', { class: 'upload-recent' });
  view.append(h('h1', { tabindex: -1 }, 'Uploads'), uploadForm(view, current, recent), current, recent);
  await listRecent(view, recent);
}

function uploadForm(view, current, recent) {
  const kind = h('select', { name: 'kind', dataset: { field: 'kind' } },
    KINDS.map(([value, label]) => h('option', { value }, label)));
  const file = h('input', { type: 'file', name: 'file', required: true, accept: '.csv,.txt,.tsv,text/csv,text/plain',
    dataset: { field: 'fileName' } });
  const hint = h('p', { class: 'hint' }, KIND_HINTS[kind.value]);
  kind.addEventListener('change', () => { hint.textContent = KIND_HINTS[kind.value]; });
  const form = h('form', { class: 'card upload-form', novalidate: true },
    field('What the file holds', kind), hint, field('File', file),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Upload and process')));
  onSubmit(form, async () => {
    const chosen = file.files[0];
    if (!chosen) {
      throw new ApiError(400, { title: 'Choose a file first.', errors: [{ field: 'fileName', message: 'Choose a file.' }] });
    }
    const upload = await api('POST', 'v1/uploads', { kind: kind.value, fileName: chosen.name, sizeBytes: chosen.size });
    await putFile(upload.uploadUrl, chosen);
    const queued = await api('POST', `v1/uploads/${encodeURIComponent(upload.uploadId)}/process`);
    form.reset();
    hint.textContent = KIND_HINTS[kind.value];
    await follow(queued, current);
    await listRecent(view, recent);
  });
  return form;
}

/** The file straight to S3 by its presigned link: the API never carries it. */
async function putFile(url, file) {
  let response;
  try {
    response = await fetch(url, { method: 'PUT', body: file, credentials: 'omit', referrerPolicy: 'no-referrer' });
  } catch {
    throw new ApiError(0, { title: 'The file could not be sent', detail: 'The storage link could not be reached. Check the connection and try again.' });
  }
  if (!response.ok) {
    throw new ApiError(response.status, { title: 'The file was not accepted by the storage link',
      detail: `It answered ${response.status}. Start the upload again (links last 15 minutes).` });
  }
}

/** Polls the upload until it is done or failed, showing progress, then its result. */
async function follow(upload, box) {
  let u = upload;
  const bar = h('progress', { max: 1, value: 0, 'aria-label': 'Rows processed' });
  const text = h('p', { class: 'upload-progress-text' });
  const card = h('div', { class: 'card upload-status', dataset: { uploadId: u.uploadId } },
    h('h2', {}, u.fileName), bar, text);
  box.replaceChildren(card);
  while (!['DONE', 'FAILED'].includes(u.status)) {
    showProgress(u, bar, text);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    u = await api('GET', `v1/uploads/${encodeURIComponent(u.uploadId)}`);
  }
  showProgress(u, bar, text);
  card.dataset.status = u.status;
  if (u.status === 'FAILED') {
    card.append(h('div', { class: 'state error', role: 'alert' }, h('p', { class: 'state-title' }, 'The file was not processed'),
      h('p', { class: 'upload-failure' }, u.failure ?? '')));
    return;
  }
  card.append(await resultPanel(u));
}

function showProgress(u, bar, text) {
  bar.max = Math.max(1, u.rowsTotal);
  bar.value = u.status === 'DONE' ? bar.max : u.rowsDone;
  text.textContent = `${STATUS_TEXT[u.status] ?? u.status}: ${u.rowsDone} of ${u.rowsTotal || '?'} rows · `
    + `${u.accepted} accepted, ${u.rejected} rejected, ${u.unchanged} unchanged`;
}

/** The result file read once: its rejected rows listed, the file offered as a download from memory. */
async function resultPanel(u) {
  let csv;
  try {
    const response = await fetch(u.resultUrl, { credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store' });
    if (!response.ok) throw new Error(String(response.status));
    csv = await response.text();
  } catch {
    return h('p', { class: 'hint' }, 'The result file could not be read; open this upload again for a fresh link.');
  }
  const rows = csv.split(/\r?\n/).slice(1).filter(Boolean).map(parseCsvLine);
  const rejected = rows.filter((r) => r[1] === 'rejected');
  const link = h('a', { class: 'button secondary', download: u.fileName.replace(/\.[^.]*$/, '') + '-result.csv',
    href: URL.createObjectURL(new Blob([csv], { type: 'text/csv' })) }, 'Download the result file');
  return h('div', { class: 'upload-result' },
    h('div', { class: 'actions' }, link),
    rejected.length === 0 ? h('p', {}, 'No row was rejected.') : h('div', { class: 'table-wrap' },
      h('table', { class: 'rejected-rows' },
        h('caption', {}, `Rejected rows (${rejected.length})`),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'num' }, 'Line'), h('th', { scope: 'col' }, 'Reason'))),
        h('tbody', {}, rejected.map((r) => h('tr', { dataset: { line: r[0] } },
          h('td', { class: 'num' }, r[0]), h('td', {}, r[2])))))));
}

/** One line of our result CSV (RFC 4180 quotes; no line breaks inside cells). */
function parseCsvLine(line) {
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') { cell += '"'; i++; }
    else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) { cells.push(cell); cell = ''; }
    else cell += c;
  }
  cells.push(cell);
  return cells;
}

async function listRecent(view, box) {
  setState(view, 'loading');
  box.replaceChildren(loading('Loading recent uploads…'));
  let page;
  try {
    page = await api('GET', 'v1/uploads');
  } catch (error) {
    setState(view, error.routeMissing ? 'unavailable' : 'error');
    box.replaceChildren(error.routeMissing ? unavailable('Uploads are') : failed(error, () => listRecent(view, box)));
    return;
  }
  setState(view, 'ready');
  if (page.uploads.length === 0) {
    box.replaceChildren(empty('No uploads yet.', 'Choose a file above; each row gets a line in the result file.'));
    return;
  }
  box.replaceChildren(h('h2', {}, 'Recent uploads'), h('div', { class: 'table-wrap' }, h('table', { class: 'uploads' },
    h('thead', {}, h('tr', {}, ['File', 'Kind', 'Status', 'Rows', 'Accepted', 'Rejected', 'Unchanged', 'Uploaded']
      .map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, page.uploads.map((u) => h('tr', { dataset: { uploadId: u.uploadId, status: u.status } },
      h('td', {}, u.fileName), h('td', {}, KINDS.find(([k]) => k === u.kind)?.[1] ?? u.kind),
      h('td', {}, STATUS_TEXT[u.status] ?? u.status, u.failure ? h('span', { class: 'hint' }, ` — ${u.failure}`) : ''),
      h('td', { class: 'num' }, `${u.rowsDone} / ${u.rowsTotal}`), h('td', { class: 'num' }, u.accepted),
      h('td', { class: 'num' }, u.rejected), h('td', { class: 'num' }, u.unchanged), h('td', {}, dateTime(u.createdAt))))))));
}
