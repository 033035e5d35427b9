// Time-series charts drawn as SVG from analytics series: no chart library, nothing fetched from elsewhere.

import {h} from './dom.js';

const WIDTH = 640;
const HEIGHT = 200;
const PAD = {left: 56, right: 12, top: 12, bottom: 26};
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b'];

/**
 * A chart of series over the same points in time.
 *
 * @param title  what it shows
 * @param starts the start of each point (ISO-8601 with offset)
 * @param series [{name, values}], values aligned with starts (null: no value at that point)
 * @param format formats a value for the axis and tooltips
 * @param hourly whether points are hours (labels show times) or days (labels show dates)
 */
export function timeChart({title, starts, series, format = String, hourly = true}) {
  const all = series.flatMap(s => s.values).filter(v => v !== null && v !== undefined);
  const top = niceCeiling(Math.max(0, ...all));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = i => PAD.left + (starts.length <= 1 ? plotW / 2 : (i * plotW) / (starts.length - 1));
  const y = v => PAD.top + plotH - (top === 0 ? 0 : (v / top) * plotH);
  const svg = h('svg:svg', {viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'chart', role: 'img',
    'aria-label': title});
  for (let i = 0; i <= 4; i++) {
    const value = (top * i) / 4;
    svg.append(h('svg:line', {x1: PAD.left, x2: WIDTH - PAD.right, y1: y(value), y2: y(value), class: 'grid'}),
      h('svg:text', {x: PAD.left - 6, y: y(value) + 4, class: 'axis', 'text-anchor': 'end'}, format(value)));
  }
  const step = Math.max(1, Math.ceil(starts.length / 6));
  starts.forEach((start, i) => {
    if (i % step === 0) {
      svg.append(h('svg:text', {x: x(i), y: HEIGHT - 6, class: 'axis', 'text-anchor': 'middle'},
        label(start, hourly)));
    }
  });
  series.forEach((s, n) => {
    const color = COLORS[n % COLORS.length];
    const points = s.values.map((v, i) => v === null || v === undefined ? null : `${x(i)},${y(v)}`);
    for (const run of runs(points)) {
      svg.append(h('svg:polyline', {points: run.join(' '), fill: 'none', stroke: color, 'stroke-width': 2,
        class: 'series', 'data-series': s.name}));
    }
  });
  const slot = starts.length > 1 ? plotW / (starts.length - 1) : plotW;
  starts.forEach((start, i) => {
    const tip = [label(start, hourly, true), ...series.map(s => `${s.name}: ${valueText(s.values[i], format)}`)];
    svg.append(h('svg:rect', {x: x(i) - slot / 2, y: PAD.top, width: slot, height: plotH, class: 'hover'},
      h('svg:title', {}, tip.join('\n'))));
  });
  const figure = h('figure', {class: 'chart-box', 'data-chart': title,
    'data-values': JSON.stringify(Object.fromEntries(series.map(s => [s.name, s.values])))},
  h('figcaption', {}, title, h('span', {class: 'legend'}, series.map((s, n) => h('span', {class: 'key'},
    h('i', {style: null, class: `swatch c${n % COLORS.length}`}), s.name)))), svg);
  return figure;
}

/** Consecutive non-null points, so that a missing value breaks the line instead of being drawn as zero. */
function runs(points) {
  const out = [];
  let run = [];
  for (const p of points) {
    if (p === null) {
      if (run.length) {
        out.push(run);
      }
      run = [];
    } else {
      run.push(p);
    }
  }
  if (run.length) {
    out.push(run);
  }
  return out.map(r => r.length === 1 ? [r[0], r[0]] : r);
}

function valueText(v, format) {
  return v === null || v === undefined ? '–' : format(v);
}

function label(iso, hourly, long = false) {
  // the offset in the ISO text is the time zone the analytics were asked in: show the wall-clock time it names
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  if (!m) {
    return iso;
  }
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const day = `${Number(m[3])} ${months[Number(m[2]) - 1]}`;
  if (!hourly) {
    return day;
  }
  return long || (m[4] === '00') ? `${day} ${m[4]}:${m[5]}` : `${m[4]}:${m[5]}`;
}

/** The smallest 1, 2 or 5 times a power of ten at or above v (1 for 0). */
export function niceCeiling(v) {
  if (!(v > 0)) {
    return 1;
  }
  const power = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) {
    if (m * power >= v) {
      return m * power;
    }
  }
  return 10 * power;
}
