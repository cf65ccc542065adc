// Sign in: the seller pastes an API key; it is checked with one call and kept in sessionStorage
// (this tab only, gone when it closes). The input has no name, so no form submission carries it.
import { h, setState } from './dom.js';
import { api, session, ApiError } from './api.js';
import { field, onSubmit } from './forms.js';

export function renderLogin(view, { message }) {
  const key = h('input', {
    type: 'password', autocomplete: 'off', spellcheck: 'false', required: true,
    'data-field': 'apiKey', class: 'wide',
  });
  const form = h('form', { class: 'card login', method: 'post', action: '#' },
    h('h1', { tabindex: -1 }, 'Seller dashboard'),
    message && h('p', { class: 'notice', role: 'alert' }, message),
    h('p', {}, 'Orders, shipping, stock, buyer messages and returns in one place.'),
    field('API key', key, 'The key printed by scripts/run-local ("Demo API key") or by scripts/admin create-api-key. '
      + 'It stays in this browser tab only and is sent to this site\'s API, nowhere else.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Sign in')));
  onSubmit(form, async () => {
    session.signIn(key.value.trim());
    try {
      await api('GET', 'v1/orders?limit=1', undefined, { checkingKey: true });
    } catch (error) {
      session.signOut();
      if (error.auth) {
        throw new ApiError(error.status, { errors: [{ field: 'apiKey', message: 'This key was not accepted. Check that it is complete and not revoked.' }] });
      }
      throw error;
    }
    key.value = '';
    if (!location.hash || location.hash === '#/' || location.hash === '#/login') location.hash = '#/orders';
    else window.dispatchEvent(new HashChangeEvent('hashchange'));
  });
  view.append(form);
  setState(view, 'ready');
  key.focus();
}
