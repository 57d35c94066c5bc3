/**
 * The settings beyond column names, decided from the data where it can tell and otherwise listed to check:
 *
 * - Sign of the ledger: income accounts (those the account grouping puts in an income section, or Region-Bas class
 *   3 without a grouping) summing negative means debet positive (`sign: ledger`, as Raindance exports), positive
 *   means `report`. The forecasts likewise from their income rows (positive: `report`).
 * - Unit of the amounts: a unit in the header ("Utfall tkr"); else kronor when any amount has öre; for forecasts,
 *   else by comparing their size with the ledger's budget for the same year (about equal: kr; a thousandth: tkr).
 * - Sections of the resultaträkning: the account grouping's section names in file order; below verksamhetens
 *   nettokostnad "skatteintäkter" is taxes, "statsbidrag"/"utjämning" grants, "finansiella intäkter"/"kostnader" the
 *   financial sections; otherwise a name with "intäkt" is income, with "kostnad" cost.
 * - The root: the organisation's own name when its file has one (a column with one name for every row), else a
 *   placeholder to check. Report levels: the root and every level above the lowest.
 * - Personnel: the absence types that are sick leave ("Sjuk…"), columns with names as personal columns, the
 *   incident and risk kinds of the work-environment file.
 */
import type { Diagnostic } from '../model/diagnostics.js';
import type { SECTION_KINDS } from '../config/schema.js';
import { diag } from '../messages/index.js';
import { isAmountIssue, parseAmount } from '../sources/index.js';
import type { RoleMatch } from './recognise.js';
import { headerKey, headerUnit, type RoleId } from './roles.js';
import type { Levels } from './levels.js';

type SectionKind = (typeof SECTION_KINDS)[number];

export type Unit = 'kr' | 'tkr' | 'mnkr';
export type Sign = 'ledger' | 'report';

export interface Settings {
  readonly organisationName: string;
  readonly rootUnit: string;
  readonly unitLevels: readonly string[];
  readonly sections: ReadonlyArray<{ readonly name: string; readonly kind: SectionKind }>;
  readonly ledger: { readonly sign: Sign; readonly unit: Unit } | null;
  readonly forecasts: { readonly sign: Sign; readonly unit: Unit } | null;
  readonly investments: { readonly unit: Unit } | null;
  readonly sickTypes: readonly string[] | null;
  readonly incidentKinds: readonly string[] | null;
  readonly riskKinds: readonly string[] | null;
  /** Forms of employment found, grouped as the report counts them (labels as in the default rules). */
  readonly forms: ReadonlyArray<{ readonly label: string; readonly codes: readonly string[]; readonly headcount: boolean }> | null;
  /** Reasons for leaving found, by turnover component. */
  readonly reasons: Readonly<Record<'pension' | 'internal' | 'external' | 'none', readonly string[]>> | null;
  /** Columns with personal data that a source does not read, per role. */
  readonly personalColumns: Readonly<Partial<Record<RoleId, readonly string[]>>>;
  readonly hourPrice: number | null;
  readonly diagnostics: readonly Diagnostic[];
}

type Sources = Partial<Record<RoleId | 'previousIndicators', RoleMatch>>;

const AMOUNT = { profile: { trailingMinus: false, parenthesesNegative: false, periodThousands: false, stripCurrency: true }, unit: 'kr' } as const;

function amountOf(raw: string): number {
  const a = parseAmount(raw, AMOUNT, false);
  if (a === null) return 0;
  if (isAmountIssue(a)) return a.value ?? 0;
  return a;
}

function cell(m: RoleMatch, row: readonly string[], key: string): string {
  const c = m.columns.get(key);
  return c ? (row[c.index] ?? '').trim() : '';
}

function distinct(m: RoleMatch, key: string): string[] {
  const c = m.columns.get(key);
  if (!c) return [];
  const seen = new Set<string>();
  for (const r of m.grid.rows) {
    const v = (r[c.index] ?? '').trim();
    if (v !== '') seen.add(v);
  }
  return [...seen];
}

function sectionKind(name: string): SectionKind | null {
  // The sections below verksamhetens nettokostnad first: their names also contain "intäkt" or "kostnad".
  if (/skatteintäkt/i.test(name)) return 'taxes';
  if (/statsbidrag|utjämning/i.test(name) && /generell|utjämning/i.test(name)) return 'grants';
  if (/finansiell/i.test(name)) return /kostnad/i.test(name) ? 'financialCosts' : 'financialIncome';
  if (/intäkt/i.test(name)) return 'income';
  if (/kostnad/i.test(name)) return 'cost';
  return null;
}

/** Unit from the amount columns' headers, or kronor when the data has öre; null when neither tells. */
function unitOf(m: RoleMatch, keys: readonly string[]): Unit | null {
  for (const k of keys) {
    const c = m.columns.get(k);
    const u = c ? headerUnit(c.header) : null;
    if (u) return u;
  }
  return keys.some((k) => {
    const c = m.columns.get(k);
    return c ? m.profiles[c.index]!.hasOre : false;
  })
    ? 'kr'
    : null;
}

function sumAbs(m: RoleMatch, key: string, keep: (row: readonly string[]) => boolean): number {
  let s = 0;
  for (const r of m.grid.rows) if (keep(r)) s += Math.abs(amountOf(cell(m, r, key)));
  return s;
}

function signOf(total: number, positive: Sign): Sign | null {
  if (total === 0) return null;
  return total > 0 ? positive : positive === 'report' ? 'ledger' : 'report';
}

export function decideSettings(sources: Sources, levels: Levels | null): Settings {
  const diagnostics: Diagnostic[] = [];
  const check = (path: string, detail: string): void => void diagnostics.push(diag('setup.setting-check', { path, detail }));

  // --- sections and income accounts/rows ----------------------------------------------------------------------
  const groups = sources.accountGroups;
  const sections: Array<{ name: string; kind: SectionKind }> = [];
  const incomeAccounts = new Set<string>();
  const incomeRows = new Set<string>();
  if (groups) {
    for (const name of distinct(groups, 'section')) {
      const kind = sectionKind(name);
      if (!kind) check('sections', `avsnittet "${name}" antogs vara kostnader (namnet säger varken intäkt eller kostnad).`);
      sections.push({ name, kind: kind ?? 'cost' });
    }
    const kinds = new Map(sections.map((s) => [s.name, s.kind]));
    for (const r of groups.grid.rows) {
      if (kinds.get(cell(groups, r, 'section')) !== 'income') continue;
      incomeAccounts.add(cell(groups, r, 'account'));
      incomeRows.add(cell(groups, r, 'reportRow'));
    }
  } else sections.push({ name: 'Verksamhetens intäkter', kind: 'income' }, { name: 'Verksamhetens kostnader', kind: 'cost' });
  const isIncomeAccount = (a: string): boolean => (groups ? incomeAccounts.has(a) : a.startsWith('3'));

  const ledger = sources.ledger ? ledgerSettings(sources.ledger, isIncomeAccount, check) : null;
  const forecasts = sources.forecasts ? forecastSettings(sources.forecasts, sources.ledger ?? null, isIncomeAccount, incomeRows, check) : null;
  let investments: Settings['investments'] = null;
  if (sources.investments) {
    const unit = unitOf(sources.investments, ['actual', 'forecast', 'budget']);
    if (!unit) check('sources.investments.unit', 'investeringarnas belopp har inga ören och rubrikerna anger ingen enhet; de antogs vara i kronor (kr).');
    investments = { unit: unit ?? 'kr' };
  }

  const root = rootOf(levels, check);
  return {
    ...root,
    sections,
    ledger,
    forecasts,
    investments,
    ...personnelSettings(sources, check),
    diagnostics,
  };
}

type Check = (path: string, detail: string) => void;

function ledgerSettings(m: RoleMatch, isIncome: (account: string) => boolean, check: Check): { sign: Sign; unit: Unit } {
  const measure = ['actual', 'budget', 'forecast'].find((k) => m.columns.has(k))!;
  let total = 0;
  for (const r of m.grid.rows) if (isIncome(cell(m, r, 'account'))) total += amountOf(cell(m, r, measure));
  const sign = signOf(total, 'report');
  if (!sign) check('sources.ledger.sign', 'intäktskontona har inga belopp, så teckenkonventionen gick inte att avgöra; debet positivt (ledger) antogs.');
  const unit = unitOf(m, ['actual', 'budget', 'forecast']);
  if (!unit) check('sources.ledger.unit', 'beloppen har inga ören och rubrikerna anger ingen enhet; de antogs vara i kronor (kr).');
  return { sign: sign ?? 'ledger', unit: unit ?? 'kr' };
}

/** A forecast's year against the ledger's budget for that year: about equal in kronor, a thousandth in tkr. */
function unitByComparison(fc: RoleMatch, ledger: RoleMatch | null): Unit | null {
  if (!ledger || !ledger.columns.has('budget') || !ledger.columns.has('period')) return null;
  const occasion = fc.profiles[fc.columns.get('occasion')!.index]!.maxPeriod;
  if (occasion === 0) return null;
  const year = String(Math.floor(occasion / 100));
  const latest = (r: readonly string[]): boolean => cell(fc, r, 'occasion').replace('-', '').startsWith(String(occasion));
  const f = sumAbs(fc, 'forecast', latest);
  const b = sumAbs(ledger, 'budget', (r) => cell(ledger, r, 'period').startsWith(year));
  if (f === 0 || b === 0) return null;
  const ratio = f / b;
  if (ratio > 0.2 && ratio < 5) return 'kr';
  if (ratio > 0.0002 && ratio < 0.005) return 'tkr';
  if (ratio > 0.0000002 && ratio < 0.000005) return 'mnkr';
  return null;
}

function forecastSettings(m: RoleMatch, ledger: RoleMatch | null, isIncomeAccount: (a: string) => boolean, incomeRows: ReadonlySet<string>, check: Check): { sign: Sign; unit: Unit } {
  const byRow = m.columns.has('reportRow');
  let total = 0;
  for (const r of m.grid.rows) {
    const income = byRow ? incomeRows.has(cell(m, r, 'reportRow')) : isIncomeAccount(cell(m, r, 'account'));
    if (income) total += amountOf(cell(m, r, 'forecast'));
  }
  const sign = signOf(total, 'report');
  if (!sign) check('sources.forecasts.sign', 'prognoserna för intäkter saknas, så teckenkonventionen gick inte att avgöra; intäkter positiva (report) antogs.');
  const unit = unitOf(m, ['forecast']) ?? unitByComparison(m, ledger);
  if (!unit) check('sources.forecasts.unit', 'prognosernas enhet gick inte att avgöra (inga ören, ingen enhet i rubriken); kronor (kr) antogs.');
  return { sign: sign ?? 'report', unit: unit ?? 'kr' };
}

function rootOf(levels: Levels | null, check: Check): Pick<Settings, 'organisationName' | 'rootUnit' | 'unitLevels'> {
  let name = levels?.rootName ?? null;
  if (!name) {
    name = 'Regionen';
    if (levels?.names.has(name)) name = 'Hela regionen';
    check('organisation.name', `organisationsfilen har inget namn på hela organisationen; "${name}" skrevs som namn och rot. Skriv regionens namn.`);
  }
  const lv = levels?.levels ?? [];
  // The lowest level is usually too fine for a report of its own; with one level, that level reports.
  const reported = lv.length <= 1 ? [...lv] : lv.slice(1).reverse();
  if (lv.length > 0) {
    check('report.unitLevels', `rapporter görs för hela organisationen och nivåerna ${reported.join(', ')}; ändra listan om fler eller färre enheter ska få en egen rapport.`);
  }
  return { organisationName: name, rootUnit: name, unitLevels: ['root', ...reported] };
}

const PERSONAL_HEADERS = new Set(['namn', 'förnamn', 'efternamn', 'fullständigt namn', 'namn anställd', 'adress', 'personnummer', 'pnr', 'e-post']);
const KNOWN_INCIDENTS = new Set(['händelse', 'tillbud', 'arbetsskada', 'olycksfall']);

const FORM_RULES: ReadonlyArray<readonly [RegExp, string, boolean]> = [
  [/tillsvidare|^tv$/i, 'Tillsvidareanställda', true],
  [/visstid|vikariat|^vt$|provanst|särskild|allmän/i, 'Visstidsanställda', true],
  [/tim/i, 'Timavlönade', false],
];
const REASON_RULES: ReadonlyArray<readonly [RegExp, 'pension' | 'internal' | 'none']> = [
  [/pension|sjukersättning/i, 'pension'],
  [/intern|annan förvaltning/i, 'internal'],
  [/byte av anställningsform|ny anställning/i, 'none'],
];

/**
 * The employment forms and reasons for leaving in the data, grouped by their words (tillsvidare, visstid, tim…;
 * pension, intern …). A form no word places is not counted and a reason no word places counts as an external
 * leaver: both are listed to check.
 */
function employmentSettings(m: RoleMatch, check: Check): Pick<Settings, 'forms' | 'reasons'> {
  const forms = FORM_RULES.map(([, label, headcount]) => ({ label, codes: [] as string[], headcount }));
  const unplaced: string[] = [];
  for (const v of distinct(m, 'form')) {
    const i = FORM_RULES.findIndex(([re]) => re.test(v));
    if (i >= 0) forms[i]!.codes.push(v);
    else unplaced.push(v);
  }
  if (unplaced.length > 0) check('personnel.staff.forms', `anställningsformerna ${unplaced.map((v) => `"${v}"`).join(', ')} hör inte till någon grupp och räknas inte; lägg till dem under codes.`);
  const reasons = { pension: [] as string[], internal: [] as string[], external: [] as string[], none: [] as string[] };
  for (const v of distinct(m, 'endReason')) {
    const rule = REASON_RULES.find(([re]) => re.test(v));
    reasons[rule ? rule[1] : 'external'].push(v);
  }
  if (reasons.external.length > 0) check('personnel.turnover.reasons', `avgångsorsakerna ${reasons.external.map((v) => `"${v}"`).join(', ')} räknades som externa avgångar.`);
  const found = forms.filter((f) => f.codes.length > 0);
  return { forms: found.length > 0 ? found : null, reasons: m.columns.has('endReason') ? reasons : null };
}

function personnelSettings(sources: Sources, check: Check): Pick<Settings, 'sickTypes' | 'incidentKinds' | 'riskKinds' | 'personalColumns' | 'hourPrice' | 'forms' | 'reasons'> {
  const personalColumns: Partial<Record<RoleId, string[]>> = {};
  for (const role of ['employments', 'absence', 'hiredStaff', 'rehab', 'workEnvironment'] as const) {
    const m = sources[role];
    if (!m) continue;
    const read = new Set([...m.columns.values()].map((c) => c.index));
    personalColumns[role] = m.grid.header.filter((h, i) => !read.has(i) && PERSONAL_HEADERS.has(headerKey(h)));
  }
  let sickTypes: string[] | null = null;
  if (sources.absence) {
    sickTypes = distinct(sources.absence, 'type').filter((t) => /sjuk/i.test(t));
    if (sickTypes.length === 0) {
      check('personnel.sources.absence.sickTypes', 'ingen frånvaroorsak innehåller "sjuk"; standardvärdena används. Ange vilka orsaker som är sjukfrånvaro.');
      sickTypes = null;
    }
  }
  let incidentKinds: string[] | null = null;
  let riskKinds: string[] | null = null;
  if (sources.workEnvironment) {
    const kinds = distinct(sources.workEnvironment, 'kind');
    riskKinds = kinds.filter((k) => /risk/i.test(k));
    incidentKinds = kinds.filter((k) => !/risk/i.test(k));
    const unknown = incidentKinds.filter((k) => !KNOWN_INCIDENTS.has(k.toLowerCase()));
    if (unknown.length > 0) check('personnel.sources.workEnvironment.incidentKinds', `typerna ${unknown.map((k) => `"${k}"`).join(', ')} räknades som händelser.`);
  }
  let hourPrice: number | null = null;
  if (sources.hiredStaff && !sources.hiredStaff.columns.has('hours')) {
    hourPrice = 1000;
    check('personnel.sources.hiredStaff.hourPrice', 'filen har kostnader, inte timmar; ett timpris på 1 000 kr skrevs in. Ange ert eget timpris för inhyrd personal.');
  }
  const employment = sources.employments && sources.absence ? employmentSettings(sources.employments, check) : { forms: null, reasons: null };
  return { sickTypes, incidentKinds, riskKinds, personalColumns, hourPrice, ...employment };
}
