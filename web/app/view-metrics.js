// The seller's performance against the marketplace targets (GET /v1/metrics?window=30).
import { h, loading, failed, unavailable, setState } from './dom.js';
import { api } from './api.js';
import { percent, dateTime, date } from './format.js';
import { lineChart } from './chart.js';

const STATUS_TEXT = { OK: 'On target', AT_RISK: 'At risk', FAILING: 'Failing' };
/** The daily series and the metric each belongs to (its target line comes from that metric). */
const SERIES = [
  { key: 'lateShipmentRate', title: 'Late shipment rate', metric: /^lateShipmentRate/, best: 'low' },
  { key: 'cancelRate', title: 'Cancel rate', metric: /^(preFulfillment)?[cC]ancelRate/, best: 'low' },
  { key: 'validTrackingRate', title: 'Valid tracking rate', metric: /^validTrackingRate/, best: 'high' },
];

export async function renderMetrics(view) {
  const results = h('div', { class: 'results' });
  view.append(h('h1', { tabindex: -1 }, 'Performance'), results);
  setState(view, 'loading');
  results.replaceChildren(loading('Loading your metrics…'));
  let data;
  try {
    data = await api('GET', 'v1/metrics?window=30');
  } catch (error) {
    setState(view, error.routeMissing ? 'unavailable' : 'error');
    results.replaceChildren(error.routeMissing ? unavailable('Performance metrics are') : failed(error, () => {
      view.replaceChildren();
      renderMetrics(view);
    }));
    return;
  }
  const metrics = data.metrics ?? [];
  const daily = data.daily ?? [];
  results.replaceChildren(
    h('p', { class: 'hint' }, `Last ${data.window} days, as of ${dateTime(data.asOf)}.`),
    h('ul', { class: 'metric-cards' }, metrics.map(metricCard)),
    h('h2', {}, 'Daily, last 30 days'),
    h('div', { class: 'charts' }, SERIES.map((s) => {
      const metric = metrics.find((m) => s.metric.test(m.name) && m.unit === 'ratio');
      return lineChart({ title: s.title, best: s.best, target: metric?.targetValue,
        days: daily.map((d) => ({ date: d.date, value: d[s.key] })) });
    })),
    dataTable(daily));
  setState(view, 'ready');
}

function metricCard(m) {
  const counted = m.value !== undefined && m.value !== null;
  const value = !counted ? '—' : m.unit === 'ratio' ? percent(m.value) : m.unit === 'hours' ? `${Number(m.value).toFixed(1)} h` : String(m.value);
  return h('li', { class: `card metric metric-${String(m.status).toLowerCase().replace('_', '-')}`, dataset: { metric: m.name } },
    h('h3', {}, m.label ?? m.name),
    h('p', { class: 'value' }, value),
    h('p', {}, `Target ${m.target}`, ' · ', h('span', { class: 'badge metric-status' }, STATUS_TEXT[m.status] ?? m.status)),
    h('p', { class: 'meta counts' }, counts(m, counted)));
}

/** What the value was worked out from: "2 of 83", or why there is none. */
function counts(m, counted) {
  const days = m.windowDays ? ` in the last ${m.windowDays} days` : '';
  if (!counted) return `Nothing to count${days} yet.`;
  if (m.numerator !== undefined && m.numerator !== null) return `${m.numerator} of ${m.denominator}${days}`;
  return m.denominator !== undefined ? `Median of ${m.denominator}${days}` : '';
}

/** The numbers behind the charts, for screen readers and anyone who wants exact values. */
function dataTable(daily) {
  return h('details', { class: 'chart-data' }, h('summary', {}, 'Show the daily numbers'),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Day'), SERIES.map((s) => h('th', { scope: 'col', class: 'num' }, s.title)),
        h('th', { scope: 'col', class: 'num' }, 'Orders due to ship'))),
      h('tbody', {}, daily.map((d) => h('tr', { dataset: { date: d.date } }, h('td', {}, date(d.date)),
        SERIES.map((s) => h('td', { class: 'num' }, percent(d[s.key]))), h('td', { class: 'num' }, d.ordersDue ?? '—')))))));
}
