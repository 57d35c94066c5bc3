#!/usr/bin/env node
// Generates the synthetic example region "Region Exempel" in fixtures/region-exempel/:
// organisation.csv, kontogrupper.csv, raindance-saldo.csv, investeringar.csv and prognoser.csv, shaped like real
// Raindance exports (Windows-1252, `;`, CRLF, decimal comma, ledger sign in the saldo file).
//
// Everything is derived from a fixed seed: each value comes from a PRNG keyed by what it describes
// (ansvar, konto, purpose), so re-running gives byte-identical files and changing one unit does not reshuffle the rest.
//
// Usage: node scripts/generate-example-region.mjs [--out DIR] [--quiet]
// Prints a sanity summary per nämnd and förvaltning (mnkr, report sign) unless --quiet.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { hash32, mulberry32 } from './lib/random.mjs';

const SEED = 'region-exempel/2024-08/v1';
const HERE = path.dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------------------------------------------------------
// Deterministic randomness
// ---------------------------------------------------------------------------------------------------------------

/** A random source keyed by what it is for. */
function rng(...keys) {
  const next = mulberry32(hash32(`${SEED}|${keys.join('|')}`));
  const api = {
    next,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    /** Standard normal (Box–Muller), clipped to ±3 so no value runs wild. */
    normal: () => {
      const u = Math.max(next(), 1e-12);
      const v = next();
      const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
      return Math.max(-3, Math.min(3, z));
    },
    chance: (p) => next() < p,
  };
  return api;
}

// ---------------------------------------------------------------------------------------------------------------
// Chart of accounts (Region-Bas style) and report rows. Row order = print order.
// ---------------------------------------------------------------------------------------------------------------

const INCOME = 'Verksamhetens intäkter';
const COST = 'Verksamhetens kostnader';
const TAXES = 'Skatteintäkter';
const GRANTS = 'Generella statsbidrag och utjämning';
const FIN_INCOME = 'Finansiella intäkter';
const FIN_COSTS = 'Finansiella kostnader';

/** [report row, section] in print order. */
const ROWS = [
  ['Patientavgifter', INCOME],
  ['Såld vård och vårdersättningar', INCOME],
  ['Statsbidrag och bidrag', INCOME],
  ['Försäljning av tjänster', INCOME],
  ['Övriga intäkter', INCOME],
  ['Personalkostnader', COST],
  ['Inhyrd personal', COST],
  ['Övriga personalkostnader', COST],
  ['Köpt vård', COST],
  ['Övrig köpt verksamhet', COST],
  ['Läkemedel', COST],
  ['Material och varor', COST],
  ['Lokalkostnader', COST],
  ['IT och medicinsk teknik', COST],
  ['Övriga kostnader', COST],
  ['Avskrivningar', COST],
  // The region level below verksamhetens nettokostnad (Region-Bas class 8), booked on the Finansförvaltning ansvar.
  ['Skatteintäkter', TAXES],
  ['Generella statsbidrag och utjämning', GRANTS],
  ['Ränteintäkter', FIN_INCOME],
  ['Värdeförändring finansiella placeringar', FIN_INCOME],
  ['Räntekostnader', FIN_COSTS],
  ['Ränta på pensionsavsättning', FIN_COSTS],
];

/** [konto, kontonamn, report row, seasonal key]. Grouped by report row, in print order. */
const ACCOUNTS = [
  ['3011', 'Patientavgifter', 'Patientavgifter', 'care'],
  ['3051', 'Tandvårdsavgifter', 'Patientavgifter', 'care'],
  ['3111', 'Såld vård, andra regioner', 'Såld vård och vårdersättningar', 'care'],
  ['3121', 'Laboratorie- och röntgentjänster', 'Såld vård och vårdersättningar', 'care'],
  ['3141', 'Ersättning vårdval primärvård', 'Såld vård och vårdersättningar', 'capitation'],
  ['3151', 'Ersättning tandvård barn och unga', 'Såld vård och vårdersättningar', 'capitation'],
  ['3611', 'Riktade statsbidrag', 'Statsbidrag och bidrag', 'grant'],
  ['3621', 'EU-bidrag', 'Statsbidrag och bidrag', 'eu'],
  ['3631', 'Bidrag från kommuner', 'Statsbidrag och bidrag', 'flat'],
  ['3211', 'Biljettintäkter kollektivtrafik', 'Försäljning av tjänster', 'tickets'],
  ['3311', 'Hyresintäkter', 'Försäljning av tjänster', 'flat'],
  ['3411', 'Försäljning av tjänster', 'Försäljning av tjänster', 'sales'],
  ['3421', 'Försäljning av IT-tjänster', 'Försäljning av tjänster', 'flat'],
  ['3911', 'Övriga intäkter', 'Övriga intäkter', 'other'],
  // A jämförelsestörande post of its own account, so the configuration can mark it (regionResult).
  ['3915', 'Återbetalning AFA-premier', 'Övriga intäkter', 'other'],
  ['4011', 'Löner månadsavlönade', 'Personalkostnader', 'personnel'],
  ['4111', 'Löner timavlönade', 'Personalkostnader', 'hourly'],
  ['4211', 'Jour- och beredskapsersättning', 'Personalkostnader', 'oncall'],
  ['4511', 'Arbetsgivaravgifter', 'Personalkostnader', 'personnel'],
  ['4611', 'Pensionskostnader', 'Personalkostnader', 'pension'],
  ['4711', 'Inhyrda läkare', 'Inhyrd personal', 'hired'],
  ['4721', 'Inhyrda sjuksköterskor', 'Inhyrd personal', 'hired'],
  ['4811', 'Utbildning och konferenser', 'Övriga personalkostnader', 'training'],
  ['4821', 'Personalrepresentation och friskvård', 'Övriga personalkostnader', 'other'],
  ['5111', 'Köpt primärvård, vårdval', 'Köpt vård', 'capitation'],
  ['5121', 'Köpt tandvård', 'Köpt vård', 'capitation'],
  ['5311', 'Utomlänsvård och rikssjukvård', 'Köpt vård', 'care'],
  ['5211', 'Köpta tjänster och konsulter', 'Övrig köpt verksamhet', 'other'],
  ['5411', 'Köpt kollektivtrafik', 'Övrig köpt verksamhet', 'traffic'],
  ['5421', 'Sjukresor och serviceresor', 'Övrig köpt verksamhet', 'care'],
  ['5501', 'Köpta lab- och röntgentjänster', 'Övrig köpt verksamhet', 'care'],
  ['6111', 'Läkemedel inom förmånen', 'Läkemedel', 'drugs'],
  ['6121', 'Läkemedel, rekvisition', 'Läkemedel', 'care'],
  ['6211', 'Medicinskt material', 'Material och varor', 'care'],
  ['6221', 'Tandvårdsmaterial', 'Material och varor', 'care'],
  ['6311', 'Livsmedel', 'Material och varor', 'sales'],
  ['6411', 'Lokalhyror', 'Lokalkostnader', 'flat'],
  ['6421', 'El och värme', 'Lokalkostnader', 'heating'],
  ['6431', 'Fastighetsunderhåll', 'Lokalkostnader', 'maintenance'],
  ['6511', 'IT-tjänster', 'IT och medicinsk teknik', 'other'],
  ['6521', 'Licenser', 'IT och medicinsk teknik', 'licences'],
  ['6531', 'Service medicinteknik', 'IT och medicinsk teknik', 'other'],
  ['6911', 'Övriga kostnader', 'Övriga kostnader', 'other'],
  ['6921', 'Lämnade bidrag', 'Övriga kostnader', 'grantsGiven'],
  ['7811', 'Avskrivningar byggnader', 'Avskrivningar', 'depreciation'],
  ['7821', 'Avskrivningar inventarier', 'Avskrivningar', 'depreciation'],
  ['8011', 'Preliminära skatteintäkter', 'Skatteintäkter', 'flat'],
  ['8019', 'Slutavräkning skatteintäkter', 'Skatteintäkter', 'flat'],
  ['8211', 'Inkomstutjämningsbidrag', 'Generella statsbidrag och utjämning', 'flat'],
  ['8251', 'Statsbidrag för läkemedelsförmånen', 'Generella statsbidrag och utjämning', 'flat'],
  ['8411', 'Ränteintäkter', 'Ränteintäkter', 'flat'],
  ['8431', 'Värdeförändring finansiella placeringar', 'Värdeförändring finansiella placeringar', 'flat'],
  ['8511', 'Räntekostnader lån', 'Räntekostnader', 'flat'],
  ['8541', 'Ränta på pensionsavsättning', 'Ränta på pensionsavsättning', 'flat'],
];
const ACCOUNT = new Map(ACCOUNTS.map(([konto, name, row, key]) => [konto, { konto, name, row, key }]));
/** Accounts that nobody budgets (regions rarely budget hyrpersonal): utfall without budget, a blank budget cell. */
const UNBUDGETED = new Set(['4711', '4721']);
/** Income that follows the unit's own volume and cost level: internal sales, vårdval and tandvård ersättning, kommunbidrag. */
const TRACKING_INCOME = new Set(['3121', '3141', '3151', '3311', '3411', '3421', '3631']);
const CARE_GRANT_NAMNDER = new Set(['Regionstyrelsen', 'Hälso- och sjukvårdsnämnden']);

/**
 * Seasonal keys, January–December, for the budget (periodised) and as the base of the actual months.
 * personnel: low July (semesterlöneskuld), high June (semestertillägg) and December (skuldförändring).
 */
const KEYS = {
  personnel: [1.0, 0.97, 1.02, 1.0, 1.03, 1.12, 0.7, 0.93, 1.02, 1.03, 1.02, 1.16],
  hourly: [0.8, 0.78, 0.85, 0.85, 0.95, 1.3, 2.0, 1.45, 0.88, 0.82, 0.8, 0.82],
  oncall: [1.05, 0.95, 1.0, 1.0, 1.0, 1.1, 1.3, 1.1, 0.97, 0.98, 0.98, 1.2],
  pension: [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.25],
  hired: [0.9, 0.9, 0.95, 0.9, 1.0, 1.3, 1.6, 1.3, 0.9, 0.9, 0.9, 0.8],
  training: [0.6, 1.1, 1.3, 1.2, 1.1, 0.8, 0.2, 0.5, 1.3, 1.4, 1.3, 0.9],
  care: [1.0, 1.0, 1.08, 0.98, 1.02, 0.96, 0.66, 0.9, 1.05, 1.1, 1.06, 0.92],
  capitation: [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0],
  flat: [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0],
  grant: [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.4],
  eu: [0.5, 0.5, 1.5, 0.5, 0.5, 1.5, 0.5, 0.5, 1.5, 0.5, 0.5, 1.5],
  tickets: [0.95, 0.95, 1.05, 1.0, 1.0, 0.92, 0.78, 1.0, 1.1, 1.1, 1.05, 1.0],
  traffic: [1.0, 1.0, 1.05, 1.0, 1.0, 0.92, 0.78, 0.95, 1.05, 1.05, 1.05, 1.1],
  sales: [1.0, 0.97, 1.03, 1.0, 1.02, 0.98, 0.8, 0.95, 1.03, 1.05, 1.03, 1.1],
  drugs: [1.05, 0.95, 1.05, 0.98, 1.0, 1.0, 0.88, 0.95, 1.0, 1.05, 1.02, 1.07],
  heating: [1.6, 1.5, 1.3, 1.0, 0.7, 0.5, 0.45, 0.5, 0.7, 1.0, 1.3, 1.55],
  maintenance: [0.6, 0.7, 0.8, 0.9, 1.1, 1.3, 1.2, 1.3, 1.2, 1.1, 0.9, 1.3],
  licences: [2.2, 0.9, 0.9, 0.9, 0.9, 0.9, 0.7, 0.9, 0.9, 0.9, 0.9, 0.9],
  depreciation: [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0],
  grantsGiven: [0.7, 0.8, 1.2, 0.9, 1.0, 1.1, 0.5, 0.7, 1.1, 1.0, 1.0, 2.0],
  other: [0.85, 0.95, 1.0, 0.95, 1.0, 1.05, 0.6, 0.8, 1.05, 1.1, 1.1, 1.55],
};
/** Actual outcome bends the budget key a little: more holiday in July, more year-end in December. */
const ACTUAL_TILT = {
  personnel: [1, 1, 1, 1, 1, 1.03, 0.92, 1.01, 1, 1, 1, 1.02],
  other: [0.95, 1, 1, 1, 1, 1, 0.95, 1, 1, 1, 1, 1.08],
};

// ---------------------------------------------------------------------------------------------------------------
// Kinds of unit: which accounts they use. Cost shares are of the unit's gross cost (the size); income shares too.
// 'hired' accounts (4711/4721) get a unit-specific share, see inhyrd below.
// ---------------------------------------------------------------------------------------------------------------

const PERSONAL = (scale = 1) => ({ '4011': 0.5 * scale, '4511': 0.165 * scale, '4611': 0.042 * scale });

const KINDS = {
  // The region's financing: no verksamhet of its own; its lines come from FINANCING.
  finans: { verksamhet: '990', cost: {}, income: {} },
  stab: {
    verksamhet: '890',
    cost: { ...PERSONAL(1.15), '4111': 0.015, '4811': 0.02, '4821': 0.006, '5211': 0.06, '6411': 0.045, '6511': 0.04, '6521': 0.02, '6911': 0.025 },
    income: { '3411': 0.06, '3911': 0.008 },
  },
  politik: {
    verksamhet: '910',
    cost: { ...PERSONAL(1.05), '4811': 0.03, '4821': 0.01, '5211': 0.03, '6411': 0.02, '6511': 0.02, '6911': 0.06, '6921': 0.08 },
    income: { '3911': 0.005 },
  },
  revision: {
    verksamhet: '910',
    cost: { ...PERSONAL(0.6), '4811': 0.02, '5211': 0.5, '6411': 0.02, '6511': 0.02, '6911': 0.03 },
    income: {},
  },
  central: {
    verksamhet: '890',
    cost: { '4011': 0.08, '4511': 0.026, '4611': 0.01, '5211': 0.2, '6511': 0.03, '6911': 0.3, '6921': 0.35 },
    income: { '3611': 0.55, '3911': 0.05 },
  },
  pension: {
    verksamhet: '890',
    cost: { '4611': 0.78, '4511': 0.19, '5211': 0.02, '6911': 0.01 },
    income: { '3911': 0.01 },
  },
  bestpv: {
    verksamhet: '110',
    cost: { '5111': 0.955, '4011': 0.014, '4511': 0.005, '4611': 0.002, '4811': 0.001, '5211': 0.01, '6411': 0.003, '6511': 0.006, '6911': 0.004 },
    income: { '3611': 0.03, '3911': 0.002 },
  },
  besttv: {
    verksamhet: '410',
    cost: { '5121': 0.95, '4011': 0.02, '4511': 0.007, '4611': 0.002, '4811': 0.001, '5211': 0.01, '6411': 0.003, '6511': 0.005, '6911': 0.004 },
    income: { '3611': 0.02, '3911': 0.002 },
  },
  it: {
    verksamhet: '830',
    cost: { '4011': 0.3, '4111': 0.01, '4511': 0.1, '4611': 0.03, '4811': 0.012, '4821': 0.003, '5211': 0.14, '6411': 0.03, '6511': 0.12, '6521': 0.13, '6911': 0.02, '7821': 0.09 },
    income: { '3421': 0.62, '3911': 0.01 },
  },
  program: {
    verksamhet: '830',
    cost: { '4011': 0.22, '4511': 0.07, '4611': 0.02, '4811': 0.01, '5211': 0.38, '6411': 0.02, '6511': 0.08, '6521': 0.15, '6911': 0.02, '7821': 0.03 },
    income: { '3421': 0.2, '3611': 0.03 },
  },
  mt: {
    verksamhet: '830',
    cost: { '4011': 0.33, '4511': 0.11, '4611': 0.03, '4811': 0.015, '5211': 0.06, '6211': 0.05, '6411': 0.03, '6511': 0.02, '6531': 0.2, '6911': 0.03, '7821': 0.12 },
    income: { '3411': 0.72, '3911': 0.005 },
  },
  fastighet: {
    verksamhet: '820',
    cost: { '4011': 0.07, '4111': 0.005, '4511': 0.025, '4611': 0.007, '4811': 0.002, '5211': 0.05, '6411': 0.22, '6421': 0.16, '6431': 0.14, '6511': 0.008, '6911': 0.03, '7811': 0.25, '7821': 0.03 },
    income: { '3311': 0.9, '3911': 0.01 },
  },
  service: {
    verksamhet: '820',
    cost: { ...PERSONAL(0.9), '4111': 0.04, '4811': 0.005, '4821': 0.003, '5211': 0.05, '6411': 0.05, '6421': 0.01, '6511': 0.02, '6911': 0.1, '7821': 0.04 },
    income: { '3411': 0.88, '3911': 0.005 },
  },
  maltid: {
    verksamhet: '820',
    cost: { '4011': 0.33, '4111': 0.05, '4511': 0.12, '4611': 0.03, '4811': 0.005, '5211': 0.02, '6311': 0.32, '6411': 0.04, '6421': 0.015, '6511': 0.01, '6911': 0.04, '7821': 0.03 },
    income: { '3411': 0.84, '3911': 0.02 },
  },
  steril: {
    verksamhet: '820',
    cost: { '4011': 0.38, '4111': 0.03, '4511': 0.13, '4611': 0.03, '4811': 0.005, '6211': 0.16, '6411': 0.04, '6511': 0.01, '6531': 0.07, '6911': 0.04, '7821': 0.08 },
    income: { '3411': 0.9 },
  },
  sjukresor: {
    verksamhet: '820',
    cost: { '4011': 0.05, '4511': 0.017, '4611': 0.005, '4811': 0.001, '5211': 0.015, '5421': 0.88, '6411': 0.003, '6511': 0.02, '6911': 0.01 },
    // Egenavgifter are booked as övriga intäkter here, so Patientavgifter in the förvaltning is the hjälpmedelsavgift only.
    income: { '3911': 0.06 },
  },
  hjalpmedel: {
    verksamhet: '820',
    cost: { '4011': 0.2, '4511': 0.065, '4611': 0.02, '4811': 0.005, '5211': 0.08, '6211': 0.3, '6411': 0.04, '6511': 0.01, '6911': 0.04, '7821': 0.24 },
    income: { '3411': 0.82, '3011': 0.03 },
  },
  vardcentral: {
    verksamhet: '110',
    hired: { '4711': [0.0, 0.07], '4721': [0.0, 0.015] },
    cost: { '4011': 0.47, '4111': 0.025, '4211': 0.012, '4511': 0.155, '4611': 0.04, '4811': 0.01, '4821': 0.003, '5211': 0.015, '5501': 0.05, '6121': 0.02, '6211': 0.03, '6411': 0.065, '6511': 0.03, '6911': 0.02, '7821': 0.01 },
    income: { '3141': 0.86, '3011': 0.035, '3111': 0.008, '3611': 0.025, '3911': 0.008 },
  },
  pvspec: {
    verksamhet: '120',
    cost: { ...PERSONAL(1), '4111': 0.03, '4211': 0.01, '4811': 0.012, '5211': 0.04, '6211': 0.02, '6411': 0.07, '6511': 0.03, '6911': 0.03, '7821': 0.01 },
    income: { '3011': 0.02, '3611': 0.08, '3631': 0.03, '3911': 0.01 },
  },
  tand: {
    verksamhet: '410',
    cost: { '4011': 0.44, '4111': 0.02, '4511': 0.14, '4611': 0.035, '4811': 0.01, '5211': 0.05, '6121': 0.005, '6221': 0.08, '6411': 0.08, '6511': 0.025, '6531': 0.02, '6911': 0.03, '7821': 0.035 },
    income: { '3051': 0.5, '3151': 0.42, '3911': 0.005 },
  },
  klinik: {
    verksamhet: '210',
    hired: { '4711': [0.0, 0.03], '4721': [0.0, 0.015] },
    cost: { '4011': 0.41, '4111': 0.03, '4211': 0.045, '4511': 0.15, '4611': 0.04, '4811': 0.01, '4821': 0.002, '5211': 0.015, '5501': 0.06, '6121': 0.06, '6211': 0.07, '6311': 0.008, '6411': 0.05, '6511': 0.025, '6531': 0.015, '6911': 0.02, '7821': 0.02 },
    income: { '3011': 0.025, '3111': 0.06, '3411': 0.01, '3611': 0.02, '3911': 0.008 },
  },
  onkologi: {
    verksamhet: '210',
    hired: { '4711': [0.0, 0.02] },
    cost: { '4011': 0.3, '4111': 0.02, '4211': 0.02, '4511': 0.11, '4611': 0.03, '4811': 0.01, '5211': 0.015, '5501': 0.05, '6121': 0.26, '6211': 0.05, '6411': 0.04, '6511': 0.02, '6531': 0.03, '6911': 0.015, '7821': 0.03 },
    income: { '3011': 0.015, '3111': 0.08, '3611': 0.02, '3911': 0.005 },
  },
  psyk: {
    verksamhet: '310',
    hired: { '4711': [0.01, 0.05], '4721': [0.0, 0.02] },
    cost: { '4011': 0.49, '4111': 0.04, '4211': 0.04, '4511': 0.17, '4611': 0.045, '4811': 0.01, '4821': 0.002, '5211': 0.03, '5501': 0.01, '6121': 0.02, '6211': 0.005, '6311': 0.01, '6411': 0.07, '6511': 0.025, '6911': 0.025, '7821': 0.01 },
    income: { '3011': 0.01, '3111': 0.04, '3611': 0.03, '3911': 0.005 },
  },
  diagnostik: {
    verksamhet: '230',
    cost: { '4011': 0.4, '4111': 0.01, '4211': 0.02, '4511': 0.14, '4611': 0.04, '4811': 0.01, '5211': 0.03, '6211': 0.16, '6411': 0.04, '6511': 0.03, '6521': 0.02, '6531': 0.05, '6911': 0.02, '7821': 0.05 },
    income: { '3121': 0.86, '3111': 0.06 },
  },
  akut: {
    verksamhet: '250',
    hired: { '4711': [0.01, 0.04], '4721': [0.01, 0.03] },
    cost: { '4011': 0.44, '4111': 0.04, '4211': 0.05, '4511': 0.16, '4611': 0.04, '4811': 0.01, '5211': 0.01, '5501': 0.07, '6121': 0.03, '6211': 0.05, '6411': 0.04, '6511': 0.02, '6531': 0.01, '6911': 0.02, '7821': 0.015 },
    income: { '3011': 0.04, '3111': 0.05, '3911': 0.005 },
  },
  ambulans: {
    verksamhet: '250',
    cost: { '4011': 0.45, '4111': 0.03, '4211': 0.06, '4511': 0.16, '4611': 0.04, '4811': 0.01, '5211': 0.02, '6121': 0.01, '6211': 0.03, '6411': 0.03, '6511': 0.02, '6531': 0.02, '6911': 0.07, '7821': 0.07 },
    income: { '3011': 0.01, '3111': 0.02, '3911': 0.005 },
  },
  hab: {
    verksamhet: '510',
    cost: { ...PERSONAL(1.05), '4111': 0.02, '4811': 0.012, '4821': 0.003, '5211': 0.04, '6211': 0.02, '6411': 0.08, '6511': 0.03, '6911': 0.03, '7821': 0.01 },
    income: { '3011': 0.01, '3111': 0.03, '3611': 0.04, '3631': 0.05 },
  },
  lakemedel: {
    verksamhet: '210',
    cost: { '6111': 0.985, '4011': 0.006, '4511': 0.002, '4611': 0.001, '5211': 0.003, '6511': 0.002, '6911': 0.001 },
    income: { '3911': 0.04 },
  },
  utomlans: {
    verksamhet: '210',
    cost: { '5311': 0.965, '4011': 0.015, '4511': 0.005, '4611': 0.002, '5211': 0.01, '6911': 0.003 },
    income: { '3911': 0.005 },
  },
  ru: {
    verksamhet: '710',
    cost: { '4011': 0.22, '4511': 0.075, '4611': 0.02, '4811': 0.012, '4821': 0.002, '5211': 0.12, '6411': 0.025, '6511': 0.015, '6911': 0.03, '6921': 0.45 },
    income: { '3611': 0.2, '3621': 0.25, '3631': 0.04, '3911': 0.01 },
  },
  kultur: {
    verksamhet: '720',
    cost: { '4011': 0.18, '4511': 0.06, '4611': 0.015, '4811': 0.008, '5211': 0.07, '6411': 0.03, '6511': 0.01, '6911': 0.04, '6921': 0.55 },
    income: { '3611': 0.22, '3631': 0.05, '3911': 0.01 },
  },
  scen: {
    verksamhet: '720',
    cost: { '4011': 0.43, '4111': 0.06, '4511': 0.16, '4611': 0.04, '4811': 0.008, '5211': 0.09, '6411': 0.12, '6421': 0.015, '6511': 0.015, '6911': 0.05, '7821': 0.02 },
    income: { '3411': 0.14, '3611': 0.28, '3631': 0.08, '3911': 0.02 },
  },
  fhs: {
    verksamhet: '730',
    cost: { '4011': 0.44, '4111': 0.03, '4511': 0.15, '4611': 0.04, '4811': 0.01, '5211': 0.02, '6311': 0.06, '6411': 0.13, '6421': 0.03, '6511': 0.02, '6911': 0.05, '7821': 0.02 },
    income: { '3611': 0.7, '3411': 0.06, '3911': 0.04 },
  },
  naturbruk: {
    verksamhet: '730',
    cost: { '4011': 0.4, '4111': 0.03, '4511': 0.14, '4611': 0.035, '4811': 0.01, '5211': 0.03, '6311': 0.06, '6411': 0.08, '6421': 0.04, '6511': 0.02, '6911': 0.1, '7821': 0.05 },
    income: { '3631': 0.55, '3411': 0.18, '3611': 0.08, '3911': 0.01 },
  },
  trafik: {
    verksamhet: '810',
    cost: { '5411': 0.92, '4011': 0.025, '4511': 0.008, '4611': 0.002, '4811': 0.001, '5211': 0.015, '6511': 0.01, '6911': 0.008, '7821': 0.012 },
    income: { '3211': 0.33, '3631': 0.06, '3611': 0.03 },
  },
  skolskjuts: {
    verksamhet: '810',
    cost: { '5411': 0.95, '4011': 0.02, '4511': 0.007, '4611': 0.002, '4811': 0.001, '5211': 0.01, '6511': 0.005, '6911': 0.01 },
    income: { '3631': 0.95, '3211': 0.01 },
  },
  biljett: {
    verksamhet: '810',
    cost: { '4011': 0.25, '4511': 0.08, '4611': 0.02, '4811': 0.005, '5211': 0.2, '6511': 0.2, '6521': 0.1, '6911': 0.05, '7821': 0.1 },
    income: { '3411': 0.05 },
  },
  fardtjanst: {
    verksamhet: '810',
    cost: { '5421': 0.92, '4011': 0.04, '4511': 0.013, '4611': 0.004, '4811': 0.001, '5211': 0.01, '6411': 0.003, '6511': 0.01, '6911': 0.004 },
    income: { '3631': 0.75, '3211': 0.07 },
  },
};

// ---------------------------------------------------------------------------------------------------------------
// The organisation. Codes: nämnd digit, förvaltning digit, delområde (2), ansvar (2). Sizes: gross cost, mnkr 2024.
// Unit options: dev (cost deviation utfall/budget − 1), growth (cost growth 2023→2024), and special cases below.
// Place names are invented.
// ---------------------------------------------------------------------------------------------------------------

const ORG = [
  {
    name: 'Regionstyrelsen', costBias: 0.0, forv: [
      {
        name: 'Regionkontoret', del: [
          {
            name: 'Regionledning och staber', units: [
              ['Regiondirektörens stab', 'stab', 28],
              ['Ekonomistab', 'stab', 46],
              ['HR-stab', 'stab', 52, { dev: -0.03 }],
              ['Kommunikationsstab', 'stab', 24],
              ['Juridik och kansli', 'stab', 22],
              ['Upphandling och inköp', 'stab', 30],
              ['Säkerhet och beredskap', 'stab', 18],
              ['Regionarkiv', 'stab', 12],
              ['Ledningsstöd och analys', 'stab', 20, { dev: -0.05 }],
              ['Hållbarhet och miljö', 'stab', 10],
              ['Strategisk utveckling', 'stab', 14],
            ],
          },
          {
            name: 'Regiongemensamt', units: [
              ['Förtroendevalda och politisk organisation', 'politik', 42],
              ['Revision', 'revision', 9],
              ['Centrala anslag', 'central', 260, { dev: -0.05 }],
              ['Pensioner och personalskuld', 'pension', 980, { dev: 0.055, growth: 0.09 }],
              ['Folkhälsa och samverkan', 'ru', 26],
              // Skatteintäkter, generella statsbidrag and finansiella poster only (FINANCING below).
              ['Finansförvaltning', 'finans', 0],
            ],
          },
          {
            name: 'Hälsoval och beställning', units: [
              ['Beställare primärvård', 'bestpv', 2050, { dev: -0.012 }],
              ['Beställare tandvård', 'besttv', 330, { dev: -0.02 }],
            ],
          },
        ],
      },
      {
        name: 'Digitalisering och service', del: [
          {
            name: 'Digitalisering', units: [
              ['Teknisk plattform', 'it', 210, { dev: 0.03 }],
              ['IT-support och servicedesk', 'it', 95],
              ['Systemförvaltning vård', 'it', 130, { dev: 0.025 }],
              ['Digitala tjänster och e-hälsa', 'it', 60],
              ['Informationssäkerhet', 'it', 18],
              ['Telefoni och nät', 'it', 70],
              ['Data och analys', 'it', 35],
              ['Vårdinformationsprogrammet', 'program', 240, { dev: 0.14, growth: 0.07 }],
              ['Medicinsk teknik', 'mt', 110],
            ],
          },
          {
            name: 'Service', units: [
              ['Fastighetsförvaltning', 'fastighet', 880],
              ['Fastighetsutveckling', 'stab', 35],
              ['Lokalvård', 'service', 120],
              ['Måltidsservice', 'maltid', 135, { dev: 0.03 }],
              ['Sterilteknik', 'steril', 70, { dev: 0.035 }],
              ['Logistik och transporter', 'service', 95, { dev: 0.025 }],
              ['Sjukresor', 'sjukresor', 190, { dev: 0.06, growth: 0.08 }],
              ['Hjälpmedelscentralen', 'hjalpmedel', 150],
              ['Tvätt och textil', 'service', 55],
              ['Kontorsservice och växel', 'service', 40],
            ],
          },
        ],
      },
    ],
  },
  {
    name: 'Hälso- och sjukvårdsnämnden', costBias: 0.008, forv: [
      {
        name: 'Primärvård', del: [
          {
            name: 'Vårdcentraler norra länsdelen', units: [
              ['Vårdcentral Norrby', 'vardcentral', 62],
              ['Vårdcentral Älvsbacka', 'vardcentral', 48, { hiredShare: 0.11 }],
              ['Vårdcentral Granås', 'vardcentral', 55],
              ['Vårdcentral Björkvik', 'vardcentral', 41, { hiredShare: 0.09 }],
              ['Vårdcentral Tallnäs', 'vardcentral', 58],
              ['Vårdcentral Stensjö', 'vardcentral', 36],
              ['Vårdcentral Lillån', 'vardcentral', 44],
              ['Vårdcentral Forsheden', 'vardcentral', 39],
            ],
          },
          {
            name: 'Vårdcentraler mellersta länsdelen', units: [
              ['Vårdcentral Åsmark', 'vardcentral', 92],
              ['Vårdcentral Ekudden', 'vardcentral', 86],
              ['Vårdcentral Centrum', 'vardcentral', 104],
              ['Vårdcentral Hällby', 'vardcentral', 78],
              ['Vårdcentral Lindåsen', 'vardcentral', 71],
              ['Vårdcentral Kvarnbo', 'vardcentral', 66],
              ['Vårdcentral Brännmark', 'vardcentral', 58],
              ['Vårdcentral Solhöjden', 'vardcentral', 81],
            ],
          },
          {
            name: 'Vårdcentraler södra länsdelen', units: [
              ['Vårdcentral Sjövik', 'vardcentral', 74],
              ['Vårdcentral Ravnäs', 'vardcentral', 52, { hiredShare: 0.08 }],
              ['Vårdcentral Mossvik', 'vardcentral', 47],
              ['Vårdcentral Videbäck', 'vardcentral', 63],
              ['Vårdcentral Östanå', 'vardcentral', 57],
              ['Vårdcentral Västansjö', 'vardcentral', 45],
              ['Vårdcentral Bergsby', 'vardcentral', 69],
              ['Vårdcentral Hamnstaden', 'vardcentral', 83],
            ],
          },
          {
            name: 'Primärvård gemensamt', units: [
              ['Primärvårdsledning', 'stab', 25],
              ['Mödra- och barnhälsovård', 'pvspec', 30],
              ['Ungdomsmottagningar', 'pvspec', 22],
              ['Rehabilitering primärvård', 'pvspec', 65],
              ['Psykisk hälsa primärvård', 'pvspec', 40],
              ['Jourcentral och sjukvårdsrådgivning', 'pvspec', 55, { dev: 0.04 }],
            ],
          },
          {
            name: 'Folktandvård', units: [
              ['Folktandvården Norrby', 'tand', 42],
              ['Folktandvården Älvsbacka', 'tand', 28],
              ['Folktandvården Centrum', 'tand', 61],
              ['Folktandvården Hällby', 'tand', 37],
              ['Folktandvården Sjövik', 'tand', 45],
              ['Folktandvården Bergsby', 'tand', 31],
              ['Folktandvården Tallnäs', 'tand', 26],
              ['Specialisttandvård', 'tand', 70],
            ],
          },
        ],
      },
      {
        name: 'Länssjukhuset', del: [
          {
            name: 'Medicinska kliniker', units: [
              ['Medicinklinik vårdavdelningar', 'klinik', 420, { dev: 0.035 }],
              ['Kardiologi', 'klinik', 260],
              ['Njurmedicin och dialys', 'klinik', 150],
              ['Endokrinologi och diabetes', 'klinik', 70],
              ['Infektionsklinik', 'klinik', 110],
              ['Hudklinik', 'klinik', 55],
              ['Neurologi och rehabiliteringsmedicin', 'klinik', 180],
              ['Geriatrik', 'klinik', 140],
              ['Onkologi', 'onkologi', 310, { dev: 0.03, growth: 0.085 }],
              ['Lung- och allergiklinik', 'klinik', 90],
              ['Reumatologi', 'klinik', 50],
            ],
          },
          {
            name: 'Kirurgiska kliniker', units: [
              ['Kirurgklinik', 'klinik', 430],
              ['Ortopedi', 'klinik', 340, { dev: 0.025 }],
              ['Urologi', 'klinik', 120],
              ['Anestesi och intensivvård', 'klinik', 390, { dev: 0.02 }],
              ['Operation', 'klinik', 300],
              ['Öron-, näs- och halsklinik', 'klinik', 110],
              ['Ögonklinik', 'klinik', 140, { dev: -0.02 }],
              ['Kärlkirurgi', 'klinik', 60],
              ['Käkkirurgi', 'klinik', 40],
            ],
          },
          {
            name: 'Kvinnor och barn', units: [
              ['Kvinnoklinik', 'klinik', 150],
              ['Förlossning och BB', 'klinik', 170],
              ['Barn- och ungdomsklinik', 'klinik', 190],
              ['Neonatalvård', 'klinik', 90],
              ['Barn- och ungdomspsykiatri', 'psyk', 160, { dev: 0.03 }],
            ],
          },
          {
            name: 'Psykiatri', units: [
              ['Vuxenpsykiatri öppenvård', 'psyk', 260],
              // The underfunded unit: budget set below last year's level, hyrläkare in every month.
              ['Vuxenpsykiatri slutenvård', 'psyk', 230, { underfunded: true, hiredShare: 0.07 }],
              ['Rättspsykiatri', 'psyk', 140],
              ['Beroendevård', 'psyk', 95],
              ['Psykiatrisk akutmottagning', 'psyk', 55],
            ],
          },
          {
            name: 'Diagnostik', units: [
              ['Klinisk kemi', 'diagnostik', 230],
              ['Bild- och funktionsmedicin', 'diagnostik', 330, { dev: 0.02 }],
              ['Patologi och cytologi', 'diagnostik', 90],
              ['Klinisk mikrobiologi', 'diagnostik', 85],
              ['Klinisk fysiologi', 'diagnostik', 45],
            ],
          },
          {
            name: 'Akutsjukvård', units: [
              ['Akutmottagning', 'akut', 210],
              ['Akutvårdsavdelning', 'akut', 90],
              ['Ambulanssjukvård', 'ambulans', 260],
              ['Prehospital ledning', 'stab', 20],
            ],
          },
          {
            name: 'Habilitering och hälsa', units: [
              ['Barn- och ungdomshabilitering', 'hab', 65],
              ['Vuxenhabilitering', 'hab', 45],
              ['Syn- och hörselverksamhet', 'hab', 38],
              ['Tolkcentral', 'hab', 28],
            ],
          },
          {
            name: 'Specialistvård gemensamt', units: [
              ['Sjukhusledning', 'stab', 60],
              ['Patientsäkerhet och kvalitet', 'stab', 25],
              ['Läkemedel inom förmånen', 'lakemedel', 1350, { dev: 0.02, growth: 0.07 }],
              ['Utomlänsvård och rikssjukvård', 'utomlans', 880, { dev: 0.045, growth: 0.08 }],
            ],
          },
        ],
      },
    ],
  },
  {
    name: 'Regionala utvecklingsnämnden', costBias: -0.008, forv: [
      {
        name: 'Regional utveckling', del: [
          {
            name: 'Näringsliv och tillväxt', units: [
              ['Näringsliv och innovation', 'ru', 85],
              ['EU-program och strukturfonder', 'ru', 60, { dev: -0.06 }],
              ['Kompetensförsörjning', 'ru', 35],
              ['Besöksnäring och evenemang', 'ru', 25],
            ],
          },
          {
            name: 'Samhällsplanering', units: [
              ['Infrastruktur och samhällsplanering', 'ru', 30],
              ['Bredband och digital infrastruktur', 'ru', 40, { dev: -0.08 }],
              ['Miljö och klimat', 'ru', 15],
            ],
          },
        ],
      },
      {
        name: 'Kultur och bildning', del: [
          {
            name: 'Kultur', units: [
              ['Kulturenheten', 'kultur', 70],
              ['Kultursamverkan och bidrag', 'kultur', 120],
              ['Regionteatern', 'scen', 95],
              ['Länsmuseet', 'scen', 60],
              ['Länsmusiken', 'scen', 55, { dev: 0.03 }],
              ['Regionbiblioteket', 'kultur', 15],
              ['Film och kreativa näringar', 'kultur', 12],
            ],
          },
          {
            name: 'Bildning', units: [
              ['Folkhögskolan Sjövik', 'fhs', 38],
              ['Folkhögskolan Granås', 'fhs', 32],
              ['Naturbruksgymnasiet Älvsbacka', 'naturbruk', 70, { dev: 0.04 }],
              ['Utbildning gemensamt', 'stab', 12],
            ],
          },
        ],
      },
      {
        name: 'Kollektivtrafik', del: [
          {
            name: 'Trafik', units: [
              ['Busstrafik stad', 'trafik', 320],
              ['Busstrafik landsbygd', 'trafik', 480, { dev: 0.025 }],
              ['Regional tågtrafik', 'trafik', 260],
              ['Anropsstyrd trafik', 'trafik', 45],
              ['Båttrafik skärgården', 'trafik', 35],
              ['Skolskjuts på uppdrag av kommuner', 'skolskjuts', 90],
            ],
          },
          {
            name: 'Trafikstöd och kundservice', units: [
              ['Trafikledning och planering', 'stab', 45],
              ['Biljett och försäljning', 'biljett', 40],
              ['Kundcenter', 'stab', 30],
              ['Färdtjänst och serviceresor', 'fardtjanst', 150, { dev: 0.03 }],
            ],
          },
        ],
      },
    ],
  },
];

/**
 * Special cases a report reader should find (and that exercise blank cells):
 * - ONE_OFFS: one-off bookings in a single month (AFA-återbetalning, an utrangering).
 * - PREV_YEAR_ONLY: accounts with utfall in 2023 only (the hjälpmedelsavgift was abolished from 2024).
 * - UNBUDGETED (above): hyrpersonal has utfall but never budget.
 */
const ONE_OFFS = [
  // Återbetalning av AFA-premier (income, ledger sign negative), not budgeted.
  { unit: 'Centrala anslag', konto: '3915', period: 202405, amountKr: -61_873_412.0 },
  // Utrangering av rivningsfastighet (Hus 07) when the new akut- och operationshus is taken into use.
  { unit: 'Fastighetsförvaltning', konto: '7811', period: 202406, amountKr: 38_415_220.0 },
];
const PREV_YEAR_ONLY = [{ unit: 'Hjälpmedelscentralen', konto: '3011' }];

/**
 * The region's financing on the Finansförvaltning ansvar (report sign, mnkr): the 2024 årsbudget, the 2024 outcome
 * as a share of budget and the 2023 outcome. Budgets are twelfths (taxes are paid monthly); the outcome follows
 * with a little noise, except the value change of the placements, which swings month by month.
 */
const FINANCING = [
  { konto: '8011', budget: 10_040, outcome: 1.004, y2023: 9_590 },
  { konto: '8019', budget: -40, outcome: 1.6, y2023: 62 },
  { konto: '8211', budget: 2_730, outcome: 1.0, y2023: 2_610 },
  { konto: '8251', budget: 870, outcome: 1.0, y2023: 835 },
  { konto: '8411', budget: 45, outcome: 1.25, y2023: 38 },
  { konto: '8431', budget: 40, outcome: 2.1, y2023: 55, swing: 30 },
  { konto: '8511', budget: -22, outcome: 1.05, y2023: -18 },
  { konto: '8541', budget: -165, outcome: 1.02, y2023: -150 },
];

function financingLines(unit) {
  return FINANCING.map(({ konto, budget, outcome, y2023, swing = 0 }) => {
    const acc = ACCOUNT.get(konto);
    const r = rng('financing', konto);
    // Ledger sign: income negative, costs positive.
    const months = (mnkr, wholeKronor) => spread(Math.round(-mnkr * 1e8), KEYS.flat, wholeKronor);
    const wobble = (values) => values.map((v) => Math.round((v * (1 + 0.01 * r.normal()) + -swing * 1e8 * 0.25 * r.normal()) / 100) * 100);
    const b24 = months(budget, true);
    const a24 = wobble(months(budget * outcome, true));
    const a23 = wobble(months(y2023, true));
    const line = { unit, konto, acc, isIncome: budget > 0, actual: new Map(), budget: new Map(), oneOff: new Map() };
    for (const m of MONTHS) {
      line.actual.set(202300 + m, a23[m - 1]);
      if (m <= CLOSED_2024) line.actual.set(202400 + m, a24[m - 1]);
      line.budget.set(202400 + m, b24[m - 1]);
    }
    return line;
  });
}

/** Known changes the units add to their August forecast (report sign, kronor), beyond the mechanical method. */
const AUGUST_FORECAST_ADJUSTMENTS = [
  { unit: 'Pensioner och personalskuld', row: 'Personalkostnader', amountKr: -28_000_000 },
  { unit: 'Busstrafik landsbygd', row: 'Övrig köpt verksamhet', amountKr: -9_500_000 },
  { unit: 'Regional tågtrafik', row: 'Övrig köpt verksamhet', amountKr: -6_000_000 },
  { unit: 'Vårdinformationsprogrammet', row: 'Övrig köpt verksamhet', amountKr: 7_000_000 },
  { unit: 'Läkemedel inom förmånen', row: 'Läkemedel', amountKr: -12_000_000 },
];

// ---------------------------------------------------------------------------------------------------------------
// Build the unit list
// ---------------------------------------------------------------------------------------------------------------

const pad2 = (n) => String(n).padStart(2, '0');

function buildUnits() {
  const units = [];
  ORG.forEach((namnd, ni) => {
    namnd.forv.forEach((forv, fi) => {
      forv.del.forEach((del, di) => {
        del.units.forEach(([name, kind, size, opts = {}], ui) => {
          if (!KINDS[kind]) throw new Error(`okänd typ ${kind}`);
          units.push({
            code: `${ni + 1}${fi + 1}${pad2(di + 1)}${pad2(ui + 1)}`,
            name, kind, size, opts,
            del: del.name, forv: forv.name, namnd: namnd.name, costBias: namnd.costBias,
          });
        });
      });
    });
  });
  // Names unique within each level.
  for (const level of ['name', 'del', 'forv']) {
    const parent = new Map();
    for (const u of units) {
      const up = level === 'name' ? u.code : level === 'del' ? u.forv : u.namnd;
      if (parent.has(u[level]) && parent.get(u[level]) !== up) throw new Error(`namnet ${u[level]} finns två gånger`);
      parent.set(u[level], up);
    }
  }
  return units;
}

// ---------------------------------------------------------------------------------------------------------------
// Ledger generation
// ---------------------------------------------------------------------------------------------------------------

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const CLOSED_2024 = 8; // utfall to and including August 2024

/** Splits an amount (öre) over 12 months by a key; rounding lands on the last month so the sum is exact. */
function spread(totalOre, key, wholeKronor) {
  const sum = key.reduce((a, b) => a + b, 0);
  const out = [];
  let acc = 0;
  for (let i = 0; i < 12; i++) {
    let v = i === 11 ? totalOre - acc : Math.round((totalOre * key[i]) / sum);
    if (wholeKronor && i < 11) v = Math.round(v / 100) * 100;
    out.push(v);
    acc += v;
  }
  return out;
}

/** Actual monthly amounts: the key tilted, with month-to-month noise; öre on some lines. */
function actualMonths(totalOre, keyName, r, noise) {
  const tilt = ACTUAL_TILT[keyName === 'personnel' || keyName === 'hourly' ? 'personnel' : 'other'];
  const key = KEYS[keyName].map((k, i) => k * tilt[i] * (1 + noise * r.normal()));
  const sum = key.reduce((a, b) => a + b, 0);
  return key.map((k) => {
    const kr = Math.round((totalOre * k) / sum / 100);
    const ore = r.chance(0.18) ? Math.floor(r.next() * 100) : 0;
    return kr * 100 + (kr < 0 ? -ore : ore);
  });
}

/**
 * Growth 2022 → 2023 of one ansvar × konto: costs about 6 % (the inflation year, pensions and energy), income about
 * 3 %, with a unit-wide and a line-specific spread.
 */
function growth2022(unit, konto, isIncome) {
  const u = rng('g22', unit.code).normal();
  const l = rng('g22', unit.code, konto).normal();
  return isIncome ? 0.03 + 0.01 * u + 0.03 * l : 0.06 + 0.012 * u + 0.02 * l;
}

function generateLedger(units) {
  /** Map "ansvar|konto" → { unit, konto, actual: {YYYYMM: öre}, budget: {YYYYMM: öre} } */
  const lines = [];
  const oneOffByKey = new Map(ONE_OFFS.map((o) => [`${o.unit}|${o.konto}`, o]));
  const prevOnly = new Set(PREV_YEAR_ONLY.map((p) => `${p.unit}|${p.konto}`));

  for (const unit of units) {
    const kind = KINDS[unit.kind];
    const ur = rng('unit', unit.code);
    const grossOre = unit.size * 1e6 * 100;
    const unitGrowth = unit.opts.growth ?? 0.05 + 0.012 * ur.normal();
    const unitDev = unit.opts.dev ?? unit.costBias + 0.018 * ur.normal();
    const incomeDev = 0.025 * ur.normal() - (unit.opts.underfunded ? 0.02 : 0);
    const noise = 0.035;

    // Hyrpersonal: share of the gross cost, unit-specific; some units have none.
    const hired = {};
    for (const [konto, [lo, hi]] of Object.entries(kind.hired ?? {})) {
      const hr = rng('hired', unit.code, konto);
      let share = konto === '4711' && unit.opts.hiredShare !== undefined ? unit.opts.hiredShare : hr.uniform(lo, hi);
      if (lo === 0 && unit.opts.hiredShare === undefined && hr.chance(0.3)) share = 0;
      if (share > 0.001) hired[konto] = share;
    }
    const hiredTotal = Object.values(hired).reduce((a, b) => a + b, 0);

    const accounts = [
      ...Object.entries(kind.cost).map(([k, s]) => [k, s, false]),
      ...Object.entries(kind.income).map(([k, s]) => [k, s, true]),
      ...Object.entries(hired).map(([k, s]) => [k, s, false]),
    ].sort((a, b) => a[0].localeCompare(b[0]));

    // Budget noise per account. Income is budgeted against the unit's total cost budget (a unit that sells its
    // services internally prices them to cover its costs), so small net costs do not swing on gross-cost noise.
    const budgetFactor = new Map(accounts.map(([konto, , isIncome]) => {
      const br = rng('budget', unit.code, konto);
      return [konto, 1 + (isIncome ? 0.03 : 0.1) * br.normal()];
    }));
    const costShares = Object.entries(kind.cost);
    const costScale = costShares.reduce((s, [k, sh]) => s + sh * budgetFactor.get(k), 0) / costShares.reduce((s, [, sh]) => s + sh, 0);

    if (unit.kind === 'finans') lines.push(...financingLines(unit));
    // A one-off on an account the unit does not otherwise use is a line of its own (the AFA återbetalning, 3915).
    for (const o of ONE_OFFS) {
      if (o.unit !== unit.name || accounts.some(([k]) => k === o.konto)) continue;
      const ore = Math.round(o.amountKr * 100);
      lines.push({ unit, konto: o.konto, acc: ACCOUNT.get(o.konto), isIncome: ore < 0, actual: new Map([[o.period, ore]]), budget: new Map(), oneOff: new Map([[o.period, ore]]) });
    }

    for (const [konto, share, isIncome] of accounts) {
      const acc = ACCOUNT.get(konto);
      const r = rng('acc', unit.code, konto);
      const sign = isIncome ? -1 : 1;
      const unbudgeted = UNBUDGETED.has(konto);
      const key = `${unit.name}|${konto}`;

      // Annual 2024 budget, magnitude in öre.
      // Budgets are set in whole kronor.
      const budget = Math.round((grossOre * share * budgetFactor.get(konto) * (isIncome ? costScale : 1)) / 100) * 100;
      // Outcome 2024 (full year, the months after August are never written).
      let dev = isIncome ? incomeDev + 0.03 * r.normal() : unitDev + 0.025 * r.normal();
      let growth = isIncome ? 0.025 + 0.03 * r.normal() : unitGrowth + 0.02 * r.normal();
      if (TRACKING_INCOME.has(konto)) {
        // Internal sales and ersättningar follow the seller's own volume and costs (prices are indexed).
        growth = unitGrowth + 0.015 * r.normal();
        dev = 0.7 * unitDev + 0.02 * r.normal();
      }
      if (konto === '3211') growth = 0.06 + 0.02 * r.normal(); // new fares and more travellers
      if (konto === '3611') {
        // Riktade statsbidrag to health care were cut in 2024; culture, education and development grants were not.
        growth = CARE_GRANT_NAMNDER.has(unit.namnd) ? -0.08 + 0.04 * r.normal() : 0.03 + 0.02 * r.normal();
      }
      if (konto === '3621') growth = 0.04 * r.normal();
      if (konto === '4611' && unit.kind !== 'pension') growth = 0.07 + 0.02 * r.normal();
      if (konto === '7811' || konto === '7821') { dev = 0.01 * r.normal(); growth = 0.07 + 0.03 * r.normal(); }
      if (konto === '6411' || konto === '3311') { dev = 0.005 * r.normal(); growth = 0.045 + 0.01 * r.normal(); }
      if (unbudgeted) growth = -0.08 + 0.15 * r.normal(); // regions push hyrpersonal down
      // Vacancies covered by hyrpersonal: monthly salaries run under budget.
      if (konto === '4011' && hiredTotal > 0) dev -= (0.7 * hiredTotal) / share;
      // The underfunded unit: budget below last year's level, costs still growing.
      let budgetOre = budget;
      if (unit.opts.underfunded && !isIncome) budgetOre = Math.round((budget * 0.96) / 100) * 100;
      const actual24 = unbudgeted ? grossOre * share : (unit.opts.underfunded && !isIncome ? budget * (1 + 0.02 * r.normal()) : budget * (1 + dev));
      const actual23 = actual24 / (1 + growth);

      const budgetMonths = unbudgeted ? null : spread(sign * budgetOre, KEYS[acc.key], true);
      const a24 = actualMonths(sign * actual24, acc.key, rng('a24', unit.code, konto), noise);
      const a23 = actualMonths(sign * actual23, acc.key, rng('a23', unit.code, konto), noise);
      // 2022 (for the rolling 12 months against a year earlier): from 2023 by a growth of its own, drawn from streams
      // keyed apart ('g22', 'a22'), so no value of 2023 or 2024 moves.
      const a22 = actualMonths(sign * (actual23 / (1 + growth2022(unit, konto, isIncome))), acc.key, rng('a22', unit.code, konto), noise);

      const oneOff = oneOffByKey.get(key);
      const line = { unit, konto, acc, isIncome, actual: new Map(), budget: new Map(), oneOff: new Map() };
      for (const m of MONTHS) {
        line.actual.set(202200 + m, a22[m - 1]);
        line.actual.set(202300 + m, a23[m - 1]);
        if (prevOnly.has(key)) continue;
        if (m <= CLOSED_2024) line.actual.set(202400 + m, a24[m - 1]);
        if (budgetMonths) line.budget.set(202400 + m, budgetMonths[m - 1]);
      }
      if (oneOff) {
        const ore = Math.round(oneOff.amountKr * 100);
        line.actual.set(oneOff.period, (line.actual.get(oneOff.period) ?? 0) + ore);
        line.oneOff.set(oneOff.period, ore);
      }
      lines.push(line);
    }
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------------------------
// Forecasts (helårsprognos per ansvar × report row, report sign)
// ---------------------------------------------------------------------------------------------------------------

function generateForecasts(units, lines) {
  const out = [];
  const adjustments = new Map(AUGUST_FORECAST_ADJUSTMENTS.map((a) => [`${a.unit}|${a.row}`, a.amountKr]));
  const byUnit = new Map();
  for (const l of lines) {
    if (!byUnit.has(l.unit.code)) byUnit.set(l.unit.code, []);
    byUnit.get(l.unit.code).push(l);
  }
  for (const occasion of [4, 8]) {
    for (const unit of units) {
      const r = rng('forecast', unit.code, occasion);
      // How much of the deviation so far the unit expects to persist for the rest of the year.
      const persist = occasion === 4 ? r.uniform(0.1, 0.7) : r.uniform(0.5, 1.0);
      for (const [row] of ROWS) {
        const rowLines = byUnit.get(unit.code).filter((l) => l.acc.row === row);
        if (rowLines.length === 0) continue;
        let ytdA = 0, ytdB = 0, restB = 0, oneOff = 0, hasData = false, hasBudget = false, shareNoBudget = 0;
        for (const l of rowLines) {
          for (const m of MONTHS) {
            const p = 202400 + m;
            const a = l.actual.get(p);
            const b = l.budget.get(p);
            if (a !== undefined || b !== undefined) hasData = true;
            if (b !== undefined) hasBudget = true;
            if (m <= occasion) {
              ytdA += a ?? 0;
              ytdB += b ?? 0;
              oneOff += l.oneOff.get(p) ?? 0;
            } else {
              restB += b ?? 0;
            }
          }
          if (l.budget.size === 0) {
            const k = KEYS[l.acc.key];
            shareNoBudget = k.slice(0, occasion).reduce((a, b) => a + b, 0) / k.reduce((a, b) => a + b, 0);
          }
        }
        if (!hasData) continue;
        let ledger; // ledger sign, öre
        if (hasBudget) {
          const trend = ytdB !== 0 ? ((ytdA - oneOff - ytdB) * restB) / ytdB : 0;
          ledger = ytdA + restB + persist * trend;
        } else {
          ledger = ytdA / shareNoBudget;
        }
        let kr = -ledger / 100; // report sign
        kr *= 1 + 0.004 * r.normal();
        if (occasion === 8) kr += adjustments.get(`${unit.name}|${row}`) ?? 0;
        const rounded = Math.round(kr / 1000) * 1000;
        out.push({ occasion: occasion === 4 ? '2024-04' : '2024-08', unit, row, kr: rounded });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Investments
// ---------------------------------------------------------------------------------------------------------------

/** [projekt (T), område, ägande ansvar, årsbudget mnkr incl. överförda medel, utfall ack aug / budget, prognos / budget] */
const PROJECTS = [
  ['Akut- och operationshus, etapp 2', 'Fastighet', 'Fastighetsförvaltning', 262, 0.66, 1.12],
  ['Ombyggnad vårdavdelningar hus 05', 'Fastighet', 'Fastighetsförvaltning', 86, 0.47, 0.94],
  ['Ny vårdcentral Tallnäs', 'Fastighet', 'Fastighetsutveckling', 48, 0.62, 1.08],
  ['Solceller och energieffektivisering', 'Fastighet', 'Fastighetsförvaltning', 22, 0.27, 0.64],
  ['Reservkraft Länssjukhuset', 'Fastighet', 'Fastighetsförvaltning', 35, 0.63, 1.03],
  ['Psykiatrins vårdbyggnad, projektering', 'Fastighet', 'Fastighetsutveckling', 40, 0.22, 0.45],
  ['Ventilation och stambyte hus 04', 'Fastighet', 'Fastighetsförvaltning', 55, 0.61, 0.98],
  ['Lokalanpassningar och tillgänglighet', 'Fastighet', 'Fastighetsutveckling', 30, 0.57, 0.97],
  ['Internat Folkhögskolan Sjövik', 'Fastighet', 'Folkhögskolan Sjövik', 18, 0.6, 1.05],
  ['Datortomograf Länssjukhuset', 'Medicinsk teknik', 'Bild- och funktionsmedicin', 18, 0.04, 1.0],
  ['Magnetkamera Länssjukhuset', 'Medicinsk teknik', 'Bild- och funktionsmedicin', 24, 0.05, 0.5],
  ['Ultraljudsutrustning kvinnosjukvård', 'Medicinsk teknik', 'Kvinnoklinik', 6, 0.52, 1.0],
  ['Anestesiapparater', 'Medicinsk teknik', 'Anestesi och intensivvård', 9, 0.61, 1.0],
  ['MT ersättningsinvesteringar', 'Medicinsk teknik', 'Medicinsk teknik', 55, 0.47, 0.91],
  ['Endoskopiutrustning', 'Medicinsk teknik', 'Kirurgklinik', 8, 0.97, 1.06],
  ['Ambulansutrustning', 'Medicinsk teknik', 'Ambulanssjukvård', 7, 0.29, 1.0],
  ['Laboratorieautomation klinisk kemi', 'Medicinsk teknik', 'Klinisk kemi', 14, 0.28, 0.72],
  ['Tandvårdsunitar', 'Medicinsk teknik', 'Folktandvården Centrum', 5, 0.58, 1.0],
  ['Nätverksinfrastruktur', 'IT', 'Telefoni och nät', 22, 0.36, 0.66],
  ['Servrar och lagring', 'IT', 'Teknisk plattform', 16, 0.56, 1.0],
  ['Klientdatorer', 'IT', 'IT-support och servicedesk', 12, 0.67, 1.0],
  ['Trådlöst nät i vårdlokaler', 'IT', 'Telefoni och nät', 15, 0.06, 0.13],
  ['Förskrivningshjälpmedel', 'Hjälpmedel', 'Hjälpmedelscentralen', 36, 0.69, 1.06],
  ['Kommunikationshjälpmedel', 'Hjälpmedel', 'Hjälpmedelscentralen', 5, 0.6, 1.0],
  ['Storköksutrustning', 'Verksamhetsservice', 'Måltidsservice', 4, 0.08, 1.0],
  ['Diskdesinfektorer sterilteknik', 'Verksamhetsservice', 'Sterilteknik', 6, 0.33, 1.0],
  ['Fordon logistik', 'Verksamhetsservice', 'Logistik och transporter', 5, 0.3, 0.8],
  ['Biljett- och betalsystem', 'Regional utveckling', 'Biljett och försäljning', 18, 0.5, 0.94],
  ['Laddinfrastruktur bussdepåer', 'Regional utveckling', 'Busstrafik stad', 12, 0.17, 0.67],
  ['Scenteknik Regionteatern', 'Regional utveckling', 'Regionteatern', 3, 0.33, 1.0],
];

function generateInvestments(units) {
  const byName = new Map(units.map((u) => [u.name, u]));
  return PROJECTS.map(([name, area, owner, budgetMnkr, actualShare, forecastShare], i) => {
    const unit = byName.get(owner);
    if (!unit) throw new Error(`okänt ansvar för investering: ${owner}`);
    const r = rng('investment', i);
    const budget = Math.round(budgetMnkr * 1e6 * (1 + 0.025 * r.normal()));
    const actual = Math.round(budget * actualShare * (1 + 0.03 * r.normal()));
    // A forecast equal to budget stays exactly at budget (the units say "enligt budget").
    const forecast = forecastShare === 1.0 ? budget : Math.round(budget * forecastShare * (1 + 0.01 * r.normal()));
    return { project: String(930101 + i), name, area, unit, actual, forecast: Math.max(forecast, actual), budget };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------------------------

/** öre → "-1234567,89" (decimal comma, no thousands separator). */
function formatOre(ore) {
  const neg = ore < 0;
  const abs = Math.abs(ore);
  const kr = Math.floor(abs / 100);
  const o = abs % 100;
  return `${neg && abs !== 0 ? '-' : ''}${kr},${pad2(o)}`;
}
const formatKr = (kr) => formatOre(Math.round(kr * 100));

function csv(rows) {
  for (const row of rows) {
    for (const cell of row) {
      if (/[;"\r\n]/.test(String(cell))) throw new Error(`cellen innehåller avgränsare: ${cell}`);
    }
  }
  return rows.map((r) => r.join(';')).join('\r\n') + '\r\n';
}

function writeCp1252(dir, file, text) {
  const bytes = iconv.encode(text, 'windows-1252');
  // Every character must survive the round trip (no "?" replacements).
  if (iconv.decode(bytes, 'windows-1252') !== text) throw new Error(`${file}: tecken som inte finns i Windows-1252`);
  writeFileSync(path.join(dir, file), bytes);
  return bytes.length;
}

function main(argv) {
  const outIndex = argv.indexOf('--out');
  const outDir = outIndex >= 0 ? path.resolve(argv[outIndex + 1]) : path.resolve(HERE, '..', 'fixtures', 'region-exempel');
  const quiet = argv.includes('--quiet');
  mkdirSync(outDir, { recursive: true });

  const units = buildUnits();
  const lines = generateLedger(units);
  const forecasts = generateForecasts(units, lines);
  const investments = generateInvestments(units);

  const sizes = {};
  sizes['organisation.csv'] = writeCp1252(outDir, 'organisation.csv', csv([
    ['Ansvar', 'Ansvar (T)', 'Delområde', 'Förvaltning', 'Nämnd'],
    ...units.map((u) => [u.code, u.name, u.del, u.forv, u.namnd]),
  ]));
  sizes['kontogrupper.csv'] = writeCp1252(outDir, 'kontogrupper.csv', csv([
    ['Konto', 'Konto (T)', 'Rad', 'Avsnitt'],
    ...ACCOUNTS.map(([konto, name, row]) => [konto, name, row, ROWS.find(([r]) => r === row)[1]]),
  ]));

  const ledgerRows = [['Ansvar', 'Ansvar (T)', 'Verksamhet', 'Konto', 'Konto (T)', 'Period', 'Utfall', 'Budget']];
  for (const l of lines) {
    for (const year of [2022, 2023, 2024]) {
      for (const m of MONTHS) {
        const p = year * 100 + m;
        const a = l.actual.get(p);
        const b = l.budget.get(p);
        if (a === undefined && b === undefined) continue; // no value at all: no line (as the export does)
        ledgerRows.push([
          l.unit.code, l.unit.name, KINDS[l.unit.kind].verksamhet, l.konto, l.acc.name, String(p),
          a === undefined ? '' : formatOre(a), b === undefined ? '' : formatOre(b),
        ]);
      }
    }
  }
  sizes['raindance-saldo.csv'] = writeCp1252(outDir, 'raindance-saldo.csv', csv(ledgerRows));

  sizes['investeringar.csv'] = writeCp1252(outDir, 'investeringar.csv', csv([
    ['Projekt', 'Projekt (T)', 'Investeringsområde', 'Ansvar', 'Utfall ack', 'Prognos helår', 'Årsbudget'],
    ...investments.map((p) => [p.project, p.name, p.area, p.unit.code, formatKr(p.actual), formatKr(p.forecast), formatKr(p.budget)]),
  ]));
  sizes['prognoser.csv'] = writeCp1252(outDir, 'prognoser.csv', csv([
    ['Prognostillfälle', 'Ansvar', 'Rad', 'Prognos'],
    ...forecasts.map((f) => [f.occasion, f.unit.code, f.row, formatKr(f.kr)]),
  ]));

  if (!quiet) printSummary(units, lines, forecasts, investments, sizes, ledgerRows.length - 1);
}

// ---------------------------------------------------------------------------------------------------------------
// Sanity summary (report sign, mnkr)
// ---------------------------------------------------------------------------------------------------------------

function printSummary(units, lines, forecasts, investments, sizes, ledgerLines) {
  const groups = [];
  for (const n of ORG) {
    groups.push({ label: n.name, test: (u) => u.namnd === n.name });
    for (const f of n.forv) groups.push({ label: `  ${f.name}`, test: (u) => u.forv === f.name });
  }
  groups.push({ label: 'Region Exempel totalt', test: () => true });

  const mnkr = (ore) => (ore / 1e8).toFixed(1).padStart(9);
  const pct = (x) => (Number.isFinite(x) ? (x * 100).toFixed(1) : '–').padStart(7);
  console.log('Belopp i mnkr, resultattecken (nettokostnad negativ). Ack = jan–aug.');
  console.log(
    'Enhet'.padEnd(34) +
      ['Utf ack 23', 'Utf ack 24', 'Budg ack 24', 'Avvikelse', 'Utv %', 'Utf helår 23', 'Årsbudget', 'Prog apr', 'Prog aug', 'Progavv'].map((h) => h.padStart(h === 'Utv %' ? 7 : 12)).join(''),
  );
  for (const g of groups) {
    let a23 = 0, a24 = 0, b24 = 0, y23 = 0, yb = 0, gross24 = 0;
    for (const l of lines) {
      if (!g.test(l.unit)) continue;
      for (const m of MONTHS) {
        const v23 = -(l.actual.get(202300 + m) ?? 0);
        y23 += v23;
        yb += -(l.budget.get(202400 + m) ?? 0);
        if (m <= 8) {
          a23 += v23;
          a24 += -(l.actual.get(202400 + m) ?? 0);
          b24 += -(l.budget.get(202400 + m) ?? 0);
          if (!l.isIncome) gross24 += l.actual.get(202400 + m) ?? 0;
        }
      }
    }
    const fc = (occ) => forecasts.filter((f) => f.occasion === occ && g.test(f.unit)).reduce((s, f) => s + f.kr * 100, 0);
    const fApr = fc('2024-04');
    const fAug = fc('2024-08');
    console.log(
      g.label.padEnd(34) +
        [mnkr(a23), mnkr(a24), mnkr(b24), mnkr(a24 - b24)].map((s) => s.padStart(12)).join('') +
        pct(a24 / a23 - 1) +
        [mnkr(y23), mnkr(yb), mnkr(fApr), mnkr(fAug), mnkr(fAug - yb)].map((s) => s.padStart(12)).join(''),
    );
  }
  const inv = (f) => (investments.reduce((s, p) => s + f(p), 0) / 1e6).toFixed(0);
  console.log(`\nInvesteringar (mnkr): utfall ack ${inv((p) => p.actual)}, prognos ${inv((p) => p.forecast)}, årsbudget ${inv((p) => p.budget)}`);
  console.log(`Ansvar: ${units.length}, konton: ${ACCOUNTS.length}, rader i resultaträkningen: ${ROWS.length}, huvudboksrader: ${ledgerLines}, prognosrader: ${forecasts.length}`);
  console.log('Filer (byte):', Object.entries(sizes).map(([f, s]) => `${f} ${s}`).join(', '));
}

main(process.argv.slice(2));
