import { describe, expect, it } from 'vitest';
import { unitCaveats } from '../../src/report/caveats.js';
import type { Diagnostic } from '../../src/model/diagnostics.js';

const w = (code: string, message: string): Diagnostic => ({ code, severity: 'warning', message });

describe("a report's caveats (issue 11 item 5)", () => {
  const warnings = [
    w('goals.indicator.renamed', 'Indikatorn I15 har bytt namn (jämfört med fixtures/region-exempel/mal/indikatorer-2024-04.csv).'),
    w('ledger.forecast-unused', 'Huvudboken har prognosbelopp på 3 rader.'),
    { ...w('personnel.x', 'Filen C:\\Ekonomi\\Delår 2024\\franvaro.csv och \\\\server\\dela\\anst.xlsx lästes.'), location: { file: 'C:\\Ekonomi\\Delår 2024\\franvaro.csv' } },
  ];

  it("puts the goal export's warnings only in the report with the goal section", () => {
    expect(unitCaveats(warnings, true)).toHaveLength(3);
    expect(unitCaveats(warnings, false).map((c) => c.slice(0, 20))).toEqual(['Huvudboken har progn', 'Filen franvaro.csv o']);
  });

  it('names files without their paths, and keeps at most five', () => {
    const [goal, , hr] = unitCaveats(warnings, true);
    expect(goal).toBe('Indikatorn I15 har bytt namn (jämfört med indikatorer-2024-04.csv).');
    expect(hr).toBe('Filen franvaro.csv och anst.xlsx lästes.');
    expect(unitCaveats(Array.from({ length: 8 }, (_, i) => w('ledger.x', `V${i}`)), false)).toEqual(['V0', 'V1', 'V2', 'V3', 'V4']);
  });

  it("puts a warning that names a unit (a restated closed month, case 81) only in that unit's report", () => {
    const restated = { ...w('output.closed-period-changed', 'Vårdcentral Norr, "Personal", 2024-02: utfallet är nu 2 kr men var 1 kr.'), unit: 'vc-norr' };
    expect(unitCaveats([restated, warnings[1]!], false, 'vc-norr')).toHaveLength(2);
    expect(unitCaveats([restated, warnings[1]!], false, 'vc-soder')).toEqual(['Huvudboken har prognosbelopp på 3 rader.']);
  });
});
