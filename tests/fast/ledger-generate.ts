/**
 * Random Raindance-like ledger exports for the differential test of the fast ledger reader: the general reader
 * (`readLedger`) is the oracle, so the generator only needs to produce realistic and awkward bytes, not expected
 * values. `clean: true` leaves out everything the fast path hands to the general reader, so those files must be
 * read by the fast path itself.
 */
import iconv from 'iconv-lite';
import { Rng } from './helpers.js';

export interface GeneratedLedger {
  bytes: Uint8Array;
  /** Settings for `ledgerSourceSchema.parse`. */
  spec: Record<string, unknown>;
  description: string;
}

const CC = ['110100', '110101', '0100', '00123', '110200', '2001', 'A12', '42', '99999999', '123456789'];
const ACC = ['3611', '4010', '0400', '5411', '7010', 'K55', '3', '30000'];
const NAMES = [
  'Centrala anslag', 'Regiondirektörens stab', 'Försäljning av tjänster', 'Löner; tillsvidare', 'Bolaget "AB"',
  'rad1\nrad2', '', ' ', '  Åtgärd  ', 'Övrigt €', 'Vårdcentral Umeå', 'Kök, städ',
];
const CLEAN_AMOUNTS = ['-6997851,46', '1234', '0,5', '', '1 234,50', '1\u00a0234,50', '-0,00', '12 345 678,9', '7', '-1', '100,10'];
const MESSY_AMOUNTS = [
  ' ', '−1 234,50', '1\u202f234,50', '1234,50-', '(1 234,50)', '1.234', '12,345', 'abc', '1234,505', '+12', "'1234",
  '1234 kr', 'SEK 12', '1e3', '1 23,4', '-', '–', '12 34', '1.234,50', '9999999999999999',
];
const CLEAN_PERIODS = ['202401', '202402', '202408', '202312', '202301'];
const MESSY_PERIODS = ['2024-08', '202413', 'aug-24', '', '2024', '08/09/2024', '2408'];

function csvField(value: string, delimiter: string, rng: Rng): string {
  const needs = value.includes(delimiter) || /["\r\n]/.test(value);
  return needs || rng.chance(0.05) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * `rowCount`: rows to write (default 1–40). `extraFields`: share of rows with two empty fields too many (harmless
 * for the readers, but each costs io/csv.ts a "resumption" and it gives up after 200).
 */
export function generateLedger(rng: Rng, clean: boolean, rowCount?: number, extraFields = 0.05): GeneratedLedger {
  const encoding = rng.pick(['windows-1252', 'utf-8', 'utf-8-bom'] as const);
  const declared = rng.pick(['auto', encoding === 'windows-1252' ? 'windows-1252' : 'utf-8'] as const);
  const delimiter = rng.pick([';', ';', ',', '\t'] as const);
  const eol = rng.pick(['\r\n', '\r\n', '\n', '\r'] as const);
  const withForecast = rng.chance(0.3);
  const withBudget = rng.chance(0.85);
  const withNames = rng.chance(0.8);
  // mnkr scales amounts by 10^8: sums of a few rows can leave the exact range, which readLedger does not accept.
  const unit = rng.chance(0.85) ? 'kr' : clean ? 'tkr' : rng.pick(['tkr', 'mnkr'] as const);
  const duplicates = rng.pick(['error', 'sum'] as const);
  const sign = rng.pick(['ledger', 'report'] as const);

  // Header: required and optional columns in a random order, with an extra column or two.
  const columns = ['Ansvar', 'Konto', 'Period', 'Utfall'];
  if (withBudget) columns.push('Budget');
  if (withForecast) columns.push('Prognos');
  if (withNames) columns.push('Ansvar (T)', 'Konto (T)');
  if (rng.chance(0.5)) columns.push('Verksamhet');
  for (let i = columns.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [columns[i], columns[j]] = [columns[j]!, columns[i]!];
  }

  const lines: string[] = [];
  if (rng.chance(0.3)) lines.push('Rapport: Resultat 2024-08', '');
  if (rng.chance(0.2)) lines.push(`Utskriven${delimiter}2024-09-02`);
  lines.push(columns.join(delimiter));

  const amounts = clean ? CLEAN_AMOUNTS : [...CLEAN_AMOUNTS, ...CLEAN_AMOUNTS, ...MESSY_AMOUNTS];
  const periods = clean ? CLEAN_PERIODS : [...CLEAN_PERIODS, ...CLEAN_PERIODS, ...MESSY_PERIODS];
  const names = NAMES.filter((n) => encoding !== 'windows-1252' || !/[^\u0000-\u00ff€]/.test(n));
  const rows = rowCount ?? rng.int(1, 40);
  const codeCc = CC.slice(0, rng.int(2, CC.length));
  const codeAcc = ACC.slice(0, rng.int(2, ACC.length));
  const used: string[][] = [];
  for (let r = 0; r < rows; r++) {
    // Awkward rows (a clean file keeps at least its first data row).
    if ((r > 0 || !clean) && rng.chance(0.06)) {
      lines.push(rng.pick(['', '   ', delimiter.repeat(columns.length - 1)]));
      continue;
    }
    if (!clean && rng.chance(0.04)) {
      const kind = rng.pick(['sum', 'empty-code', 'short', 'long', 'stray-quote', 'repeated-header', 'nul', 'unclosed']);
      if (kind === 'sum') lines.push(columns.map((c) => (c === 'Ansvar' ? 'Summa' : c === 'Utfall' ? '100' : '')).join(delimiter));
      else if (kind === 'empty-code') lines.push(columns.map((c) => (c === 'Utfall' ? '5' : c === 'Period' ? '202401' : '')).join(delimiter));
      else if (kind === 'short') lines.push(columns.slice(1).map(() => '1').join(delimiter));
      else if (kind === 'long') lines.push([...columns.map(() => '1'), 'x'].join(delimiter));
      else if (kind === 'stray-quote') lines.push(columns.map((c) => (c === 'Ansvar' ? '11"0' : '1')).join(delimiter));
      else if (kind === 'repeated-header') lines.push(columns.join(delimiter));
      else if (kind === 'nul') lines.push(columns.map(() => '1\u0000').join(delimiter));
      else lines.push(columns.map((c) => (c === 'Utfall' ? '"12' : '1')).join(delimiter));
      continue;
    }
    let cc = rng.pick(codeCc);
    let acc = rng.pick(codeAcc);
    let period = rng.pick(periods);
    // Repeat an earlier key now and then.
    if (used.length > 0 && rng.chance(0.15)) [cc, acc, period] = rng.pick(used) as [string, string, string];
    used.push([cc, acc, period]);
    const values: Record<string, string> = {
      Ansvar: rng.chance(0.05) ? ` ${cc} ` : cc,
      Konto: acc,
      Period: period,
      Utfall: rng.pick(amounts),
      Budget: rng.pick(amounts),
      Prognos: rng.pick(amounts),
      'Ansvar (T)': rng.pick(names),
      'Konto (T)': rng.pick(names),
      Verksamhet: rng.pick(['890', '100', '']),
    };
    let fields = columns.map((c) => csvField(values[c]!, delimiter, rng));
    // In a ,-separated file an empty extra field on some rows only is an error (a decimal comma may have split a
    // value: sources/table.ts), so a clean ,-file has none.
    if (rng.chance(extraFields) && !(clean && delimiter === ',')) fields = [...fields, '', ''];
    lines.push(fields.join(delimiter));
  }
  for (let k = rng.chance(0.2) ? rng.int(1, 3) : 0; k > 0; k--) lines.push('');
  let text = lines.join(eol);
  if (rng.chance(0.7)) text += eol;

  let bytes: Uint8Array;
  if (encoding === 'windows-1252') bytes = new Uint8Array(iconv.encode(text, 'windows-1252'));
  else {
    const body = Buffer.from(text, 'utf8');
    bytes = new Uint8Array(encoding === 'utf-8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body);
  }
  const spec = {
    file: 'huvudbok.csv',
    encoding: declared,
    delimiter: rng.chance(0.5) ? 'auto' : delimiter,
    sign,
    duplicates,
    unit,
    amounts: {
      trailingMinus: rng.chance(0.3),
      parenthesesNegative: rng.chance(0.3),
      periodThousands: rng.chance(0.2),
      stripCurrency: rng.chance(0.7),
    },
  };
  return {
    bytes,
    spec,
    description: `${encoding} declared=${declared} delim=${JSON.stringify(delimiter)} eol=${JSON.stringify(eol)} cols=${columns.join('|')} ${duplicates} ${sign} ${unit}`,
  };
}
