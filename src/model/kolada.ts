import type { SourceLocation } from './diagnostics.js';

/**
 * Key ratios from a downloaded Kolada file (sources/read-kolada.ts): one value per KPI × region × year × gender, as
 * Kolada publishes them. `value` null = Kolada has no value (printed blank, never 0).
 */
export interface KoladaValue {
  /** KPI id, e.g. "N60026". */
  readonly kpi: string;
  /** Kolada's id of the region (or Riket, "0000"). */
  readonly region: string;
  readonly year: number;
  /** T (totalt), K (kvinnor), M (män). */
  readonly gender: 'T' | 'K' | 'M';
  readonly value: number | null;
  /** Where in the file: the line of the value (JSON: the line of its object; CSV: its row). */
  readonly location: SourceLocation;
}

export interface KoladaData {
  /** The file as messages name it. */
  readonly file: string;
  readonly values: readonly KoladaValue[];
  /** Region names found in the file (a CSV name column), by id. */
  readonly names: ReadonlyMap<string, string>;
}
