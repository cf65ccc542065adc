// The scan station (#/scan): scan an order's packing slip (its Code 128 is the order id) or type its
// number, see what goes in the box, scan each item, and finish with the pack check and the label or
// the tracking number. Made for keyboard-wedge scanners (fast keys ending in Enter): the scan input
// keeps the focus, Enter ends a scan, an empty scan is ignored; Escape starts over.
import { h, loading, toast, setState } from './dom.js';
import { api, path, query, ApiError } from './api.js';
import { field } from './forms.js';
import { remainingBySku, shipForm } from './order-actions.js';
import { labelPanel } from './label-panel.js';
import { beep } from './scan-sounds.js';

const ORDER_ID = /^ord_[0-9a-z]{26}$/i;
const PACKABLE = ['UNSHIPPED', 'PARTIALLY_SHIPPED'];
const CARRIERS = ['UPS', 'USPS', 'FedEx', 'DHL'];
/** Orders looked through for a platform number (#1001, an Amazon id): the oldest open ones, one page each. */
const LOOKUP_PAGE = 100;

export async function renderScan(view) {
  const input = h('input', {
    id: 'scan', name: 'scan', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'off',
    'data-field': 'scan', 'aria-describedby': 'scan-keys',
  });
  const scanForm = h('form', { class: 'scan-form', 'aria-label': 'Scan' },
    field('Scan', input), h('button', { type: 'submit', class: 'primary' }, 'Enter'));
  const prompt = h('p', { class: 'scan-prompt' });
  const feedback = h('div', { class: 'scan-feedback', role: 'status', 'aria-live': 'assertive', dataset: { result: 'none', sounds: '0' } });
  const box = h('div', { class: 'scan-box' });
  const finish = h('div', { class: 'scan-finish' });
  view.append(h('h1', { tabindex: -1 }, 'Scan station'),
    h('p', { class: 'hint', id: 'scan-keys' },
      'Scan or type, then Enter. Escape starts over with the next order. Every scan is checked at once: one beep is right, '
      + 'two low beeps are wrong (not counted).'),
    scanForm, prompt, feedback, box, finish);

  /** The station's state: the order in the box, its lines, and what was scanned (as the pack check wants it). */
  let order = null;
  let lines = [];
  let scans = [];
  let stage = 'order'; // order -> items -> checked (tracking or label) -> back to order

  const stop = new AbortController();
  const alive = () => {
    if (view.isConnected) return true;
    stop.abort(); // the view was left: its listeners go with it
    return false;
  };

  function focusScan() {
    if (alive() && document.activeElement !== input && !document.querySelector('dialog[open]')) input.focus();
  }

  /** Focus comes back to the scan input unless the packer chose another control (the label or ship forms). */
  input.addEventListener('blur', () => setTimeout(() => {
    const now = document.activeElement;
    if (!now || now === document.body || !now.matches('input, select, textarea, button, a[href], summary')) focusScan();
  }, 0));
  document.addEventListener('keydown', (event) => {
    if (!alive()) return;
    if (event.key === 'Escape' && !document.querySelector('dialog[open]')) {
      event.preventDefault();
      reset('Started over. Scan the next order.');
      return;
    }
    // A scanner typing while the focus is elsewhere (after a click on the page) still lands in the scan input.
    const target = event.target;
    const typing = target instanceof Element && target.matches('input, select, textarea');
    if (!typing && event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) input.focus();
  }, { signal: stop.signal });

  function say(result, title, detail) {
    feedback.dataset.result = result;
    feedback.replaceChildren(h('p', { class: 'scan-title' }, title), detail && h('p', {}, detail));
    if (result === 'right' || result === 'wrong' || result === 'done') {
      beep(result);
      feedback.dataset.sound = result;
      feedback.dataset.sounds = String(Number(feedback.dataset.sounds) + 1);
    }
  }

  function setStage(next) {
    stage = next;
    view.dataset.stage = next;
    prompt.textContent = {
      order: 'Scan the packing slip of the next order (or type its number).',
      items: 'Scan each item as it goes in the box (its barcode, or type its SKU).',
      checked: 'The box is right. Scan the parcel\'s tracking number to ship it, or buy a label below.',
    }[next];
  }

  function reset(message) {
    order = null;
    lines = [];
    scans = [];
    box.replaceChildren();
    finish.replaceChildren();
    setStage('order');
    if (message) say('info', message);
    focusScan();
  }

  // Scans are taken in the order they come: one typed while the order is still loading waits its turn
  // instead of being lost or run together with the next.
  let queue = Promise.resolve();
  scanForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const code = input.value.trim();
    input.value = '';
    if (!code) return; // a stray Enter
    queue = queue.then(() => handle(code));
  });

  async function handle(code) {
    try {
      if (stage === 'order' || (ORDER_ID.test(code) && scans.length === 0)) await openOrder(code);
      else if (ORDER_ID.test(code)) {
        // Another slip while this box is open: never taken as an item or, worse, as a tracking number.
        say('wrong', 'Finish this order first', stage === 'checked'
          ? 'Scan its tracking number or buy its label, or press Escape to leave it.' : 'Scan its items, or press Escape to leave it.');
      } else if (stage === 'items') await scanItem(code);
      else await shipWithTracking(code);
    } catch (error) {
      say('wrong', error.title ?? 'That did not work', error.detail ?? String(error.message ?? error));
      if (!(error instanceof ApiError)) console.error(error);
    } finally {
      focusScan();
    }
  }

  async function openOrder(code) {
    say('info', `Looking up ${code}…`);
    const found = ORDER_ID.test(code) ? await byId(code.toLowerCase()) : await byNumber(code);
    if (!found) {
      say('wrong', `No open order ${code}`, 'Scan the barcode on the packing slip, or type the order number as the storefront shows it.');
      return;
    }
    if (!PACKABLE.includes(found.status)) {
      say('wrong', `Order ${number(found)} is ${found.status.toLowerCase().replaceAll('_', ' ')}`, 'There is nothing left to pack in it.');
      return;
    }
    await load(found);
    say('info', `Order ${number(found)}: ${lines.reduce((n, l) => n + l.quantity, 0)} items to pack.`);
  }

  async function byId(id) {
    try {
      return await api('GET', path('v1/orders', id));
    } catch (error) {
      if (error.status === 404) return null;
      throw error;
    }
  }

  /** The storefront's number (#1001, an Amazon order id): looked for among the open orders. */
  async function byNumber(code) {
    const wanted = code.replace(/^#/, '').toLowerCase();
    for (const status of PACKABLE) {
      const page = await api('GET', `v1/orders${query({ status, limit: LOOKUP_PAGE })}`);
      const hit = page.orders.find((o) => [o.externalOrderId, o.displayNumber]
        .some((n) => n && String(n).replace(/^#/, '').toLowerCase() === wanted));
      if (hit) return byId(hit.orderId);
    }
    return null;
  }

  /** The box: what is left to ship, with each SKU's bin and barcode from the inventory (none: the SKU is scanned). */
  async function load(found) {
    order = found;
    scans = [];
    finish.replaceChildren();
    box.replaceChildren(loading('Reading the bins and barcodes…'));
    const left = remainingBySku(found);
    const titles = new Map((found.lines ?? []).map((l) => [l.sku, l.title]));
    const skus = [...left].filter(([, q]) => q > 0);
    const stock = await Promise.all(skus.map(([sku]) => api('GET', path('v1/inventory', sku)).catch(() => null)));
    lines = skus.map(([sku, quantity], i) => ({
      sku, quantity, title: titles.get(sku) ?? '', bin: stock[i]?.binLocation ?? null,
      barcode: stock[i]?.barcode ?? null, scanned: 0, row: null,
    }));
    box.replaceChildren(boxTable());
    setStage('items');
  }

  function boxTable() {
    return h('section', { class: 'card', 'aria-labelledby': 'box-title' },
      h('h2', { id: 'box-title' }, `Order ${number(order)}`, order.buyerName || order.buyer?.name ? ` · ${order.buyerName ?? order.buyer?.name}` : ''),
      h('div', { class: 'table-wrap' }, h('table', { class: 'scan-lines' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'SKU'), h('th', { scope: 'col' }, 'Item'),
          h('th', { scope: 'col' }, 'Bin'), h('th', { scope: 'col' }, 'Barcode'), h('th', { scope: 'col', class: 'num' }, 'Scanned'))),
        h('tbody', {}, lines.map((line) => {
          line.row = h('tr', { dataset: { sku: line.sku } },
            h('td', {}, h('code', {}, line.sku)), h('td', {}, line.title), h('td', {}, line.bin ?? '—'),
            h('td', {}, line.barcode ? h('code', {}, line.barcode) : '—'),
            h('td', { class: 'num scan-count' }));
          paint(line);
          return line.row;
        })))));
  }

  function paint(line) {
    line.row.querySelector('.scan-count').textContent = `${line.scanned} / ${line.quantity}`;
    line.row.dataset.scanned = String(line.scanned);
    line.row.classList.toggle('complete', line.scanned === line.quantity);
  }

  function flash(line, result) {
    line.row.classList.remove('flash-right', 'flash-wrong');
    void line.row.offsetWidth; // restarts the animation for a second scan of the same line
    line.row.classList.add(`flash-${result}`);
  }

  function scanItem(code) {
    const line = lines.find((l) => l.barcode === code) ?? lines.find((l) => l.sku.toLowerCase() === code.toLowerCase());
    if (!line) {
      say('wrong', `Wrong item: ${code}`, `It is not in order ${number(order)}. Take it out of the box.`);
      return;
    }
    if (line.scanned >= line.quantity) {
      flash(line, 'wrong');
      say('wrong', `Too many ${line.sku}`, `The order has ${line.quantity}; this one is extra. Take it out of the box.`);
      return;
    }
    line.scanned += 1;
    // As the pack check reads it: the barcode, or the SKU exactly as the order has it.
    scans.push(line.barcode === code ? code : line.sku);
    paint(line);
    flash(line, 'right');
    if (lines.every((l) => l.scanned === l.quantity)) return packCheck();
    say('right', `${line.sku}: ${line.scanned} of ${line.quantity}`, line.scanned === line.quantity ? 'This line is complete.' : null);
  }

  /** Every line is complete here; the server checks it too and records the pass on the order. */
  async function packCheck() {
    say('info', 'Box complete. Checking…');
    let answer;
    try {
      answer = await api('POST', path('v1/orders', order.orderId, 'pack-checks'), { scans });
    } catch (error) {
      say('wrong', error.title ?? 'The pack check did not run', error.detail);
      return;
    }
    if (!answer.passed) {
      const missing = answer.missing.map((m) => `${m.sku} ${m.scanned}/${m.expected}`).join(', ');
      say('wrong', 'The pack check did not pass', missing ? `Missing: ${missing}. Escape, then scan the order again.` : 'Escape, then scan the order again.');
      return;
    }
    order = answer.order ?? order;
    setStage('checked');
    say('done', 'Pack check passed', 'Scan the tracking number, or buy and print a label below.');
    showFinish();
  }

  const carrier = h('select', { 'data-field': 'carrier', id: 'scan-carrier' }, CARRIERS.map((c) => h('option', { value: c }, c)));

  function showFinish() {
    const refresh = async (message) => {
      const now = await byId(order.orderId);
      if (now && !PACKABLE.includes(now.status)) {
        reset();
        say('done', message ?? 'Shipped.', 'Scan the next order.');
        return;
      }
      if (now) order = now;
      finish.replaceChildren(finishPanels(refresh));
      focusScan();
    };
    finish.replaceChildren(finishPanels(refresh));
  }

  function finishPanels(refresh) {
    return h('div', {},
      h('section', { class: 'card scan-tracking' }, h('h2', {}, 'Ship with a tracking number'),
        field('Carrier of the scanned tracking number', carrier, 'Scan the tracking barcode into the scan field above.')),
      labelPanel(order, refresh),
      h('details', { class: 'card' }, h('summary', {}, 'Type the shipment instead'), shipForm(order, refresh)));
  }

  async function shipWithTracking(code) {
    const answer = await api('POST', path('v1/orders', order.orderId, 'shipments'), {
      carrier: carrier.value, trackingNumber: code, shipDate: new Date().toISOString(),
    });
    const shipped = number(order);
    reset();
    say('done', `Order ${shipped} shipped`, `${answer.shipment?.carrier ?? carrier.value} ${answer.shipment?.trackingNumber ?? code}. Scan the next order.`);
    toast(`Order ${shipped} shipped.`);
  }

  reset();
  setState(view, 'ready');
  // main.js focuses the heading after rendering; the scanner needs the input.
  setTimeout(focusScan, 0);
}

function number(order) {
  return order.displayNumber ?? order.externalOrderId ?? order.orderId;
}
