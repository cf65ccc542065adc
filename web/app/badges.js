// Small labels used across views.
import { h } from './dom.js';
import { statusLabel } from './format.js';

export function statusBadge(status) {
  return h('span', { class: `badge status-${String(status).toLowerCase().replaceAll('_', '-')}`, dataset: { status } },
    statusLabel(status));
}

export function flag(text, kind) {
  return h('span', { class: `badge flag-${kind}` }, text);
}
