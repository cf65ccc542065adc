// A small line chart as inline SVG (no library): one series of daily ratios and its target line.
import { h, svg } from './dom.js';
import { date, percent } from './format.js';

const WIDTH = 320;
const HEIGHT = 140;
const PAD = { left: 44, right: 8, top: 10, bottom: 24 };

/**
 * days: [{date, value}], target: the ratio the metric must stay under (or over), best: 'low'|'high'.
 * The y axis spans what the data and the target need, so a 1% line is not flattened against 100%.
 */
export function lineChart({ title, days, target, best }) {
  const values = days.map((d) => d.value).filter((v) => typeof v === 'number');
  const lowest = best === 'high' ? Math.min(target ?? 1, ...values, 1) : 0;
  const top = best === 'high' ? 1 : Math.max((target ?? 0) * 2, ...values, 0.01);
  const min = best === 'high' ? Math.max(0, Math.floor((lowest - 0.05) * 20) / 20) : 0;
  const x = (i) => PAD.left + (days.length <= 1 ? 0 : (i * (WIDTH - PAD.left - PAD.right)) / (days.length - 1));
  const y = (v) => PAD.top + (1 - (v - min) / (top - min)) * (HEIGHT - PAD.top - PAD.bottom);
  const ticks = [min, (min + top) / 2, top];
  const points = days.map((d, i) => (typeof d.value === 'number' ? [x(i), y(d.value), d] : null)).filter(Boolean);
  return h('figure', { class: 'chart' },
    svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': `${title}, last ${days.length} days` },
      ticks.map((t) => [
        svg('line', { class: 'grid', x1: PAD.left, x2: WIDTH - PAD.right, y1: y(t), y2: y(t) }),
        svg('text', { class: 'tick', x: PAD.left - 4, y: y(t) + 3, 'text-anchor': 'end' }, percent(t, t < 0.1 ? 1 : 0)),
      ]),
      target !== undefined && target !== null && [
        svg('line', { class: 'target', x1: PAD.left, x2: WIDTH - PAD.right, y1: y(target), y2: y(target) }),
        svg('text', { class: 'tick target-label', x: WIDTH - PAD.right, y: y(target) - 3, 'text-anchor': 'end' }, `target ${percent(target, 1)}`),
      ],
      points.length === 0 && svg('text', { class: 'tick no-data', x: (PAD.left + WIDTH - PAD.right) / 2, y: HEIGHT / 2, 'text-anchor': 'middle' },
        'Nothing counted on these days'),
      // A day with nothing counted breaks the line rather than joining its neighbours.
      runs(days).filter((run) => run.length > 1).map((run) => svg('polyline', {
        class: 'series', points: run.map(([i, v]) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' '),
      })),
      points.map(([px, py, d]) => svg('circle', { class: 'dot', cx: px.toFixed(1), cy: py.toFixed(1), r: 2.2 },
        svg('title', {}, `${date(d.date)}: ${percent(d.value)}`))),
      days.length > 0 && [
        svg('text', { class: 'tick', x: PAD.left, y: HEIGHT - 6 }, date(days[0].date)),
        svg('text', { class: 'tick', x: WIDTH - PAD.right, y: HEIGHT - 6, 'text-anchor': 'end' }, date(days[days.length - 1].date)),
      ]),
    h('figcaption', {}, title));
}

/** Runs of consecutive days that have a value: [[index, value], ...] each. */
function runs(days) {
  const out = [];
  let run = [];
  days.forEach((d, i) => {
    if (typeof d.value === 'number') run.push([i, d.value]);
    else if (run.length) { out.push(run); run = []; }
  });
  if (run.length) out.push(run);
  return out;
}
