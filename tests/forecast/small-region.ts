/**
 * A small region written to a temporary folder (a name with a space and å), for tests of forecast proposals and
 * budget periodisation through the configuration: two ansvar under two förvaltningar, three report rows, a ledger
 * in report sign (kronor, decimal comma, UTF-8) and an optional forecast file. Amounts are given in whole kronor.
 */
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** [ansvar, konto, period YYYYMM, utfall kr | null, budget kr | null] */
export type Line = [cc: string, account: string, period: number, actual: number | null, budget: number | null];
/** [occasion YYYY-MM, ansvar, report row, forecast kr] */
export type ForecastLine = [occasion: string, cc: string, row: string, forecast: number];

const kr = (v: number | null): string => (v === null ? '' : `${v},00`);

/** The months 1..12 of a year as [period, value] for a value per month (null = no line). */
export function months(year: number, values: readonly (number | null)[]): [number, number | null][] {
  return values.map((v, i) => [year * 100 + i + 1, v]);
}

export async function smallRegion(o: {
  readonly lines: readonly Line[];
  readonly forecasts?: readonly ForecastLine[];
  /** YAML appended to the configuration (forecast:, budget:, units:). */
  readonly extra?: string;
  /** report.unitLevels (default [root]). */
  readonly unitLevels?: string;
}): Promise<{ dir: string; config: string; out: string }> {
  const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'rapport-prognos-')), 'Region å');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'organisation.csv'), 'Ansvar;Ansvar (T);Förvaltning\n100;Vårdcentral A;Primärvård\n200;Kansli;Stab\n');
  await writeFile(
    path.join(dir, 'kontogrupper.csv'),
    'Konto;Konto (T);Rad;Avsnitt\n3011;Avgifter;Intäkter;Verksamhetens intäkter\n4011;Löner;Personal;Verksamhetens kostnader\n5011;Köpt vård;Köpt vård;Verksamhetens kostnader\n',
  );
  const names: Record<string, string> = { '100': 'Vårdcentral A', '200': 'Kansli' };
  const accountNames: Record<string, string> = { '3011': 'Avgifter', '4011': 'Löner', '5011': 'Köpt vård' };
  await writeFile(
    path.join(dir, 'huvudbok.csv'),
    'Ansvar;Ansvar (T);Konto;Konto (T);Period;Utfall;Budget\n' +
      o.lines.map(([cc, a, p, actual, budget]) => `${cc};${names[cc]};${a};${accountNames[a]};${p};${kr(actual)};${kr(budget)}`).join('\n') + '\n',
  );
  if (o.forecasts) {
    await writeFile(path.join(dir, 'prognoser.csv'), 'Prognostillfälle;Ansvar;Rad;Prognos\n' + o.forecasts.map(([occ, cc, row, v]) => `${occ};${cc};${row};${kr(v)}`).join('\n') + '\n');
  }
  const config = `organisation:
  name: Region Liten
  unit: Nämnden
report:
  unitLevels: ${o.unitLevels ?? '[root]'}
sources:
  ledger: { file: huvudbok.csv, encoding: utf-8, delimiter: ";", sign: report }
  organisation: { file: organisation.csv, encoding: utf-8, delimiter: ";", columns: { levels: [Förvaltning] } }
  accountGroups: { file: kontogrupper.csv, encoding: utf-8, delimiter: ";" }
${o.forecasts ? '  forecasts: { file: prognoser.csv, encoding: utf-8, delimiter: ";", columns: { reportRow: Rad } }\n' : ''}${o.extra ?? ''}`;
  const file = path.join(dir, 'rapport.config.yaml');
  await writeFile(file, config);
  return { dir, config: file, out: path.join(dir, 'rapporter') };
}
