// Small labels used across views.
import { h } from './dom.js';
import { statusLabel, RMA_STATUS_LABELS, REFUND_STATUS_LABELS } from './format.js';

const cssName = (status) => String(status).toLowerCase().replaceAll('_', '-');

/** An order's status. */
export function statusBadge(status) {
  return h('span', { class: `badge status-${cssName(status)}`, dataset: { status } }, statusLabel(status));
}

/** A return's status: waiting to arrive, received, canceled. */
export function rmaBadge(status) {
  return h('span', { class: `badge status-${cssName(status)}`, dataset: { status } }, RMA_STATUS_LABELS[status] ?? status);
}

/** Where a refund's notice to the storefront stands (the storefront pays the buyer). */
export function refundBadge(status) {
  return h('span', { class: `badge refund-${cssName(status)}`, dataset: { status } }, REFUND_STATUS_LABELS[status] ?? status);
}

export function flag(text, kind) {
  return h('span', { class: `badge flag-${kind}` }, text);
}
