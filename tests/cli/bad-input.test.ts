/**
 * `rapport validate` on the bad-input catalogue (shared/docs/bad-input.md, groups A–D and F) as a user runs it:
 * a tiny region whose ledger file is replaced by each case. Asserts the documented outcome — exit code, the
 * diagnostic's code, and for row-level errors file, row, column and raw value. The readers' own tests
 * (tests/sources/) cover each case in more depth.
 */
import { describe, expect, it, vi } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { main } from '../../src/cli/main.js';

const HEADER = 'Ansvar;Ansvar (T);Konto;Konto (T);Period;Utfall;Budget';
const GOOD = [
  '1001;Vårdcentral Norr;3011;Patientavgifter;202401;-1000,00;-900,00',
  '1001;Vårdcentral Norr;4011;Löner;202401;5000,00;4800,00',
  '1002;Vårdcentral Söder;4011;Löner;202401;3000,00;3100,00',
];

function csv(lines: string[], eol = '\r\n'): string {
  return lines.join(eol) + eol;
}

async function region(ledger: Uint8Array | string, ledgerOptions = '', groupsExtra = ''): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rapport-bad-'));
  await writeFile(path.join(dir, 'organisation.csv'), 'Ansvar;Ansvar (T);Område\n1001;Vårdcentral Norr;Primärvård\n1002;Vårdcentral Söder;Primärvård\n');
  await writeFile(path.join(dir, 'kontogrupper.csv'), `Konto;Konto (T);Rad;Avsnitt\n3011;Patientavgifter;Patientavgifter;Verksamhetens intäkter\n4011;Löner;Personal;Verksamhetens kostnader\n${groupsExtra}`);
  await writeFile(path.join(dir, 'huvudbok.csv'), ledger);
  await writeFile(path.join(dir, 'rapport.config.yaml'), `organisation: { name: Region Test, unit: Nämnden }
sources:
  ledger:
    file: huvudbok.csv
${ledgerOptions}  organisation:
    file: organisation.csv
    columns: { levels: [Område] }
  accountGroups:
    file: kontogrupper.csv
`);
  return path.join(dir, 'rapport.config.yaml');
}

interface Diag { code: string; severity: string; message: string; value?: string; location?: { file: string; row?: number; column?: string } }

async function validate(config: string, extra: string[] = []): Promise<{ code: number; diagnostics: Diag[] }> {
  let out = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await main(['node', 'rapport', 'validate', '--period', '2024-01', '--config', config, '--json', ...extra]);
    return { code, diagnostics: (JSON.parse(out) as { diagnostics: Diag[] }).diagnostics };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

interface Case {
  readonly id: string;
  readonly ledger: () => Uint8Array | string;
  readonly options?: string;
  readonly groups?: string;
  readonly exit: number;
  /** The diagnostic expected (error for exit ≠ 0, warning otherwise). */
  readonly code?: string;
  /** For row-level errors: row, column and raw value the message must name. */
  readonly at?: { row: number; column?: string; value?: string };
}

const withLine = (i: number, line: string) => csv([HEADER, ...GOOD.slice(0, i), line, ...GOOD.slice(i)]);

const cases: Case[] = [
  { id: 'A1 UTF-8 with BOM', ledger: () => '\uFEFF' + csv([HEADER, ...GOOD]), exit: 0 },
  { id: 'A2 UTF-8 with å/ä/ö', ledger: () => csv([HEADER, ...GOOD, '1002;Vårdcentral Söder;3011;Åtgärdsavgift;202401;-10,00;']), exit: 0 },
  { id: 'A3 Windows-1252 with encoding auto', ledger: () => iconv.encode(csv([HEADER, ...GOOD]), 'win1252'), exit: 0, code: 'io.decoded-windows-1252' },
  { id: 'A3 Windows-1252 declared utf-8', ledger: () => iconv.encode(csv([HEADER, ...GOOD]), 'win1252'), options: '    encoding: utf-8\n', exit: 65, code: 'io.invalid-utf8', at: { row: 2 } },
  { id: 'A5 double-encoded UTF-8', ledger: () => csv([HEADER, ...GOOD]).replace(/ö/g, 'Ã¶').replace(/å/g, 'Ã¥'), exit: 65, code: 'io.mojibake' },
  { id: 'A7 xlsx renamed .csv', ledger: () => new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), exit: 65, code: 'io.xlsx-as-csv' },
  { id: 'A8 legacy .xls', ledger: () => new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), exit: 65, code: 'io.legacy-xls' },
  { id: 'A9 empty file', ledger: () => '', exit: 65, code: 'io.empty-file' },
  { id: 'A10 header only', ledger: () => csv([HEADER]), exit: 65, code: 'table.no-data' },
  { id: 'B12 wrong delimiter configured', ledger: () => csv([HEADER, ...GOOD]), options: '    delimiter: ","\n', exit: 65, code: 'table.missing-columns' },
  { id: 'B13 tab-separated, detected', ledger: () => csv([HEADER, ...GOOD].map((l) => l.replace(/;/g, '\t'))), exit: 0 },
  { id: 'B16 unclosed quote', ledger: () => withLine(1, '1001;"Vårdcentral Norr;4011;Löner;202402;10,00;'), exit: 65, code: 'csv.quote-not-closed', at: { row: 3 } },
  { id: 'B17 stray quote in unquoted field', ledger: () => withLine(1, '1001;AB "Bolag" AB;4011;Löner;202402;10,00;'), exit: 65, code: 'csv.invalid-opening-quote', at: { row: 3 } },
  { id: 'B18 short row', ledger: () => withLine(1, '1001;Vårdcentral Norr;4011;Löner;202402;10,00'), exit: 65, code: 'table.row-too-short', at: { row: 3, column: 'Budget' } },
  { id: 'B19 long row', ledger: () => withLine(1, '1001;Vårdcentral Norr;4011;Löner;202402;10,00;;extra'), exit: 65, code: 'table.row-too-long', at: { row: 3 } },
  { id: 'B21 delimiter-only line in the middle', ledger: () => withLine(1, ';;;;;;'), exit: 0, code: 'table.blank-lines' },
  { id: 'B22 LF line endings', ledger: () => csv([HEADER, ...GOOD], '\n'), exit: 0 },
  { id: 'B22 CR line endings', ledger: () => csv([HEADER, ...GOOD], '\r'), exit: 0 },
  { id: 'B23 duplicate header', ledger: () => csv([HEADER + ';Utfall', ...GOOD.map((l) => l + ';1')]), exit: 65, code: 'table.duplicate-header' },
  { id: 'B26 missing required column', ledger: () => csv([HEADER.replace('Konto;', 'Kto;'), ...GOOD]), exit: 65, code: 'table.missing-columns' },
  { id: 'B27 repeated header mid-file', ledger: () => csv([HEADER, GOOD[0]!, HEADER, GOOD[1]!, GOOD[2]!]), exit: 0, code: 'table.repeated-header' },
  { id: 'B28 title lines above the header', ledger: () => csv(['Rapport: Resultat 2024-01', '', HEADER, ...GOOD]), exit: 0 },
  { id: 'C32–34 thousands separators', ledger: () => withLine(1, '1001;Vårdcentral Norr;3011;Patientavgifter;202402;-1 234,50;-1\u00a0000,00'), exit: 0 },
  { id: 'C36 trailing minus without profile', ledger: () => withLine(1, '1001;Vårdcentral Norr;4011;Löner;202402;1234,50-;'), exit: 65, code: 'amount.trailing-minus', at: { row: 3, column: 'Utfall', value: '1234,50-' } },
  { id: 'C36 trailing minus with profile', ledger: () => withLine(1, '1001;Vårdcentral Norr;4011;Löner;202402;1234,50-;'), options: '    amounts: { trailingMinus: true }\n', exit: 0 },
  { id: 'C38 period thousands without profile', ledger: () => withLine(1, '1001;Vårdcentral Norr;4011;Löner;202402;1.234;'), exit: 65, code: 'amount.ambiguous-period', at: { row: 3, column: 'Utfall', value: '1.234' } },
  { id: 'C39 mixed locale', ledger: () => withLine(1, '1001;Vårdcentral Norr;4011;Löner;202402;"1,234.50";'), exit: 65, code: 'amount.mixed-locale', at: { row: 3, column: 'Utfall', value: '1,234.50' } },
  { id: 'C41 exponent', ledger: () => withLine(1, '1001;Vårdcentral Norr;4011;Löner;202402;1e3;'), exit: 65, code: 'amount.unparseable', at: { row: 3, column: 'Utfall', value: '1e3' } },
  { id: 'C43 three decimals', ledger: () => withLine(1, '1001;Vårdcentral Norr;4011;Löner;202402;1234,505;'), exit: 65, code: 'amount.too-many-decimals', at: { row: 3, column: 'Utfall', value: '1234,505' } },
  { id: 'C45 zero-width space', ledger: () => withLine(1, '1001;Vårdcentral Norr;4011;Löner;202402;1\u200b234;'), exit: 65, code: 'amount.invisible-character', at: { row: 3, column: 'Utfall' } },
  { id: 'C46 full-width digits', ledger: () => withLine(1, '1001;Vårdcentral Norr;4011;Löner;202402;\uff11\uff12;'), exit: 65, code: 'amount.non-ascii-digit', at: { row: 3, column: 'Utfall' } },
  { id: 'D53 period 202408 style', ledger: () => csv([HEADER, ...GOOD]), exit: 0 },
  { id: 'D56 invalid month', ledger: () => withLine(1, '1001;Vårdcentral Norr;4011;Löner;202413;10,00;'), exit: 65, code: 'period.invalid', at: { row: 3, column: 'Period', value: '202413' } },
  { id: 'F70 Summa row that matches', ledger: () => csv([HEADER, ...GOOD, 'Summa;;;;;7000,00;7000,00']), exit: 0, code: 'ledger.sum-rows-excluded' },
  { id: 'F70 Summa row that does not match', ledger: () => csv([HEADER, ...GOOD, 'Summa;;;;;7000,01;7000,00']), exit: 65, code: 'ledger.sum-mismatch', at: { row: 5 } },
  // The inserted line (row 3) comes first; the export's own line for the same key (row 4) is the duplicate.
  { id: 'F72 duplicate key rows', ledger: () => withLine(1, '1001;Vårdcentral Norr;4011;Löner;202401;1,00;'), exit: 65, code: 'ledger.duplicate-key', at: { row: 4 } },
  { id: 'F73 account not in mapping', ledger: () => withLine(1, '1001;Vårdcentral Norr;4999;Okänt;202401;1234,56;'), exit: 65, code: 'accounts.unmapped' },
  { id: 'F74 account mapped to two rows', ledger: () => csv([HEADER, ...GOOD]), groups: '4011;Löner;Övrigt;Verksamhetens kostnader\n', exit: 78, code: 'accounts.mapped-twice' },
  { id: 'F79 sign flip', ledger: () => csv([HEADER, ...GOOD]), options: '    sign: report\n', exit: 0, code: 'ledger.sign-suspect' },
];

describe('rapport validate on bad input (A–D, F)', () => {
  for (const c of cases) {
    it(`${c.id} → exit ${c.exit}${c.code ? `, ${c.code}` : ''}`, async () => {
      const config = await region(c.ledger(), c.options ?? '', c.groups ?? '');
      const r = await validate(config);
      expect(r.code, JSON.stringify(r.diagnostics.slice(0, 3))).toBe(c.exit);
      if (c.code) {
        const d = r.diagnostics.find((x) => x.code === c.code);
        expect(d, `${c.code} in ${JSON.stringify(r.diagnostics.map((x) => x.code))}`).toBeDefined();
        if (c.exit === 0) expect(d!.severity).not.toBe('error');
        else expect(d!.severity).toBe('error');
        if (c.at) {
          const file = c.code === 'accounts.mapped-twice' ? 'kontogrupper.csv' : 'huvudbok.csv';
          expect(d!.location?.file).toBe(file);
          expect(d!.location?.row).toBe(c.at.row);
          if (c.at.column) expect(d!.location?.column).toBe(c.at.column);
          if (c.at.value) {
            expect(d!.value).toBe(c.at.value);
            expect(d!.message + JSON.stringify(d)).toContain(c.at.value);
          }
        }
      } else {
        expect(r.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
      }
    });
  }

  it('--strict turns warnings into errors', async () => {
    const config = await region(csv([HEADER, GOOD[0]!, HEADER, GOOD[1]!, GOOD[2]!]));
    expect((await validate(config, ['--strict'])).code).toBe(65);
  });
});
