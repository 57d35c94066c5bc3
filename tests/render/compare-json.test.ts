/**
 * The comparison behind `rapport generate --check`: two JSON report documents, every difference listed in Swedish by
 * table / row / column (or section and paragraph), values as printed, and the exact value when the print is the same.
 */
import { describe, expect, it } from 'vitest';
import { compareReportDocuments } from '../../src/render/compare-json.js';

const money = (ore: number | null) => ({ kind: 'money', ore, unit: 'tkr' });
const text = (t: string) => ({ kind: 'text', text: t });

function doc(over: { rows?: unknown[]; paragraph?: string; meta?: Record<string, unknown>; caveats?: string[]; chart?: (number | null)[] } = {}) {
  return {
    version: 1,
    meta: { title: 'Delårsrapport per augusti', unit: 'Region Exempel', period: '2024-08', ...over.meta },
    caveats: over.caveats ?? [],
    sections: [
      {
        id: 'drift',
        number: '3.1',
        title: 'Ekonomiskt resultat',
        level: 2,
        blocks: [
          { type: 'paragraph', text: over.paragraph ?? 'Utfallet är en nettokostnad på 8 936 miljoner kronor.', drafted: true },
          {
            type: 'table',
            id: 'resultat',
            title: 'Ekonomiskt resultat per augusti 2024',
            columns: [{ header: 'Gruppering', align: 'left' }, { header: 'Ack utfall innev år', align: 'right' }, { header: 'Årsbudget', align: 'right' }],
            rows: over.rows ?? [
              { cells: [text('Verksamhetens intäkter'), money(null), money(null)], emphasis: 'section' },
              { cells: [text('Patientavgifter'), money(23_553_912_345), money(36_414_400_000)], emphasis: 'normal', level: 1 },
              { cells: [text('Total'), money(23_553_912_345), money(36_414_400_000)], emphasis: 'subtotal' },
              { cells: [text('Verksamhetens kostnader'), money(null), money(null)], emphasis: 'section' },
              { cells: [text('Läkemedel'), money(-119_633_600_000), money(-181_690_600_000)], emphasis: 'normal', level: 1 },
              { cells: [text('Total'), money(-119_633_600_000), money(-181_690_600_000)], emphasis: 'subtotal' },
            ],
            notes: ['Belopp i tusental kronor (tkr).'],
          },
          { type: 'chart', id: 'c', kind: 'line', title: 'Nettokostnad', altText: 'Linjediagram.', categories: ['Januari', 'Februari'], series: [{ name: 'Utfall 2024', values: over.chart ?? [1135, 2260] }], unit: 'mnkr', dataTableId: 'resultat' },
        ],
        sections: [],
      },
    ],
  };
}

describe('compareReportDocuments', () => {
  it('finds no difference between a document and its copy', () => {
    expect(compareReportDocuments(doc(), JSON.parse(JSON.stringify(doc())))).toEqual([]);
  });

  it('lists a moved figure by table, row and column with the printed values', () => {
    const changed = doc();
    // Läkemedel's cost grows by 100 000 kr = 100 tkr: -1 196 336 tkr → -1 196 436 tkr; the cost section's Total too.
    const rows = changed.sections[0]!.blocks[1]!.rows as { cells: { ore?: number | null }[] }[];
    rows[4]!.cells[1]!.ore = -119_633_600_000 - 10_000_000;
    rows[5]!.cells[1]!.ore = -119_633_600_000 - 10_000_000;
    expect(compareReportDocuments(doc(), changed)).toEqual([
      { where: 'Tabell "Ekonomiskt resultat per augusti 2024" (resultat, avsnitt 3.1) / rad "Verksamhetens kostnader / Läkemedel" / kolumn "Ack utfall innev år"', old: '-1 196 336 tkr', new: '-1 196 436 tkr' },
      { where: 'Tabell "Ekonomiskt resultat per augusti 2024" (resultat, avsnitt 3.1) / rad "Verksamhetens kostnader / Total" / kolumn "Ack utfall innev år"', old: '-1 196 336 tkr', new: '-1 196 436 tkr' },
    ]);
  });

  it('keeps the two Total rows apart and shows the exact value when the rounded print is unchanged', () => {
    const changed = doc();
    const rows = changed.sections[0]!.blocks[1]!.rows as { cells: { ore?: number | null }[] }[];
    // 12,50 kr more income: 235 539,12345 tkr prints 235 539 either way.
    rows[2]!.cells[1]!.ore = 23_553_912_345 + 1250;
    const d = compareReportDocuments(doc(), changed);
    expect(d).toEqual([
      {
        where: 'Tabell "Ekonomiskt resultat per augusti 2024" (resultat, avsnitt 3.1) / rad "Verksamhetens intäkter / Total" / kolumn "Ack utfall innev år" (samma avrundade värde 235 539 tkr)',
        old: '235 539 123,45 kr',
        new: '235 539 135,95 kr',
      },
    ]);
  });

  it('lists a row that came or went, a changed paragraph, a chart value, the details and the caveats', () => {
    const base = doc();
    const rows = [...(base.sections[0]!.blocks[1]!.rows as unknown[])];
    rows.splice(2, 0, { cells: [text('Övriga intäkter'), money(100_000), money(null)], emphasis: 'normal', level: 1 });
    const changed = doc({ rows, paragraph: 'Utfallet är en nettokostnad på 8 937 miljoner kronor.', meta: { unit: 'Regionstyrelsen' }, caveats: ['Ny varning.'], chart: [1135, 2261] });
    expect(compareReportDocuments(base, changed)).toEqual([
      { where: 'Rapportens uppgifter: unit', old: 'Region Exempel', new: 'Regionstyrelsen' },
      { where: 'Observera, punkt', old: '', new: 'Ny varning.' },
      { where: 'Avsnitt 3.1 "Ekonomiskt resultat" / stycke 1', old: 'Utfallet är en nettokostnad på 8 936 miljoner kronor.', new: 'Utfallet är en nettokostnad på 8 937 miljoner kronor.' },
      { where: 'Tabell "Ekonomiskt resultat per augusti 2024" (resultat, avsnitt 3.1) / rad "Verksamhetens intäkter / Övriga intäkter"', old: 'raden saknas', new: 'Övriga intäkter | 1 tkr | (tom)' },
      { where: 'Diagram "Nettokostnad" (c, avsnitt 3.1) / serie "Utfall 2024" / "Februari"', old: '2260', new: '2261' },
    ]);
  });

  it('lists a section that is gone and anything else by its path', () => {
    const changed = { ...doc(), sections: [], extra: 1 };
    expect(compareReportDocuments(doc(), changed)).toEqual([
      { where: 'Avsnitt 3.1 "Ekonomiskt resultat"', old: 'finns', new: 'avsnittet saknas' },
      { where: 'Rapportmodellen: extra', old: '', new: '1' },
    ]);
  });
});
