// Printing from the dashboard: the pick list, packing slips as the API renders them, and PDFs.
import { h } from './dom.js';
import { apiText, path } from './api.js';

/**
 * Prints only these nodes: they go into #print-area, which the print style sheet shows alone
 * while body has the class "printing".
 */
export function printNodes(nodes) {
  const area = document.getElementById('print-area');
  area.replaceChildren(...nodes);
  document.body.classList.add('printing');
  const done = () => {
    document.body.classList.remove('printing');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}

/**
 * One order's packing slip (GET /v1/orders/{id}/packing-slip) as nodes of this page. The slip
 * is HTML the API escaped; it is parsed inertly and only its elements, text and class names are
 * kept (no scripts, styles or other attributes), then styled by our print style sheet, so the
 * page's Content-Security-Policy stays strict.
 */
export async function packingSlip(orderId) {
  const html = await apiText(path('v1/orders', orderId, 'packing-slip'));
  // Its <style> is dropped before parsing: parsed here it would only be refused by our CSP.
  const doc = new DOMParser().parseFromString(html.replace(/<style[\s\S]*?<\/style>/gi, ''), 'text/html');
  doc.querySelectorAll('script, style, link, meta, base, iframe, object, embed, img, form, .hint').forEach((n) => n.remove());
  for (const el of doc.body.querySelectorAll('*')) {
    for (const attr of [...el.attributes]) {
      if (attr.name !== 'class' && attr.name !== 'colspan') el.removeAttribute(attr.name);
    }
  }
  return h('section', { class: 'slip', dataset: { orderId } },
    [...doc.body.childNodes].map((node) => document.importNode(node, true)));
}

/** How long a PDF opened from the page stays reachable by its link. */
const PDF_LINK_MS = 10 * 60_000;

/**
 * Opens a PDF the API answered in a new tab (it was fetched with the key, so it cannot be a plain
 * link to the API). A link to it goes under `holder` too: a browser may block a tab opened after
 * the click's moment has passed, which a long PDF takes.
 */
export function openPdf(blob, holder) {
  const url = URL.createObjectURL(blob);
  const opened = window.open(url, '_blank');
  holder.querySelector('.pdf-link')?.remove();
  holder.append(h('p', { class: 'pdf-link hint' }, opened ? 'Opened in a new tab. ' : 'The browser kept the tab from opening. ',
    h('a', { href: url, target: '_blank' }, 'Open the PDF')));
  setTimeout(() => URL.revokeObjectURL(url), PDF_LINK_MS);
}
