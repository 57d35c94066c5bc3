/**
 * Provenance: what each figure of a table is made of, carried in the report model (and so in the JSON document) so
 * that `rapport explain` — or anyone reading the JSON — can trace a figure to its source lines without knowing the
 * layout. It is compact: a table's provenance is one entry per row and one per column, and a figure's provenance is
 * its row's entry and its column's entry merged (`figureProvenance`); neither lists source lines. A null entry (a
 * label column, a section heading row) means the cells there are no figures.
 *
 * - The column says how the figure is computed: the layout measure (`measure`), the formula id (`formula`: the
 *   field of calc/economy.ts RowFigures, or `andelAvOmsattning`/`andelAvNettokostnad`, `investment.*`,
 *   `kolada.value`) and the terms — which source file, which field (utfall, budget, prognos), which months or which
 *   forecast occasion, added or subtracted — exactly as calc/explain.ts `measureTerms` defines them.
 * - The row says what the figure covers: the unit (`unit`, the organisation node's id) and the report rows of the
 *   account grouping (`rows`: the net, one section, or one row of a section); an investment area; a Kolada KPI and
 *   year.
 *
 * docs/report-model.md documents the fields. Everything here is a plain, sorted-by-construction value, so the JSON
 * stays byte-stable from run to run.
 */
import type { MeasureId } from '../config/layout-schema.js';
import { measureTerms, type EconomyMeasure, type RowSelection } from '../calc/explain.js';
import type { Period } from '../model/period.js';

/** One sum of source amounts: a field of a source over a span of months (or at a forecast occasion), added or subtracted. */
export interface ProvenanceTerm {
  readonly sign: 1 | -1;
  /** The source file as the configuration names it; absent when the configuration has no such source (a blank figure). */
  readonly source?: string;
  readonly field: 'actual' | 'budget' | 'forecast' | 'previousForecast';
  /** First and last month summed ("2024-01", "2024-08"); ledger terms. */
  readonly from?: string;
  readonly to?: string;
  /** The forecast occasion ("2024-08"); forecast terms. Absent when the sources have none (the figure is blank). */
  readonly occasion?: string;
}

/** The parts of a figure's provenance (a row's and a column's entries hold some each). */
export interface FigureProvenance {
  /** Formula id: how the figure is computed from its terms (see the module comment). */
  readonly formula?: string;
  /** The layout measure of the column (config/layout-schema.ts MEASURE_IDS). */
  readonly measure?: MeasureId;
  /** Source files read for the figure, as the configuration names them. */
  readonly sources?: readonly string[];
  readonly terms?: readonly ProvenanceTerm[];
  /** The organisation unit (node id) whose ansvar the figure sums. */
  readonly unit?: string;
  /** The report rows (account groups) the figure covers. */
  readonly rows?: RowSelection;
  /** An indicator row: the delmål and the indicator (ids in the goal export). */
  readonly goal?: string;
  readonly indicator?: string;
  /** Investment area; absent on an investment row means all areas. */
  readonly area?: string;
  /**
   * The row's helårsprognos was proposed (`forecast.propose`), by these methods: its forecast terms are computed by
   * the method (calc/forecast-proposals.ts), not read from the forecasts file. Absent when every forecast was supplied.
   */
  readonly proposedForecast?: readonly string[];
  /** Kolada: KPI id, region id, year and gender of the value. */
  readonly kpi?: string;
  readonly region?: string;
  readonly year?: number;
  readonly gender?: string;
}

export interface TableProvenance {
  /** One entry per row of the table, in order. */
  readonly rows: readonly (FigureProvenance | null)[];
  /** One entry per column of the table, in order. */
  readonly columns: readonly (FigureProvenance | null)[];
}

/** A figure's provenance: its column's entry with its row's merged over it; null for a cell that is no figure. */
export function figureProvenance(t: { readonly provenance?: TableProvenance | undefined }, row: number, column: number): FigureProvenance | null {
  const p = t.provenance;
  const r = p?.rows[row];
  const c = p?.columns[column];
  if (!r || !c) return null;
  return { ...c, ...r };
}

const ym = (year: number, month: number): string => `${year}-${String(month).padStart(2, '0')}`;
const occasionText = (o: number | null): string | undefined => (o === null ? undefined : ym(Math.trunc(o / 100), o % 100));

/** The files an economy figure's terms read (the ledger; the forecasts file for forecast measures). */
export interface EconomySources {
  readonly ledger: string;
  readonly forecasts?: string;
}

/**
 * The column part of an economy measure: the terms calc/explain.ts sums for it. Shares are the row's ack utfall
 * divided by the same over the unit's income sections (andelAvOmsattning) or the unit's net (andelAvNettokostnad).
 */
export function economyColumnProvenance(
  measure: MeasureId,
  field: EconomyMeasure | null,
  period: Period,
  sources: EconomySources,
  occasions: { readonly forecast: number | null; readonly previous: number | null },
): FigureProvenance {
  const terms = measureTerms(field ?? 'ackActual', period).terms.map((d): ProvenanceTerm => {
    if (d.field === 'forecast' || d.field === 'previousForecast') {
      const occasion = occasionText(d.field === 'forecast' ? occasions.forecast : occasions.previous);
      return { sign: d.sign, ...(sources.forecasts !== undefined ? { source: sources.forecasts } : {}), field: d.field, ...(occasion !== undefined ? { occasion } : {}) };
    }
    return { sign: d.sign, source: sources.ledger, field: d.field, from: ym(d.year, d.from), to: ym(d.year, d.to) };
  });
  const files = [...new Set(terms.flatMap((t) => (t.source !== undefined ? [t.source] : [])))];
  return { measure, formula: field ?? measure, sources: files, terms };
}
