#!/usr/bin/env node
// Generates a Raindance-shaped ledger export for the benchmark (scripts/bench.mjs): Windows-1252, `;`, CRLF, ten
// columns `Ansvar;Ansvar (T);Verksamhet;Aktivitet;Projekt;Konto;Konto (T);Period;Utfall;Budget`, decimal comma,
// ledger sign (income negative), Swedish names with å/ä/ö. One line per kodsträng × period, so several lines share
// an ansvar × konto × period (they differ in verksamhet/aktivitet/projekt) and the reader sums them
// (`duplicates: sum`). Deterministic: the same line count gives byte-identical files.
//
// Shape: 800 ansvar, each using 40 of 400 konton, periods 202301–202412 (utfall to 202408, budget for 2024 only;
// an empty cell is "no value"), so at most 800 × 40 × 24 = 768 000 distinct ansvar × konto × period keys.
//
// With --year-month the period is in two columns, `År;Månad` ("2024;8") instead of `Period` ("202408"), as some
// Raindance reports export it; everything else, the amounts included, is the same.
//
// Usage: node scripts/bench-generate.mjs <lines> <out.csv> [--year-month]

import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';

/** mulberry32 */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UNIT_KINDS = [
  'Vårdcentral', 'Ortopedkliniken', 'Kirurgkliniken', 'Medicinkliniken', 'Barn- och ungdomsmottagning', 'Röntgen',
  'Folktandvården', 'Psykiatrisk öppenvård', 'Ambulanssjukvård', 'Förlossning och BB', 'Ögonmottagning',
  'Hälsocentral', 'Kvinnosjukvård', 'Ekonomistaben', 'Regionservice', 'Fastighetsförvaltning', 'Kulturenheten',
  'Kollektivtrafik', 'Regiondirektörens stab', 'Digitalisering och IT', 'Vårdhygien', 'Smärtmottagning',
];
const PLACES = [
  'Umeå', 'Skellefteå', 'Lycksele', 'Vilhelmina', 'Storuman', 'Åsele', 'Dorotea', 'Malå', 'Sorsele', 'Norsjö',
  'Robertsfors', 'Vännäs', 'Vindeln', 'Bjurholm', 'Nordmaling', 'Tärnaby', 'Holmsund', 'Sävar', 'Hörnefors',
  'Ålidhem', 'Teg', 'Mariehem', 'Väst', 'Öst',
];
const ACCOUNT_WORDS = [
  'Försäljning av tjänster', 'Patientavgifter', 'Riktade statsbidrag', 'Övriga intäkter', 'Hyresintäkter',
  'Löner tillsvidareanställda', 'Löner visstidsanställda', 'Övertidsersättning', 'Sociala avgifter',
  'Pensionskostnader', 'Läkemedel inom förmånen', 'Medicinskt material', 'Köpt vård övriga regioner',
  'Inhyrd personal läkare', 'Lokalhyror', 'Städtjänster', 'Energi och värme', 'IT-tjänster', 'Programlicenser',
  'Resor och logi', 'Utbildning', 'Förbrukningsmaterial', 'Telefoni', 'Porto och frakt', 'Avskrivningar inventarier',
  'Konsulttjänster', 'Måltider', 'Tolktjänster', 'Försäkringar', 'Övriga främmande tjänster',
];
const INCOME_WORDS = ACCOUNT_WORDS.slice(0, 5);
const COST_WORDS = ACCOUNT_WORDS.slice(5);
const VERKSAMHET = ['890', '100', '110', '120', '130', '150', '200', '210', '300', '310', '320', '400', '410', '500',
  '510', '600', '610', '700', '710', '800', '810', '820', '830', '840', '850', '860', '870', '880', '891', '899'];

const N_ANSVAR = 800;
const N_KONTO = 400;
const KONTON_PER_ANSVAR = 40;
const PERIODS = [];
for (const y of [2023, 2024]) for (let m = 1; m <= 12; m++) PERIODS.push(y * 100 + m);

const enc = (s) => iconv.encode(s, 'windows-1252');

export function generateLedger(lines, outPath, { yearMonth = false } = {}) {
  const r = rng(20240831);
  const ansvar = [];
  for (let i = 0; i < N_ANSVAR; i++) {
    const code = String(110000 + i * 7 + 1);
    const name = `${UNIT_KINDS[i % UNIT_KINDS.length]} ${PLACES[Math.floor(i / UNIT_KINDS.length) % PLACES.length]}`;
    ansvar.push(enc(`${code};${name};`));
  }
  const konto = [];
  for (let i = 0; i < N_KONTO; i++) {
    const code = 3000 + Math.floor((i * 5000) / N_KONTO) + (i % 7);
    const income = code < 4000;
    const words = income ? INCOME_WORDS : COST_WORDS;
    const name = `${words[i % words.length]} ${Math.floor(i / words.length) + 1}`;
    konto.push({ bytes: enc(`${code};${name};`), income });
  }
  const accountsOf = [];
  for (let i = 0; i < N_ANSVAR; i++) {
    const set = new Set();
    while (set.size < KONTON_PER_ANSVAR) set.add(Math.floor(r() * N_KONTO));
    accountsOf.push([...set]);
  }
  const verks = VERKSAMHET.map((v) => enc(`${v};`));

  const fd = openSync(`${outPath}.tmp`, 'w');
  const CAP = 1 << 20;
  let buf = Buffer.allocUnsafe(CAP + 4096);
  let n = 0;
  const flush = () => {
    writeSync(fd, buf, 0, n);
    n = 0;
  };
  const put = (bytes) => {
    bytes.copy(buf, n);
    n += bytes.length;
  };
  const putText = (s) => {
    for (let k = 0; k < s.length; k++) buf[n++] = s.charCodeAt(k);
  };
  /** öre → "-123537,87" */
  const putOre = (ore) => {
    if (ore < 0) {
      buf[n++] = 0x2d;
      ore = -ore;
    }
    const kr = Math.floor(ore / 100);
    const o = ore % 100;
    putText(String(kr));
    buf[n++] = 0x2c;
    buf[n++] = 0x30 + Math.floor(o / 10);
    buf[n++] = 0x30 + (o % 10);
  };

  const periodHeader = yearMonth ? 'År;Månad' : 'Period';
  put(enc(`Ansvar;Ansvar (T);Verksamhet;Aktivitet;Projekt;Konto;Konto (T);${periodHeader};Utfall;Budget\r\n`));
  for (let line = 0; line < lines; line++) {
    const a = Math.floor(r() * N_ANSVAR);
    const k = accountsOf[a][Math.floor(r() * KONTON_PER_ANSVAR)];
    const period = PERIODS[Math.floor(r() * PERIODS.length)];
    put(ansvar[a]);
    put(verks[Math.floor(r() * verks.length)]);
    // Aktivitet: four digits or empty; Projekt: mostly empty.
    if (r() < 0.6) putText(String(1000 + Math.floor(r() * 9000)));
    buf[n++] = 0x3b;
    if (r() < 0.15) putText(`P${10000 + Math.floor(r() * 90000)}`);
    buf[n++] = 0x3b;
    const kt = konto[k];
    put(kt.bytes);
    putText(yearMonth ? `${Math.floor(period / 100)};${period % 100}` : String(period));
    buf[n++] = 0x3b;
    // Ledger sign: income accounts credit (negative), costs debit (positive), a few corrections the other way.
    const sign = (kt.income ? -1 : 1) * (r() < 0.05 ? -1 : 1);
    const size = r() < 0.1 ? 100_000_000 : r() < 0.5 ? 5_000_000 : 200_000;
    if (period <= 202408) putOre(sign * Math.floor(r() * size));
    buf[n++] = 0x3b;
    if (period >= 202401) putOre(sign * Math.floor(r() * size));
    buf[n++] = 0x0d;
    buf[n++] = 0x0a;
    if (n >= CAP) flush();
  }
  flush();
  closeSync(fd);
  renameSync(`${outPath}.tmp`, outPath);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const yearMonth = args.includes('--year-month');
  const [linesArg, out] = args.filter((a) => a !== '--year-month');
  const lines = Number(linesArg);
  if (!Number.isInteger(lines) || lines <= 0 || !out || args.length > (yearMonth ? 3 : 2)) {
    console.error('usage: node scripts/bench-generate.mjs <lines> <out.csv> [--year-month]');
    process.exit(64);
  }
  generateLedger(lines, out, { yearMonth });
}
