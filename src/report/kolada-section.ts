/**
 * The Kolada comparison section (layout `module: kolada`, the root report): the region's key ratios beside the
 * compared regions' and Riket's, one row per key ratio with its Kolada id and year, "Källa: Kolada" under the table.
 * Values are printed as Kolada gives them, with the configured decimals; a value Kolada lacks is a blank cell.
 */
import type { KoladaComparison } from '../calc/kolada.js';
import type { Block, Cell, Column, Row, Section, Table } from './model.js';
import { genitive } from './modules.js';
import type { FigureProvenance, TableProvenance } from './provenance.js';

export interface KoladaSectionOptions {
  readonly title: string;
  /** Extra notes under the table (kolada.notes). */
  readonly notes: readonly string[];
  readonly narratives: ReadonlyMap<string, string>;
}

const GENDER_NOTE: Record<KoladaComparison['gender'], string> = { T: '', K: ' Värdena avser kvinnor.', M: ' Värdena avser män.' };

/** The names as a Swedish list: "A, B och C". */
function joined(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} och ${names[names.length - 1]}`;
}

export function buildKoladaTable(c: KoladaComparison, notes: readonly string[]): Table {
  const columns: Column[] = [
    { header: 'Nyckeltal', align: 'left' },
    { header: 'Kolada-id', align: 'left' },
    { header: 'År', align: 'right' },
    { header: 'Enhet', align: 'left' },
    ...c.regions.map((r): Column => ({ header: r.name, align: 'right' })),
  ];
  const rows: Row[] = c.rows.map((r): Row => ({
    cells: [
      { kind: 'text', text: r.kpi.label },
      { kind: 'text', text: r.kpi.id },
      { kind: 'text', text: r.year === null ? '' : String(r.year) },
      { kind: 'text', text: r.kpi.unit },
      ...r.values.map((v): Cell => ({ kind: 'number', value: v, decimals: r.kpi.decimals })),
    ],
    emphasis: 'normal',
  }));
  const cited = c.rows.map((r) => (r.year === null ? r.kpi.id : `${r.kpi.id} (${r.year})`)).join(', ');
  // Provenance (report/provenance.ts): each value is one post of the file, KPI × year (the row) × region × gender (the column).
  const provenance: TableProvenance = {
    rows: c.rows.map((r): FigureProvenance | null => (r.year === null ? null : { formula: 'kolada.value', sources: [c.file], kpi: r.kpi.id, year: r.year })),
    columns: [null, null, null, null, ...c.regions.map((reg): FigureProvenance => ({ region: reg.id, gender: c.gender }))],
  };
  return {
    type: 'table',
    id: 'kolada-jamforelse',
    title: 'Nyckeltal i jämförelse med andra regioner',
    columns,
    rows,
    notes: [
      `Källa: Kolada (RKA), nyckeltal ${cited}, ur filen ${c.file}.${GENDER_NOTE[c.gender]}`,
      'Tom cell: Kolada har inget värde för regionen det året.',
      ...notes,
    ],
    provenance,
  };
}

export function buildKoladaSection(c: KoladaComparison, o: KoladaSectionOptions): Section {
  const own = c.regions.find((r) => r.role === 'own')!;
  const others = c.regions.filter((r) => r.role === 'compare').map((r) => r.name);
  const average = c.regions.some((r) => r.role === 'average');
  const intro = `Tabellen jämför ${genitive(own.name)} nyckeltal med ${joined(average ? [...others, 'riket'] : others)}. Uppgifterna kommer från Kolada och avser det senaste år som finns för varje nyckeltal.`;
  const blocks: Block[] = [
    { type: 'paragraph', text: intro, drafted: true },
    buildKoladaTable(c, o.notes),
    { type: 'narrative', key: 'jamforelse', required: false, markdown: o.narratives.get('jamforelse') ?? null },
  ];
  return { id: 'jamforelse-kolada', number: '', title: o.title, level: 1, blocks, sections: [] };
}
