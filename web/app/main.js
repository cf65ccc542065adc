// The dashboard's shell: hash routes (#/orders, #/orders/{id}, ...), the navigation, sign-in state.
import { h, failed, setState } from './dom.js';
import { api, session } from './api.js';
import { renderLogin } from './view-login.js';
import { renderOrders } from './view-orders.js';
import { renderOrder } from './view-order.js';
import { renderPickList } from './view-picklist.js';
import { renderInventory } from './view-inventory.js';
import { renderMessages } from './view-messages.js';
import { renderReturns } from './view-returns.js';
import { renderMetrics } from './view-metrics.js';
import { renderUploads } from './view-uploads.js';
import { renderScan } from './view-scan.js';
import { renderSettings } from './view-settings.js';

const ROUTES = [
  { pattern: /^orders$/, nav: 'orders', title: 'Orders', render: renderOrders },
  { pattern: /^orders\/([^/]+)$/, nav: 'orders', title: 'Order', render: renderOrder },
  { pattern: /^picklist$/, nav: 'picklist', title: 'Pick list', render: renderPickList },
  { pattern: /^inventory$/, nav: 'inventory', title: 'Inventory', render: renderInventory },
  { pattern: /^messages$/, nav: 'messages', title: 'Messages', render: renderMessages },
  { pattern: /^returns$/, nav: 'returns', title: 'Returns', render: renderReturns },
  { pattern: /^metrics$/, nav: 'metrics', title: 'Performance', render: renderMetrics },
  { pattern: /^uploads$/, nav: 'uploads', title: 'Uploads', render: renderUploads },
  { pattern: /^scan$/, nav: 'scan', title: 'Scan station', render: renderScan },
  { pattern: /^settings$/, nav: 'settings', title: 'Settings', render: renderSettings },
];

let signedOutMessage = null;

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const cut = raw.indexOf('?');
  return {
    route: cut < 0 ? raw : raw.slice(0, cut),
    params: new URLSearchParams(cut < 0 ? '' : raw.slice(cut + 1)),
  };
}

async function render() {
  const main = document.getElementById('main');
  const view = h('div', { class: 'view' });
  main.replaceChildren(view);
  const signedIn = Boolean(session.key());
  showChrome(signedIn);
  if (!signedIn) {
    document.title = 'Sign in · orderflow';
    renderLogin(view, { message: signedOutMessage });
    signedOutMessage = null;
    return;
  }
  const { route, params } = parseHash();
  view.dataset.route = location.hash.replace(/^#\/?/, ''); // which view this is, for tests and styles
  const match = ROUTES.map((r) => ({ r, m: r.pattern.exec(route) })).find((x) => x.m);
  if (!match) {
    location.replace('#/orders');
    return;
  }
  document.title = `${match.r.title} · orderflow`;
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === match.r.nav) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const id = match.m[1] ? decodeURIComponent(match.m[1]) : undefined;
  const rendering = match.r.render(view, { params, id, rerender: render });
  // Keyboard and screen-reader users land on the new view's heading, not on the old link.
  view.querySelector('h1')?.focus();
  try {
    await rendering;
  } catch (error) {
    setState(view, 'error');
    view.append(failed(error, render));
  }
  refreshWaitingCount();
}

function showChrome(signedIn) {
  document.getElementById('nav').hidden = !signedIn;
  document.getElementById('sign-out').hidden = !signedIn;
}

/** The Messages link shows how many buyers wait for a reply. */
async function refreshWaitingCount() {
  const badge = document.getElementById('waiting-count');
  try {
    const { threads } = await api('GET', 'v1/messages?awaitingReply=true&limit=100');
    badge.textContent = threads.length >= 100 ? '99+' : String(threads.length);
    badge.hidden = threads.length === 0;
    badge.setAttribute('aria-label', `${threads.length} waiting`);
  } catch {
    badge.hidden = true;
  }
}

/** Nothing of the seller's data stays in the page once signed out (slips left for printing, toasts). */
function forgetPage() {
  document.getElementById('print-area').replaceChildren();
  document.getElementById('toast').replaceChildren();
  document.querySelectorAll('dialog').forEach((d) => d.remove());
}

document.getElementById('sign-out').addEventListener('click', () => {
  session.signOut();
  forgetPage();
  render(); // the sign-in view; signing in again returns to the same address
});

window.addEventListener('orderflow:signed-out', () => {
  signedOutMessage = 'Your API key was not accepted (it may have been revoked). Paste a current key.';
  forgetPage();
  render();
});

window.addEventListener('orderflow:replied', refreshWaitingCount);
window.addEventListener('hashchange', render);
render();
