/**
 * Renders a report chart as a native Word chart (`docx/charts`): Word draws it from an embedded workbook, so the finance
 * staff can click "Redigera data". Each chart gets the model's Swedish alt text, a caption above, and a note below
 * pointing to the table that holds the same data (the model places that table in the report too).
 *
 * Series are told apart by more than colour: in line charts each series has its own dash pattern and marker shape.
 * A bridge (`waterfall`) is a stacked column chart with an invisible base (`waterfallSeries`).
 */
import { Paragraph, TextRun } from 'docx';
import { ChartRun, type ChartMarkerShape, type ChartLineDash, type ChartRunOptions } from 'docx/charts';
import type { Chart } from '../../report/model.js';
import { FONT, SERIES_COLORS, STYLE, TEXT_WIDTH } from './styles.js';

const DASHES: readonly ChartLineDash[] = ['solid', 'dash', 'shortDash', 'longDash', 'dashDot'];
const MARKERS: readonly ChartMarkerShape[] = ['circle', 'square', 'triangle', 'diamond', 'x'];

/** Chart width: the text width of a portrait page, in pixels (96 per inch; 1440 twips per inch). */
const WIDTH_PX = Math.floor((TEXT_WIDTH.portrait / 1440) * 96);
const HEIGHT_PX = 300;

export interface ChartContext {
  /** "Diagram 2". */
  readonly label: string;
  /** "tabell 4 (Ackumulerat resultat per månad)" — where the chart's data is, when the model has that table. */
  readonly dataTableRef?: string;
}

/** Colours of the bridge's bars: increase, decrease, total (told apart by the data table and labels too, not colour alone). */
const WATERFALL = { up: '2E7D32', down: 'C62828', total: '1F4E79', base: 'FFFFFF' } as const;
const HIDDEN = ['Bas', 'Ökning under noll', 'Minskning under noll'];

/**
 * A bridge (waterfall) as a stacked column chart, the way Excel users draw one: an invisible base series lifts each
 * step to the running level, and the step itself is an "Ökning" or "Minskning" bar; the first and last categories are
 * totals drawn from zero. A step that crosses zero is drawn in two parts (above and below zero), since stacked
 * columns stack positive and negative values apart. Values are the model's (already in the chart's unit).
 */
export function waterfallSeries(chart: Chart): { name: string; values: (number | null)[]; color: string }[] {
  const values = chart.series[0]?.values ?? [];
  const n = values.length;
  const base: (number | null)[] = new Array(n).fill(null);
  const up: (number | null)[] = new Array(n).fill(null);
  const upBelow: (number | null)[] = new Array(n).fill(null);
  const down: (number | null)[] = new Array(n).fill(null);
  const downBelow: (number | null)[] = new Array(n).fill(null);
  const total: (number | null)[] = new Array(n).fill(null);
  const round = (x: number) => Math.round(x * 10) / 10;
  let level = 0;
  values.forEach((v, i) => {
    if (v === null) return;
    if (i === 0 || i === n - 1) {
      total[i] = v;
      level = v;
      return;
    }
    const a = level;
    const b = round(level + v);
    level = b;
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    const [above, below] = v >= 0 ? [up, upBelow] : [down, downBelow];
    if (lo >= 0) {
      base[i] = lo;
      above[i] = round(hi - lo);
    } else if (hi <= 0) {
      base[i] = hi;
      above[i] = round(lo - hi);
    } else {
      above[i] = hi;
      below[i] = lo;
    }
  });
  const out = [
    { name: 'Bas', values: base, color: WATERFALL.base },
    { name: 'Ökning', values: up, color: WATERFALL.up },
    { name: 'Minskning', values: down, color: WATERFALL.down },
    { name: 'Summa', values: total, color: WATERFALL.total },
  ];
  if (upBelow.some((x) => x !== null)) out.push({ name: 'Ökning under noll', values: upBelow, color: WATERFALL.up });
  if (downBelow.some((x) => x !== null)) out.push({ name: 'Minskning under noll', values: downBelow, color: WATERFALL.down });
  return out;
}

/**
 * The value axis of a bridge whose levels all lie on one side of zero and close together (a region's result moves by
 * a few percent): the axis spans the levels with a margin instead of starting at zero, so the steps are visible; the
 * totals then run off the plot's edge, as in a bridge drawn by hand. Undefined: the axis starts at zero.
 */
export function waterfallAxis(series: readonly { name: string; values: readonly (number | null)[] }[]): { minimum: number; maximum: number } | undefined {
  const levels: number[] = [];
  const base = series.find((x) => x.name === 'Bas')?.values ?? [];
  for (const x of series) {
    x.values.forEach((v, i) => {
      if (v === null) return;
      if (x.name === 'Summa') levels.push(v);
      else if (x.name !== 'Bas') levels.push((base[i] ?? 0) + v, base[i] ?? 0);
    });
  }
  if (levels.length === 0) return undefined;
  const lo = Math.min(...levels);
  const hi = Math.max(...levels);
  const far = Math.max(Math.abs(lo), Math.abs(hi));
  if (lo < 0 && hi > 0) return undefined;
  if (hi - lo > 0.25 * far) return undefined;
  const span = Math.max(hi - lo, far * 0.01);
  const step = 10 ** Math.floor(Math.log10(span));
  const minimum = Math.floor((lo - span * 0.3) / step) * step;
  const maximum = Math.ceil((hi + span * 0.3) / step) * step;
  return lo >= 0 ? { minimum: Math.max(0, minimum), maximum } : { minimum, maximum: Math.min(0, maximum) };
}

function options(chart: Chart): ChartRunOptions {
  const color = (i: number) => SERIES_COLORS[i % SERIES_COLORS.length]!;
  // With only negative values (net costs), the category labels go at the foot of the plot, not at zero on top.
  const allNegative = chart.series.every((s) => s.values.every((v) => v === null || v <= 0));
  const base = {
    categories: [...chart.categories],
    legend: { position: 'bottom' as const },
    font: { name: FONT },
    // Swedish digit grouping ("16 000") whoever opens or converts the file: the locale tag [$-41D] (sv-SE) fixes the
    // format's separators; without it Word and LibreOffice use the viewing machine's locale ("16,000" in English).
    valueAxis: { title: chart.unit, numberFormat: '[$-41D]#,##0' },
    ...(allNegative ? { categoryAxis: { crossesAt: 'minimum' as const } } : {}),
    emptyValues: 'gap' as const,
    transformation: { width: WIDTH_PX, height: HEIGHT_PX },
    altText: { name: chart.title, title: chart.title, description: chart.altText },
  };
  if (chart.kind === 'line') {
    return {
      ...base,
      type: 'line',
      series: chart.series.map((s, i) => ({
        name: s.name,
        values: [...s.values],
        color: color(i),
        markers: { shape: MARKERS[i % MARKERS.length]!, size: 6 },
        line: { color: color(i), width: 2.25, dash: DASHES[i % DASHES.length]! },
      })),
    };
  }
  if (chart.kind === 'waterfall') {
    const series = waterfallSeries(chart);
    const zoom = waterfallAxis(series);
    return {
      ...base,
      ...(zoom ? { valueAxis: { ...base.valueAxis, minimum: zoom.minimum, maximum: zoom.maximum }, categoryAxis: { crossesAt: 'minimum' as const } } : {}),
      legend: { position: 'bottom' as const, hiddenEntries: HIDDEN.filter((h) => series.some((x) => x.name === h)) },
      type: 'column',
      stacking: 'stacked',
      gapWidth: 50,
      series,
    };
  }
  return {
    ...base,
    type: chart.kind,
    gapWidth: 80,
    series: chart.series.map((s, i) => ({ name: s.name, values: [...s.values], color: color(i) })),
  };
}

/** Caption, chart and data note, in order. */
export function chartToDocx(chart: Chart, ctx: ChartContext): Paragraph[] {
  let run: ChartRun;
  try {
    run = new ChartRun(options(chart));
  } catch (e) {
    throw new Error(`Diagrammet "${chart.title}" (${chart.id}) går inte att rita: ${(e as Error).message}`);
  }
  return [
    new Paragraph({ style: STYLE.caption, children: [new TextRun(`${ctx.label}. ${chart.title}`)] }),
    new Paragraph({ style: STYLE.chart, children: [run] }),
    new Paragraph({
      style: STYLE.tableNote,
      spacing: { before: 40, after: 200 },
      children: [
        new TextRun(
          ctx.dataTableRef
            ? `Belopp i ${chart.unit}. Uppgifterna i diagrammet finns i ${ctx.dataTableRef}.`
            : `Belopp i ${chart.unit}.`,
        ),
      ],
    }),
  ];
}
