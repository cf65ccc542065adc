// Builds DOM nodes without HTML strings: every value from the API lands as text, never as markup.

/** h('a', {href: '#/orders', class: 'x', onclick: fn}, 'text', child, [more]) */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  setProps(el, props);
  append(el, children);
  return el;
}

/** The same for SVG elements (the performance chart). */
export function svg(tag, props, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  setProps(el, props);
  append(el, children);
  return el;
}

function setProps(el, props) {
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') el.textContent = String(value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Only web links leave the dashboard (tracking pages); anything else is dropped. */
export function safeUrl(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Marks what a view shows, for people (aria-busy) and for the browser tests (data-state). */
export function setState(view, state) {
  view.dataset.state = state;
  view.setAttribute('aria-busy', String(state === 'loading'));
}

export function loading(text) {
  return h('p', { class: 'state loading', role: 'status' }, text);
}

export function empty(text, hint) {
  return h('div', { class: 'state empty' }, h('p', { class: 'state-title' }, text), hint && h('p', { class: 'hint' }, hint));
}

/** A route this deployment does not have yet (404 from API Gateway itself, not a problem+json). */
export function unavailable(what) {
  return h('div', { class: 'state unavailable' },
    h('p', { class: 'state-title' }, `${what} not available on this deployment yet.`),
    h('p', { class: 'hint' }, 'The API answered that this route does not exist. It comes with a newer version of the stack; nothing is wrong with your data.'));
}

export function failed(error, retry) {
  return h('div', { class: 'state error', role: 'alert' },
    h('p', { class: 'state-title' }, error.title ?? 'Something went wrong'),
    error.detail && h('p', {}, error.detail),
    retry && h('button', { type: 'button', class: 'secondary', onclick: retry }, 'Try again'));
}

let toastTimer;
/** A short confirmation read out by screen readers (the #toast element is a live region). */
export function toast(message) {
  const box = document.getElementById('toast');
  box.textContent = message;
  box.classList.add('shown');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => box.classList.remove('shown'), 6000);
}
