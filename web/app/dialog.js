// A modal form for actions that need a second look (cancel, refund, return): nothing is sent until its
// own button is pressed; Escape or "Keep" closes it without a request.
import { h } from './dom.js';
import { onSubmit } from './forms.js';

/** Resolves with what `send` returned, or null when the dialog was closed without sending. */
export function formDialog({ title, intro, body, submitLabel, keepLabel = 'Close', danger = false, wide = false, send }) {
  return new Promise((resolve) => {
    let result = null;
    const titleId = `dialog-title-${Date.now()}`;
    const submit = h('button', { type: 'submit', class: danger ? 'danger' : 'primary' }, submitLabel);
    const form = h('form', { class: 'dialog-form' },
      h('h2', { id: titleId }, title),
      intro && h('p', { class: 'intro' }, intro),
      body,
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', onclick: () => { if (!form.dataset.busy) dialog.close(); } }, keepLabel),
        submit));
    const dialog = h('dialog', { 'aria-labelledby': titleId, class: wide ? 'wide' : undefined }, form);
    onSubmit(form, async () => {
      result = await send(form, submit);
      dialog.close();
    });
    // Not while a request is in flight: its answer must reach the page.
    dialog.addEventListener('cancel', (event) => { if (form.dataset.busy) event.preventDefault(); });
    dialog.addEventListener('close', () => { dialog.remove(); resolve(result); });
    document.body.append(dialog);
    dialog.showModal();
  });
}
