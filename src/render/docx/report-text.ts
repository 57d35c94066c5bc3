/**
 * Texts about the report that more than one renderer prints (Word title page and properties, Excel's first sheet),
 * and the walk that numbers tables and charts in reading order so "Tabell 3" is the same table in Word and Excel.
 */
import type { Chart, ReportModel, Section, Table } from '../../report/model.js';

/** "Delårsrapport per augusti 2024 – Regionstyrelsen": the document title (dc:title). */
export function documentTitle(model: ReportModel): string {
  const { meta } = model;
  const year = String(meta.period.year);
  const title = meta.title.includes(year) ? meta.title : `${meta.title} ${year}`;
  return `${title} – ${meta.unit}`;
}

/** The document properties every rendered file carries (Word's and Excel's "Properties"). */
export function documentProperties(model: ReportModel): {
  readonly title: string;
  readonly subject: string;
  readonly creator: string;
  readonly lastModifiedBy: string;
  readonly description: string;
  readonly keywords: string;
} {
  const { meta } = model;
  return {
    title: documentTitle(model),
    subject: [meta.organisation, meta.unit, meta.subtitle].filter(Boolean).join(', '),
    creator: meta.author ?? meta.organisation,
    lastModifiedBy: meta.author ?? meta.organisation,
    description: meta.diarienummer ? `Diarienummer ${meta.diarienummer}` : `${meta.title} ${meta.subtitle}`,
    keywords: ['delårsrapport', meta.unit, meta.subtitle].join('; '),
  };
}

export interface NumberedTable {
  readonly table: Table;
  /** 1-based, in reading order. */
  readonly number: number;
  readonly section: Section;
}

export interface NumberedChart {
  readonly chart: Chart;
  readonly number: number;
  readonly section: Section;
}

/** The report's tables and charts in reading order, numbered. */
export function numberBlocks(model: ReportModel): { tables: NumberedTable[]; charts: NumberedChart[] } {
  const tables: NumberedTable[] = [];
  const charts: NumberedChart[] = [];
  const walk = (sections: readonly Section[]) => {
    for (const section of sections) {
      for (const block of section.blocks) {
        if (block.type === 'table') tables.push({ table: block, number: tables.length + 1, section });
        else if (block.type === 'chart') charts.push({ chart: block, number: charts.length + 1, section });
      }
      walk(section.sections);
    }
  };
  walk(model.sections);
  return { tables, charts };
}
