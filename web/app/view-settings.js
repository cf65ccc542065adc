// The seller's settings in one place (GET and PATCH /v1/settings): handling time, cut-off, time
// zone, working days, holidays, unpaid-cancel days, emails; the return policy (PUT
// /v1/return-policy, its one home); the storefronts and whether each is connected.
import { h, loading, failed, unavailable, setState, toast } from './dom.js';
import { api } from './api.js';
import { onSubmit, field } from './forms.js';
import { dateTime } from './format.js';

const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
/** Fields that may be removed: an empty input sends null. */
const NULLABLE = new Set(['notifyEmail', 'replyTo', 'supportContact', 'cutoff', 'holidayCountry']);

export async function renderSettings(view) {
  const results = h('div', { class: 'results' });
  view.append(h('h1', { tabindex: -1 }, 'Settings'), results);
  setState(view, 'loading');
  results.replaceChildren(loading('Loading settings…'));
  let settings;
  try {
    settings = await api('GET', 'v1/settings');
  } catch (error) {
    setState(view, error.routeMissing ? 'unavailable' : 'error');
    results.replaceChildren(error.routeMissing ? unavailable('Settings are') : failed(error, () => renderAgain(view)));
    return;
  }
  show(view, results, settings);
}

function renderAgain(view) {
  view.replaceChildren();
  return renderSettings(view);
}

function show(view, results, settings) {
  results.replaceChildren(
    settingsForm(settings, (answer) => show(view, results, answer)),
    holidaysSection(settings),
    returnPolicySection(settings.returnPolicy),
    storefrontsSection(settings.storefronts));
  setState(view, 'ready');
}

/** One form for the account and calendar; only the fields that changed are sent. */
function settingsForm(s, onSaved) {
  const inputs = {
    handlingDays: h('input', { type: 'number', min: 0, max: 30, step: 1, value: s.handlingDays }),
    cutoff: h('input', { type: 'text', inputmode: 'numeric', placeholder: 'HH:mm', value: s.cutoff ?? '', autocomplete: 'off' }),
    timeZone: h('input', { type: 'text', list: 'time-zones', value: s.timeZone, autocomplete: 'off' }),
    transitDays: h('input', { type: 'number', min: 1, max: 30, step: 1, value: s.transitDays }),
    holidayCountry: h('select', {}, h('option', { value: '' }, 'None'),
      s.holidayCountries.map((c) => h('option', { value: c, selected: c === s.holidayCountry }, c))),
    holidaysAdded: h('textarea', { rows: 3, placeholder: 'YYYY-MM-DD, one a line' }, s.holidaysAdded.join('\n')),
    holidaysRemoved: h('textarea', { rows: 3, placeholder: 'YYYY-MM-DD, one a line' }, s.holidaysRemoved.join('\n')),
    unpaidCancelDays: h('input', { type: 'number', min: 1, max: 90, step: 1, value: s.unpaidCancelDays }),
    notifyEmail: h('input', { type: 'text', inputmode: 'email', value: s.notifyEmail ?? '', autocomplete: 'off' }),
    replyTo: h('input', { type: 'text', inputmode: 'email', value: s.replyTo ?? '', autocomplete: 'off' }),
    supportContact: h('input', { type: 'text', value: s.supportContact ?? '' }),
    storeName: h('input', { type: 'text', value: s.storeName ?? '' }),
  };
  for (const [name, input] of Object.entries(inputs)) {
    input.dataset.field = name;
    input.name = name;
  }
  const dayBoxes = DAYS.map((d) => h('input', { type: 'checkbox', value: d, checked: s.workingDays.includes(d) }));
  const days = h('fieldset', { class: 'field days', 'data-field': 'workingDays', tabindex: -1 },
    h('legend', {}, 'Working days'),
    DAYS.map((d, i) => h('label', { class: 'day' }, dayBoxes[i], ` ${d[0]}${d.slice(1, 3).toLowerCase()}`)));
  const zones = h('datalist', { id: 'time-zones' },
    (Intl.supportedValuesOf?.('timeZone') ?? []).map((z) => h('option', { value: z })));
  const form = h('form', { class: 'settings-form', novalidate: true },
    h('h2', {}, 'Shipping'),
    field('Handling time (working days)', inputs.handlingDays, 'Ship-by = the order\'s working day + this many working days.'),
    field('Daily cut-off', inputs.cutoff, 'Orders after this time (24-hour HH:mm, your time zone) count from the next working day. Empty: none.'),
    field('Time zone', inputs.timeZone, 'An IANA zone, e.g. Europe/Berlin.'), zones,
    days,
    field('Transit time (working days)', inputs.transitDays, 'Promised delivery = ship-by + this many working days.'),
    h('h2', {}, 'Holidays'),
    field('Holiday preset', inputs.holidayCountry, 'The country whose public holidays are days off.'),
    field('Extra days off', inputs.holidaysAdded),
    field('Preset holidays you work', inputs.holidaysRemoved),
    h('h2', {}, 'Orders and emails'),
    field('Cancel unpaid orders after (days)', inputs.unpaidCancelDays),
    field('Notification email', inputs.notifyEmail, 'Low-stock alerts and failed platform updates.'),
    field('Reply-to of buyer emails', inputs.replyTo),
    field('Support contact', inputs.supportContact),
    field('Store name', inputs.storeName),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Save settings')));

  onSubmit(form, async () => {
    const now = {};
    for (const [name, input] of Object.entries(inputs)) now[name] = value(name, input);
    now.workingDays = dayBoxes.filter((b) => b.checked).map((b) => b.value);
    const change = {};
    for (const [name, v] of Object.entries(now)) {
      if (JSON.stringify(v) !== JSON.stringify(s[name] ?? (Array.isArray(v) ? [] : null))) change[name] = v;
    }
    if (Object.keys(change).length === 0) {
      toast('Nothing changed.');
      return;
    }
    const answer = await api('PATCH', 'v1/settings', change);
    toast('Settings saved.');
    onSaved(answer);
  });
  return form;
}

function value(name, input) {
  const text = input.value.trim();
  if (input.type === 'number') return text === '' ? null : Number(text);
  if (input.tagName === 'TEXTAREA') return text.split(/[\s,]+/).filter(Boolean);
  if (NULLABLE.has(name) && text === '') return null;
  return text;
}

function holidaysSection(s) {
  const years = Object.keys(s.holidays).sort();
  return h('section', { class: 'settings-holidays', 'aria-labelledby': 'holidays-title' },
    h('h2', { id: 'holidays-title' }, 'Days off'),
    years.map((year) => h('div', { class: 'holiday-year' },
      h('h3', {}, year),
      s.holidays[year].length === 0 ? h('p', { class: 'hint' }, 'No days off.')
        : h('ul', { class: 'holidays' }, s.holidays[year].map((d) => h('li', { 'data-date': d.date },
          h('time', { datetime: d.date }, d.date), d.name ? ` ${d.name}` : ' (added by you)'))))));
}

/** The return policy as GET /v1/return-policy shows it, edited with PUT there (the whole policy). */
function returnPolicySection(policy) {
  const inputs = {
    windowDays: h('input', { type: 'number', min: 0, max: 365, step: 1, value: policy.windowDays }),
    restockingFeePercent: h('input', { type: 'number', min: 0, max: 100, step: 1, value: policy.restockingFeePercent }),
    returnShippingPayer: h('select', {}, ['SELLER', 'BUYER'].map((p) =>
      h('option', { value: p, selected: p === policy.returnShippingPayer }, p === 'SELLER' ? 'You' : 'The buyer'))),
    returnShippingMinor: h('input', { type: 'number', min: 0, step: 1, value: policy.returnShippingMinor }),
    nonReturnableSkus: h('textarea', { rows: 2, placeholder: 'SKUs, one a line' }, policy.nonReturnableSkus.join('\n')),
  };
  for (const [name, input] of Object.entries(inputs)) input.dataset.field = name;
  const form = h('form', { class: 'return-policy-form', novalidate: true },
    h('h2', {}, 'Return policy'),
    policy.default && h('p', { class: 'hint' }, 'The default policy applies until you save one.'),
    field('Return window (days after delivery)', inputs.windowDays),
    field('Restocking fee (%)', inputs.restockingFeePercent, 'Only when the return is not your fault.'),
    field('Return shipping paid by', inputs.returnShippingPayer),
    field('Return shipping cost (minor units, e.g. cents)', inputs.returnShippingMinor),
    field('SKUs never taken back', inputs.nonReturnableSkus),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Save return policy')));
  onSubmit(form, async () => {
    const body = {
      windowDays: Number(inputs.windowDays.value),
      restockingFeePercent: Number(inputs.restockingFeePercent.value),
      returnShippingPayer: inputs.returnShippingPayer.value,
      returnShippingMinor: Number(inputs.returnShippingMinor.value),
      nonReturnableSkus: inputs.nonReturnableSkus.value.split(/[\s,]+/).filter(Boolean),
    };
    await api('PUT', 'v1/return-policy', body);
    toast('Return policy saved.');
  });
  return form;
}

function storefrontsSection(storefronts) {
  return h('section', { class: 'settings-storefronts', 'aria-labelledby': 'storefronts-title' },
    h('h2', { id: 'storefronts-title' }, 'Storefronts'),
    storefronts.length === 0 ? h('p', { class: 'hint' }, 'No storefront yet: an operator adds one (scripts/admin create-storefront).')
      : h('table', {},
        h('thead', {}, h('tr', {}, ['Storefront', 'Platform', 'Updates sent back', 'Latest order', 'Stock pushes refused']
          .map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, storefronts.map((f) => h('tr', { 'data-storefront-id': f.storefrontId },
          h('td', {}, f.storefrontId),
          h('td', {}, f.type ?? '—'),
          h('td', { class: f.linked ? 'ok' : 'muted' }, f.linked ? `Yes (${f.writeBackPlatform})` : 'No: changes stay here'),
          h('td', {}, f.lastOrderAt ? dateTime(f.lastOrderAt) : `None in the latest ${f.ordersLooked}`),
          h('td', { class: f.stockPushesFailed > 0 ? 'warn' : '' },
            f.linked ? String(f.stockPushesFailed) : '—'))))));
}
