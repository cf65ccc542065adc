// An order's conversation with its buyer, and the reply box (the reply is emailed to the buyer).
import { h, loading, failed, toast } from './dom.js';
import { api, path } from './api.js';
import { field, onSubmit } from './forms.js';
import { dateTime, minutes } from './format.js';

/** A section that loads the thread itself; onReplied(answer) runs after a reply was stored. */
export function conversation(orderId, { title = 'Conversation', onReplied } = {}) {
  const thread = h('ol', { class: 'thread', 'aria-live': 'polite' });
  const status = h('div', {}, loading('Loading messages…'));
  const section = h('section', { class: 'card conversation', 'aria-label': title },
    h('h2', {}, title), status, thread, replyForm(orderId, async (answer) => {
      thread.append(message(answer));
      window.dispatchEvent(new CustomEvent('orderflow:replied'));
      onReplied?.(answer);
    }));
  api('GET', path('v1/orders', orderId, 'messages')).then((data) => {
    status.replaceChildren(data.messages.length ? '' : h('p', { class: 'hint' }, 'No messages about this order yet.'));
    thread.append(...data.messages.map(message));
  }, (error) => status.replaceChildren(failed(error)));
  return section;
}

function message(m) {
  return h('li', { class: `message from-${m.from}` },
    h('p', { class: 'meta' }, m.from === 'seller' ? 'You' : 'Buyer', ' · ', h('time', { datetime: m.at }, dateTime(m.at))),
    h('p', { class: 'body' }, m.body));
}

function replyForm(orderId, onSent) {
  const body = h('textarea', { rows: 4, required: true, maxlength: 5000, 'data-field': 'body' });
  const form = h('form', { class: 'reply-form' },
    field('Your reply', body, 'Emailed to the buyer from your store\'s address; their answer comes back to your mailbox.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Send reply')));
  onSubmit(form, async () => {
    const answer = await api('POST', path('v1/orders', orderId, 'messages'), { body: body.value });
    body.value = '';
    toast(answer.responseSeconds !== undefined
      ? `Reply sent, ${minutes(answer.responseSeconds / 60)} after the buyer wrote.` : 'Reply sent.');
    await onSent(answer);
  });
  return form;
}
