// Forms that send once and show the API's problem+json errors next to the fields they name.
import { h } from './dom.js';
import { ApiError } from './api.js';

let nextId = 0;

/**
 * Runs `handler` on submit, at most one at a time: the submit buttons are disabled before the
 * request leaves, so a double click or a second Enter sends nothing more.
 */
export function onSubmit(form, handler) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (form.dataset.busy) return;
    form.dataset.busy = 'true';
    form.setAttribute('aria-busy', 'true');
    const buttons = [...form.querySelectorAll('button')].filter((b) => b.type === 'submit' && !b.disabled);
    buttons.forEach((b) => { b.disabled = true; b.classList.add('busy'); });
    clearErrors(form);
    try {
      await handler(event.submitter);
    } catch (error) {
      showErrors(form, error instanceof ApiError ? error : unexpected(error));
    } finally {
      delete form.dataset.busy;
      form.removeAttribute('aria-busy');
      buttons.forEach((b) => { b.disabled = false; b.classList.remove('busy'); });
    }
  });
}

/** The same guard for a lone button (Acknowledge): one request while one is in flight. */
export function onClickOnce(button, handler, onError) {
  button.addEventListener('click', async () => {
    if (button.disabled) return;
    button.disabled = true;
    button.classList.add('busy');
    try {
      await handler();
    } catch (error) {
      onError(error instanceof ApiError ? error : unexpected(error));
    } finally {
      button.disabled = false;
      button.classList.remove('busy');
    }
  });
}

function unexpected(error) {
  console.error(error);
  return new ApiError(0, { title: 'Something went wrong in the page', detail: String(error?.message ?? error) });
}

/** A labelled input with room for its hint and error: field('Carrier', input, 'UPS, USPS, ...'). */
export function field(label, input, hint) {
  input.id ||= `f${++nextId}`;
  const wrapper = h('div', { class: 'field' }, h('label', { for: input.id }, label), input);
  if (hint) {
    const hintEl = h('p', { class: 'hint', id: `${input.id}-hint` }, hint);
    input.setAttribute('aria-describedby', hintEl.id);
    wrapper.append(hintEl);
  }
  return wrapper;
}

export function clearErrors(form) {
  form.querySelectorAll('.field-error, .form-error').forEach((e) => e.remove());
  form.querySelectorAll('[aria-invalid]').forEach((input) => {
    input.removeAttribute('aria-invalid');
    const original = input.dataset.describedby;
    if (original) input.setAttribute('aria-describedby', original);
    else input.removeAttribute('aria-describedby');
    delete input.dataset.describedby;
  });
}

/**
 * Each field error goes under the input whose data-field names it (or the nearest parent path:
 * lines[0].sku falls back to lines[0], then lines), with the rule of a 422 that refused it; the
 * rest, and the problem's title (and its detail and rule when no field shows them), go in a
 * summary at the top of the form.
 */
export function showErrors(form, error) {
  clearErrors(form);
  const leftOver = [];
  const placed = [];
  let first = null;
  for (const { field: name, message } of error.fieldErrors ?? []) {
    const input = findField(form, name);
    if (!input) {
      leftOver.push({ name, message });
      continue;
    }
    markInvalid(input, message, error.rule);
    placed.push(message);
    first ??= input;
  }
  // A refusal under a business rule (422) explains itself in its title and detail: show them too,
  // unless the detail is already the message next to a field.
  if (!first || leftOver.length || error.rule) {
    const said = [...placed, ...leftOver.map((e) => e.message)];
    const summary = h('div', { class: 'form-error', role: 'alert', tabindex: -1 },
      h('p', { class: 'state-title' }, error.routeMissing ? 'Not available on this deployment yet.' : error.title),
      !error.routeMissing && error.detail && !said.includes(error.detail) && h('p', {}, error.detail),
      error.rule && !first && ruleNote(error.rule),
      leftOver.length > 0 && h('ul', {}, leftOver.map((e) => h('li', {}, e.message === error.detail ? e.message : `${e.name}: ${e.message}`))));
    form.prepend(summary);
    if (!first) summary.focus();
  }
  if (first) first.focus();
}

function ruleNote(rule) {
  return h('span', { class: 'rule' }, 'Rule: ', h('code', {}, rule));
}

function findField(form, name) {
  for (let candidate = name; candidate; candidate = parent(candidate)) {
    const found = form.querySelector(`[data-field="${CSS.escape(candidate)}"]`);
    if (found) return found;
  }
  return null;
}

function parent(name) {
  const cut = Math.max(name.lastIndexOf('.'), name.lastIndexOf('['));
  return cut > 0 ? name.slice(0, cut) : '';
}

function markInvalid(input, message, rule) {
  const error = h('p', { class: 'field-error', id: `err${++nextId}` }, message, rule && [' ', ruleNote(rule)]);
  input.setAttribute('aria-invalid', 'true');
  const described = input.getAttribute('aria-describedby');
  if (described) input.dataset.describedby = described;
  input.setAttribute('aria-describedby', [described, error.id].filter(Boolean).join(' '));
  const holder = input.closest('.field, .cell-field, .inline-form') ?? input.parentElement;
  holder.append(error);
}
