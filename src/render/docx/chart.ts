/**
 * Renders a report chart as a native Word chart (`docx/charts`): Word draws it from an embedded workbook, so the finance
 * staff can click "Redigera data". Each chart gets the model's Swedish alt text, a caption above, and a note below
 * pointing to the table that holds the same data (the model places that table in the report too).
 *
 * Series are told apart by more than colour: in line charts each series has its own dash pattern and marker shape.
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
