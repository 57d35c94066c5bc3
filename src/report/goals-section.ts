/**
 * Goal follow-up results → the report section "2.3 God ekonomisk hushållning och ekonomisk ställning" (seed 001),
 * purely. Layout:
 *
 *   2.3  intro · criteria legends (mål, indikator) · summary table Regionmål | Delmål | Prognos · drafted counts
 *   2.3.n  one subsection per regionmål; inside it one per delmål: prognos, analysis, indicator table
 *   then  Uppföljning av uppdrag (one table per origin) · Åtgärder · Projektportfölj · Intern kontroll
 *
 * Every status is a `status` cell (symbol + word in every renderer, so it survives a black-and-white print).
 * A person's assessment of a delmål is marked with "*" and explained under the summary table.
 */
import { monthName, type Period } from '../model/period.js';
import { slugify, type OrgNode } from '../calc/hierarchy.js';
import { decimalsOf, toReportRatio } from '../calc/goals/decimal.js';
import type {
  GoalResult,
  GoalResults,
  IndicatorResult,
  MeasureResult,
  ProjectResult,
  UppdragResult,
} from '../calc/goals/assess.js';
import type { GoalRule } from '../model/goal-rules.js';
import type { ControlOutcome, Occasion, Progress, Rag, Target } from '../model/goals.js';
import type { Block, Cell, Column, Narrative, Paragraph, Row, Section, StatusLevel, Table } from './model.js';
import { capitalise } from './texts.js';
import { joinSwedish, numberWord, paragraphs, type TextTemplates } from './texts.js';

export { joinSwedish, numberWord };

export interface GoalsSectionOptions {
  /** The nämnd/styrelse the report is for ("Regionstyrelsen"). */
  readonly unitName: string;
  /** The drafted-sentence templates (templates/text/mal-*.hbs). */
  readonly texts: TextTemplates;
  /** Heading number, default "2.3"; subsections are numbered under it. */
  readonly number?: string;
  /** Heading level, default 2. */
  readonly level?: number;
  readonly title?: string;
  readonly labels?: Partial<GoalsLabels>;
  /**
   * Person-written analysis from the narrative folder, by key `mal-<delmål-id>` (slugged). Used for a delmål whose
   * export has no analysis text; otherwise the export's text is used.
   */
  readonly narratives?: ReadonlyMap<string, string>;
  /** Whether a final report requires an analysis for every delmål assessed this period (default false). */
  readonly requireAnalysis?: boolean;
}

export interface GoalsLabels {
  /** Column header for the top level: "Regionmål" (or "Fokusområde", "Målområde"). */
  readonly topGoal: string;
  /** The delmål level, capitalised singular: "Delmål" (or "Nämndmål", "Mål"). Plural is the same word (-mål). */
  readonly goal: string;
  /** What the goals are decided in: "nämndplanen", "verksamhetsplanen". */
  readonly plan: string;
}

const DEFAULT_LABELS: GoalsLabels = { topGoal: 'Regionmål', goal: 'Delmål', plan: 'nämndplanen' };

// ---------------------------------------------------------------------------------------------------------------
// Words

function lowerFirst(s: string): string {
  // "Regionstyrelsen" → "regionstyrelsen" inside a sentence; keep acronyms ("RS") as they are.
  return /^[A-ZÅÄÖ][a-zåäö]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

/**
 * A unit's name inside a sentence: a nämnd or förvaltning is a common noun there ("riktat till regionstyrelsen"), but
 * a proper name whose later words are capitalised stays as it is ("riktat till Region Exempel", "Region Västerbotten").
 */
function unitInSentence(name: string): string {
  return /\s[A-ZÅÄÖ]/.test(name.trim()) ? name : lowerFirst(name);
}

// ---------------------------------------------------------------------------------------------------------------
// Status labels (symbol comes from the renderer via the level)

/** Indicator labels as in seed 001's legend ("Målvärdet uppfylls helt"), short for table cells. */
export const INDICATOR_LABEL: Record<StatusLevel, string> = {
  helt: 'Uppfylls helt',
  delvis: 'Uppfylls delvis',
  inte: 'Uppfylls inte',
  ingaData: 'Inga data',
};

/** Goal prognosis for the year (seed 001 "Prognos"); in December the outcome, not a prognosis. */
export function goalLabel(level: StatusLevel, p: Period): string {
  if (level === 'ingaData') return 'Inga data';
  if (p.month === 12) return { helt: 'Målet har uppfyllts helt', delvis: 'Målet har uppfyllts delvis', inte: 'Målet har inte uppfyllts' }[level];
  return { helt: 'Mål kommer helt uppfyllas', delvis: 'Mål kommer delvis uppfyllas', inte: 'Mål kommer inte uppfyllas' }[level];
}

const PROGRESS: Record<Progress, { level: StatusLevel; label: string }> = {
  done: { level: 'helt', label: 'Klar' },
  ongoing: { level: 'delvis', label: 'Pågående' },
  notStarted: { level: 'inte', label: 'Ej påbörjad' },
  cancelled: { level: 'ingaData', label: 'Avbruten' },
};

const RAG: Record<Rag, { level: StatusLevel; label: string }> = {
  green: { level: 'helt', label: 'Enligt plan' },
  yellow: { level: 'delvis', label: 'Mindre avvikelse' },
  red: { level: 'inte', label: 'Stor avvikelse' },
};

const CONTROL: Record<ControlOutcome, { level: StatusLevel; label: string }> = {
  met: { level: 'helt', label: 'Uppfyllt' },
  partly: { level: 'delvis', label: 'Delvis uppfyllt' },
  notMet: { level: 'inte', label: 'Ej uppfyllt' },
};

function status(level: StatusLevel, label: string): Cell {
  return { kind: 'status', status: level, label };
}

function text(t: string | null | undefined): Cell {
  return { kind: 'text', text: t ?? '' };
}

function paragraph(t: string, drafted = true): Paragraph {
  return { type: 'paragraph', text: t, drafted };
}

function progressCell(progress: Progress | null, overdue: boolean, statusText: string): Cell {
  const base = progress === null
    ? { level: 'ingaData' as const, label: statusText.trim() === '' ? 'Status saknas' : statusText.trim() }
    : PROGRESS[progress];
  return status(base.level, overdue ? `${base.label}, försenad` : base.label);
}

function ragCell(r: Rag | null): Cell {
  return r === null ? status('ingaData', 'Ej rapporterad') : status(RAG[r].level, RAG[r].label);
}

// ---------------------------------------------------------------------------------------------------------------
// Indicators

const OCCASION_MONTH_ORDER: readonly Exclude<Occasion, 'M'>[] = ['D1', 'D2', 'Å'];

/** The next report month (after `p`, within the year) at which an indicator with these occasions is assessed. */
function nextOccasionMonth(occasions: readonly Occasion[], p: Period, months: Record<Exclude<Occasion, 'M'>, number>): number | null {
  const candidates = OCCASION_MONTH_ORDER.filter((o) => occasions.includes(o)).map((o) => months[o]).filter((m) => m > p.month);
  return candidates.length > 0 ? Math.min(...candidates) : null;
}

export function indicatorStatusCell(r: IndicatorResult, results: GoalResults): Cell {
  switch (r.basis) {
    case 'notDue': {
      const next = nextOccasionMonth(r.indicator.occasions, results.period, results.rules.occasionMonths);
      return status('ingaData', next === null ? 'Bedöms ej denna period' : `Bedöms per ${monthName(next)}`);
    }
    case 'unassessable':
      return status('ingaData', 'Ej bedömd');
    case 'person':
      return status(r.level, `${INDICATOR_LABEL[r.level]} *`);
    default:
      return status(r.level, INDICATOR_LABEL[r.level]);
  }
}

export function targetCell(t: Target): Cell {
  if (t.kind === 'value') return { kind: 'number', value: t.value, decimals: decimalsOf(t.value) };
  return text(t.text);
}

export function outcomeCell(r: IndicatorResult): Cell {
  const m = r.measurement;
  if (m === null) return text('');
  if (m.value !== null) return { kind: 'number', value: m.value, decimals: Math.min(decimalsOf(m.value), 4) };
  return text(m.text);
}

/** The outcome an indicator table shows: blank when the indicator is not due this period or has no outcome. */
export function dueOutcomeCell(r: IndicatorResult): Cell {
  return r.due ? outcomeCell(r) : text('');
}

/** Uppfyllnad % (whole percent) when the indicator is due and a ratio is meaningful; blank otherwise. */
export function fulfilmentCell(r: IndicatorResult): Cell {
  return { kind: 'percent', ratio: r.due && r.ratio ? toReportRatio(r.ratio) : null, decimals: 0 };
}

export function indicatorName(r: IndicatorResult): string {
  const i = r.indicator;
  const unit = i.unit.trim() === '' ? '' : ` (${i.unit.trim()})`;
  return `${i.name}${unit}${r.direction === 'lower' ? ', lägre är bättre' : ''}`;
}

function periodLabel(key: number): string {
  return `${monthName(key % 100)} ${Math.trunc(key / 100)}`;
}

/** The indicator table of one delmål: Indikator | Målvärde | Utfall | Uppfyllnad | Redovisas | Status. */
export function buildIndicatorTable(goal: GoalResult, results: GoalResults): Table {
  const p = results.period;
  const columns: Column[] = [
    { header: 'Indikator', align: 'left' },
    { header: 'Målvärde', align: 'right' },
    { header: `Utfall ${p.year}`, align: 'right' },
    { header: 'Uppfyllnad %', align: 'right' },
    { header: 'Redovisas', align: 'left' },
    { header: 'Status', align: 'left' },
  ];
  const notes: string[] = [];
  const rows: Row[] = goal.indicators.map((r): Row => {
    const m = r.measurement;
    if (r.due && m !== null && m.period !== null && m.period !== p.year * 100 + p.month) {
      notes.push(`Utfallet för "${r.indicator.name}" avser ${periodLabel(m.period)}.`);
    }
    // The person's analysis of the indicator for this period (seed 002 "Kommentar").
    if (r.due && m?.analysis) notes.push(`${r.indicator.name}: ${m.analysis}`);
    return {
      cells: [
        text(indicatorName(r)),
        targetCell(r.indicator.target),
        dueOutcomeCell(r),
        fulfilmentCell(r),
        text(r.indicator.occasions.join(', ')),
        indicatorStatusCell(r, results),
      ],
      emphasis: 'normal',
    };
  });
  if (goal.indicators.some((r) => r.direction === 'lower')) {
    notes.push('För indikatorer där lägre är bättre är uppfyllnad = målvärde / utfall; annars utfall / målvärde.');
  }
  if (goal.indicators.some((r) => r.basis === 'person')) notes.push('* Egen bedömning av ansvarig.');
  return {
    type: 'table',
    id: `indikatorer-${slugify(goal.goal.id)}`,
    title: `Indikatorer: ${goal.goal.name}`,
    columns,
    rows,
    notes,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Legends and summary

function percentText(n: number): string {
  return String(n).replace('.', ',');
}

/** Seed 001 "Bedömning av indikator" with the configured thresholds: "80–99 procent av målvärde". */
export function buildCriteriaTables(results: GoalResults): Table[] {
  const { helt, delvis } = results.rules.thresholds;
  const middle = Number.isInteger(helt) && Number.isInteger(delvis)
    ? `${percentText(delvis)}–${percentText(helt - 1)} procent av målvärde`
    : `Från ${percentText(delvis)} till under ${percentText(helt)} procent av målvärde`;
  const p = results.period;
  const goalTable: Table = {
    type: 'table',
    id: 'mal-bedomning',
    title: 'Bedömning av mål',
    columns: [{ header: 'Status', align: 'left' }, { header: 'Innebörd', align: 'left' }],
    rows: [
      { cells: [status('helt', goalLabel('helt', p)), text('Målet bedöms uppfyllas helt under året')], emphasis: 'normal' },
      { cells: [status('delvis', goalLabel('delvis', p)), text('Målet bedöms uppfyllas delvis under året')], emphasis: 'normal' },
      { cells: [status('inte', goalLabel('inte', p)), text('Målet bedöms inte uppfyllas under året')], emphasis: 'normal' },
      { cells: [status('ingaData', 'Inga data'), text('Ingen indikator följs upp denna period och ingen bedömning är gjord')], emphasis: 'normal' },
    ],
    notes: [],
  };
  const indicatorTable: Table = {
    type: 'table',
    id: 'indikator-bedomning',
    title: 'Bedömning av indikator',
    columns: [{ header: 'Status', align: 'left' }, { header: 'Kriterie', align: 'left' }],
    rows: [
      { cells: [status('helt', 'Målvärdet uppfylls helt'), text(`${percentText(helt)} procent av målvärde eller högre`)], emphasis: 'normal' },
      { cells: [status('delvis', 'Målvärdet uppfylls delvis'), text(middle)], emphasis: 'normal' },
      { cells: [status('inte', 'Målvärdet uppfylls inte'), text(`Under ${percentText(delvis)} procent av målvärde`)], emphasis: 'normal' },
      { cells: [status('ingaData', 'Inga data'), text('Inget utfall för perioden')], emphasis: 'normal' },
    ],
    notes: [
      'För indikatorer där lägre värde är bättre (t.ex. sjukfrånvaro) räknas andelen som målvärde / utfall.',
      'Ett mål som "< 5" uppfylls helt bara om utfallet ligger under 5. "Behålla" uppfylls helt om utfallet inte är sämre än jämförelsevärdet.',
      `Indikatorer bedöms vid sina redovisningstillfällen: M = varje månad, D1 = ${monthName(results.rules.occasionMonths.D1)}, D2 = ${monthName(results.rules.occasionMonths.D2)}, Å = ${monthName(results.rules.occasionMonths.Å)}.`,
    ],
  };
  return [goalTable, indicatorTable];
}

const RULE_TEXT: Record<GoalRule, string> = {
  worst: 'sin svagaste indikator',
  majority: 'flertalet av sina indikatorer (vid lika antal den svagare nivån)',
  average: 'genomsnittet av sina indikatorer (helt 2, delvis 1 och inte 0 poäng; 1,5 eller mer ger helt, 0,5 eller mer delvis)',
};

function summaryLabel(g: GoalResult, p: Period): Cell {
  const label = goalLabel(g.level, p);
  return status(g.level, g.basis === 'person' ? `${label} *` : label);
}

/** Seed 001 "Sammanfattning": Regionmål | Delmål | Prognos, the regionmål printed on its first row only. */
export function buildSummaryTable(results: GoalResults, labels: GoalsLabels): Table {
  const rows: Row[] = [];
  for (const top of results.topGoals) {
    top.goals.forEach((g, i) => {
      rows.push({ cells: [text(i === 0 ? top.name : ''), text(g.goal.name), summaryLabel(g, results.period)], emphasis: 'normal' });
    });
  }
  const all = results.topGoals.flatMap((t) => t.goals);
  const notes: string[] = [];
  if (all.some((g) => g.basis === 'person')) {
    notes.push(`* Helhetsbedömning gjord av ansvarig. Övriga ${labels.goal.toLowerCase()} bedöms efter ${RULE_TEXT[results.rules.goalRule]}.`);
  } else {
    notes.push(`${labels.goal} bedöms efter ${RULE_TEXT[results.rules.goalRule]}.`);
  }
  return {
    type: 'table',
    id: 'mal-sammanfattning',
    title: 'Sammanfattning',
    columns: [
      { header: labels.topGoal, align: 'left' },
      { header: labels.goal, align: 'left' },
      { header: results.period.month === 12 ? 'Bedömning' : 'Prognos', align: 'left' },
    ],
    rows,
    notes,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Drafted sentences

/**
 * Seed 001: "Regionstyrelsen har beslutat om 17 delmål i planen för 2024 och per augusti görs en uppföljning och
 * bedömning av fem av dessa. Av dessa är bedömningen att fyra kommer uppnås och ett delvis kommer uppnås."
 * Wording: templates/text/mal-antal.hbs.
 */
export function goalCountSentence(results: GoalResults, unitName: string, labels: GoalsLabels, texts: TextTemplates): string {
  const goals = results.topGoals.flatMap((t) => t.goals);
  const p = results.period;
  const n = goals.length;
  const assessed = goals.filter((g) => g.level !== 'ingaData');
  const k = assessed.length;
  const arsredovisning = p.month === 12;
  const count = (l: StatusLevel) => assessed.filter((g) => g.level === l).length;
  const level = (l: StatusLevel, antal: number) => ({ antal, helt: l === 'helt', delvis: l === 'delvis', inte: l === 'inte', arsredovisning });
  const bedomningar = (['helt', 'delvis', 'inte'] as const).filter((l) => count(l) > 0).map((l) => level(l, count(l)));
  return texts['mal-antal']({
    enhet: unitName, mal: labels.goal.toLowerCase(), ar: p.year, manad: monthName(p.month),
    ingaMal: n === 0, antalMal: n, ingaBedomda: k === 0, allaBedomda: k === n, antalBedomda: k,
    ettBedomt: k === 1 ? level(assessed[0]!.level, 1) : null,
    flera: k > 1,
    samtliga: k > 1 && bedomningar.length === 1 ? bedomningar[0] : null,
    bedomningar,
  });
}

/**
 * "Av de 25 indikatorerna följs 14 upp per augusti. Av dessa uppfylls åtta helt, tre delvis och två inte; för en saknas
 * utfall." Wording: templates/text/mal-indikatorer.hbs; '' without indicators.
 */
export function indicatorCountSentence(results: GoalResults, texts: TextTemplates): string {
  const all = results.topGoals.flatMap((t) => t.goals.flatMap((g) => g.indicators));
  const n = all.length;
  if (n === 0) return '';
  const due = all.filter((r) => r.due);
  const c = (l: StatusLevel) => due.filter((r) => r.level === l && r.basis !== 'unassessable' && r.basis !== 'noData').length;
  const utfall = (['helt', 'delvis', 'inte'] as const)
    .filter((l) => c(l) > 0)
    .map((l) => ({ antal: c(l), ensam: due.length === 1, helt: l === 'helt', delvis: l === 'delvis', inte: l === 'inte' }));
  return texts['mal-indikatorer']({
    antal: n, manad: monthName(results.period.month),
    ingenFoljsUpp: due.length === 0, allaFoljsUpp: due.length === n, foljsUpp: due.length,
    utfall,
    saknas: due.filter((r) => r.basis === 'noData' || (r.basis === 'person' && r.level === 'ingaData')).length,
    obedomda: due.filter((r) => r.basis === 'unassessable').length,
  });
}

/**
 * "Av åtta uppdrag är ett klart, sex pågående och ett ej påbörjat. Ett uppdrag har passerat sitt slutdatum …"
 * Wording: templates/text/mal-uppdrag.hbs; '' without uppdrag.
 */
export function uppdragSentences(list: readonly UppdragResult[], texts: TextTemplates): string {
  if (list.length === 0) return '';
  const count = (p: Progress | null) => list.filter((u) => u.uppdrag.progress === p).length;
  const order: (Progress | null)[] = ['done', 'ongoing', 'notStarted', 'cancelled', null];
  const overdue = list.filter((u) => u.overdue);
  return texts['mal-uppdrag']({
    antal: list.length,
    status: order.filter((p) => count(p) > 0).map((p) => ({
      antal: count(p), klar: p === 'done', pagaende: p === 'ongoing', ejPaborjad: p === 'notStarted', avbruten: p === 'cancelled', utanStatus: p === null,
    })),
    antalForsenade: overdue.length,
    forsenade: overdue.map((u) => ({ text: u.uppdrag.text, slutdatum: u.uppdrag.endDate })),
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Uppdrag, åtgärder, projects, intern kontroll

function originTitle(origin: UppdragResult['uppdrag']['origin'], originText: string): string {
  if (origin === 'fullmaktige') return 'Uppdrag från fullmäktige till nämnd';
  if (origin === 'namnd') return 'Uppdrag från nämnd till förvaltning';
  const t = originText.trim();
  if (t === '') return 'Övriga uppdrag';
  return /^uppdrag\b/i.test(t) ? capitalise(t) : `Uppdrag från ${lowerFirst(t)}`;
}

/** One table per origin (fullmäktige first, then nämnd, then others in file order): Status | Uppdrag | Analys | Periodicitet och slutdatum. */
export function buildUppdragTables(list: readonly UppdragResult[]): Table[] {
  const groups = new Map<string, { title: string; items: UppdragResult[] }>();
  const keyOf = (u: UppdragResult) => (u.uppdrag.origin === 'other' ? `other:${u.uppdrag.originText.trim().toLowerCase()}` : u.uppdrag.origin);
  const order = [...list].sort((a, b) => rankOrigin(a) - rankOrigin(b));
  for (const u of order) {
    const k = keyOf(u);
    const g = groups.get(k) ?? { title: originTitle(u.uppdrag.origin, u.uppdrag.originText), items: [] };
    g.items.push(u);
    groups.set(k, g);
  }
  return [...groups.entries()].map(([k, g]): Table => ({
    type: 'table',
    id: `uppdrag-${slugify(k.replace(/^other:/, ''))}`,
    title: g.title,
    columns: [
      { header: 'Status', align: 'left' },
      { header: 'Uppdrag', align: 'left' },
      { header: 'Analys', align: 'left' },
      { header: 'Periodicitet och slutdatum', align: 'left' },
    ],
    rows: g.items.map((u): Row => ({
      cells: [
        progressCell(u.uppdrag.progress, u.overdue, u.uppdrag.statusText),
        text([u.uppdrag.text, u.uppdrag.addressedTo ? `Riktas till ${lowerFirst(u.uppdrag.addressedTo.replace(/^riktas till\s*/i, ''))}` : ''].filter(Boolean).join('\n')),
        text(u.uppdrag.analysis),
        text([u.uppdrag.periodicity, u.uppdrag.endDate].filter(Boolean).join('\n')),
      ],
      emphasis: 'normal',
    })),
    notes: g.items.some((u) => u.overdue) ? ['"Försenad": slutdatumet har passerat och uppdraget är inte klart.'] : [],
  }));
}

function rankOrigin(u: UppdragResult): number {
  return u.uppdrag.origin === 'fullmaktige' ? 0 : u.uppdrag.origin === 'namnd' ? 1 : 2;
}

/**
 * Åtgärder as in seed 002: Åtgärd ("7. Bidra till …") | Tidplan | Status | Kommentar, grouped by målområde when the
 * export has one.
 */
export function buildMeasuresTable(list: readonly MeasureResult[]): Table {
  const rows: Row[] = [];
  const grouped = list.some((m) => m.measure.area !== null);
  let area: string | null | undefined;
  for (const m of list) {
    if (grouped && m.measure.area !== area) {
      area = m.measure.area;
      rows.push({ cells: [text(area ?? 'Övrigt'), text(''), text(''), text('')], emphasis: 'section' });
    }
    rows.push({
      cells: [
        text(`${m.measure.number}. ${m.measure.text}`),
        text(m.measure.timeline),
        progressCell(m.measure.progress, m.overdue, m.measure.statusText),
        text(m.measure.comment),
      ],
      emphasis: 'normal',
      ...(grouped ? { level: 1 } : {}),
    });
  }
  return {
    type: 'table',
    id: 'atgarder',
    title: 'Åtgärder',
    columns: [
      { header: 'Åtgärd', align: 'left' },
      { header: 'Tidplan', align: 'left' },
      { header: 'Status', align: 'left' },
      { header: 'Kommentar', align: 'left' },
    ],
    rows,
    notes: list.some((m) => m.overdue) ? ['"Försenad": tidplanen har passerat och åtgärden är inte klar.'] : [],
  };
}

/** Seed 002's project portfolio: Prio | Projekt | Ägare/PL | Tid | Resurs | Kvalitet | Kommentar. */
export function buildProjectsTable(list: readonly ProjectResult[]): Table {
  return {
    type: 'table',
    id: 'projektportfolj',
    title: 'Projektportfölj',
    columns: [
      { header: 'Prio', align: 'right' },
      { header: 'Projekt', align: 'left' },
      { header: 'Ägare/PL', align: 'left' },
      { header: 'Tid', align: 'left' },
      { header: 'Resurs', align: 'left' },
      { header: 'Kvalitet', align: 'left' },
      { header: 'Kommentar', align: 'left' },
    ],
    rows: list.map((p): Row => ({
      cells: [
        { kind: 'count', value: p.project.priority },
        text(p.project.name),
        text(p.project.owner),
        ragCell(p.project.time),
        ragCell(p.project.resource),
        ragCell(p.project.quality),
        text(p.project.comment),
      ],
      emphasis: 'normal',
    })),
    notes: ['Tid, Resurs och Kvalitet: Enligt plan (går enligt plan), Mindre avvikelse, Stor avvikelse (stor avvikelse eller risk).'],
  };
}

/**
 * "Projektportföljen har tio projekt. Efter den svagaste av tid, resurs och kvalitet går fyra enligt plan, fyra har
 * en mindre avvikelse, ett har en stor avvikelse eller risk och för ett saknas status."
 */
export function projectsSentence(list: readonly ProjectResult[], texts: TextTemplates): string {
  if (list.length === 0) return '';
  const c = (r: Rag | null) => list.filter((p) => p.overall === r).length;
  const parts = (['green', 'yellow', 'red'] as const)
    .filter((r) => c(r) > 0)
    .map((r, i) => ({ antal: c(r), forst: i === 0, gron: r === 'green', gul: r === 'yellow', rod: r === 'red', saknas: false }));
  // Projects without status are told after the others, and only when some have one.
  const delar = parts.length > 0 && c(null) > 0 ? [...parts, { antal: c(null), saknas: true }] : parts;
  return texts['mal-projekt']({ antal: list.length, delar });
}

/** Seed 002/003 intern kontroll: Granskningsområde | Berört reglemente … | Metod | Resultat | Åtgärder | Status. */
export function buildInternalControlTable(results: GoalResults): Table {
  return {
    type: 'table',
    id: 'intern-kontroll',
    title: 'Intern kontroll',
    columns: [
      { header: 'Granskningsområde', align: 'left' },
      { header: 'Berört reglemente, policy eller regler', align: 'left' },
      { header: 'Metod för granskningen', align: 'left' },
      { header: 'Resultat av granskningen', align: 'left' },
      { header: 'Åtgärder', align: 'left' },
      { header: 'Status', align: 'left' },
    ],
    rows: results.internalControl.map((c): Row => ({
      cells: [
        text(c.area),
        text(c.regulation),
        text(c.method),
        text(c.result),
        text(c.actions),
        c.outcome === null ? status('ingaData', 'Ej bedömt') : status(CONTROL[c.outcome].level, CONTROL[c.outcome].label),
      ],
      emphasis: 'normal',
    })),
    notes: [],
  };
}

/** "Fyra kontrollmoment har följts upp: två är uppfyllda, ett är delvis uppfyllt och ett är inte uppfyllt." (templates/text/mal-intern-kontroll.hbs) */
export function internalControlSentence(results: GoalResults, texts: TextTemplates): string {
  const list = results.internalControl;
  if (list.length === 0) return '';
  const c = (o: ControlOutcome | null) => list.filter((x) => x.outcome === o).length;
  const order: (ControlOutcome | null)[] = ['met', 'partly', 'notMet', null];
  return texts['mal-intern-kontroll']({
    antal: list.length,
    utfall: order.filter((o) => c(o) > 0).map((o) => ({ antal: c(o), delvis: o === 'partly', inte: o === 'notMet', obedomt: o === null })),
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The section

function goalSection(g: GoalResult, results: GoalResults, number: string, level: number, labels: GoalsLabels, options: GoalsSectionOptions): Section {
  const p = results.period;
  const blocks: Block[] = [];
  for (const t of paragraphs(options.texts['mal-bedomning'], {
    arsredovisning: p.month === 12,
    bedomning: goalLabel(g.level, p),
    ansvarig: g.basis === 'person',
    // A person's assessment that differs from the indicators' is told with the indicators' one beside it.
    enligtIndikatorerna: g.basis === 'person' && g.ruleLevel !== null && g.ruleLevel !== g.level ? goalLabel(g.ruleLevel, p).toLowerCase() : null,
    indikatorer: g.basis === 'indicators',
    mal: labels.goal.toLowerCase(),
    regel: RULE_TEXT[results.rules.goalRule],
    manad: monthName(p.month),
  })) blocks.push(paragraph(t));
  const key = `mal-${slugify(g.goal.id)}`;
  if (g.goal.analysis !== null && g.goal.analysis.trim() !== '') {
    for (const part of g.goal.analysis.split(/\n\s*\n/)) if (part.trim() !== '') blocks.push(paragraph(part.trim(), false));
  } else {
    const written = options.narratives?.get(key);
    const n: Narrative = {
      type: 'narrative',
      key,
      required: (options.requireAnalysis ?? false) && g.level !== 'ingaData',
      markdown: written ?? null,
    };
    blocks.push(n);
  }
  if (g.indicators.length > 0) blocks.push(buildIndicatorTable(g, results));
  else blocks.push(...paragraphs(options.texts['mal-utan-indikatorer'], { mal: labels.goal }).map((t) => paragraph(t)));
  return { id: `delmal-${slugify(g.goal.id)}`, number, title: g.goal.name, level, blocks, sections: [] };
}

/**
 * The goal follow-up of one report unit, or null when it has none. The root (the report owner) gets the delmål
 * without a unit and its own, with the export's uppdrag, åtgärder, projects and intern kontroll; a unit below it
 * gets only the delmål whose unit (goals column `unit`) is its id or name, each with its indicators. Regionmål
 * left without delmål are dropped. Example: delmål D7 with unit "Regionkontoret" is in Regionkontoret's report, not
 * in the region's.
 */
export function goalsOfUnit(results: GoalResults, node: { readonly id: string; readonly name: string }, isRoot: boolean): GoalResults | null {
  const mine = (unit: string | null | undefined) => (unit ?? null) === null ? isRoot : unit === node.id || unit === node.name;
  const topGoals = results.topGoals
    .map((t) => ({ ...t, goals: t.goals.filter((g) => mine(g.goal.unit)) }))
    .filter((t) => t.goals.length > 0);
  if (isRoot) return { ...results, topGoals };
  if (topGoals.length === 0) return null;
  return { ...results, topGoals, uppdrag: [], measures: [], projects: [], internalControl: [] };
}

/**
 * The goal results of a unit and every unit below it, for the layout's goal columns (measures.ts goalMeasure): the
 * delmål whose unit (goals column `unit`) is the node or one of its descendants, by id or name, each once; the root
 * also gets the delmål without a unit, so its row counts the whole export. Null when there are none. Uppdrag,
 * åtgärder, projects and intern kontroll are not counted. Example: delmål D2 with unit "Regionkontoret" is counted on
 * the rows of Regionkontoret, of Regionstyrelsen above it and of the root.
 */
export function goalsOfSubtree(results: GoalResults, node: OrgNode, isRoot: boolean): GoalResults | null {
  const keys = new Set<string>();
  const walk = (n: OrgNode) => {
    keys.add(n.id);
    keys.add(n.name);
    n.children.forEach(walk);
  };
  walk(node);
  const mine = (unit: string | null | undefined) => ((unit ?? null) === null ? isRoot : keys.has(unit!));
  const topGoals = results.topGoals
    .map((t) => ({ ...t, goals: t.goals.filter((g) => mine(g.goal.unit)) }))
    .filter((t) => t.goals.length > 0);
  if (topGoals.length === 0) return null;
  return { ...results, topGoals, uppdrag: [], measures: [], projects: [], internalControl: [] };
}

/**
 * Builds section 2.3 from assessed goal results. Subsections without data (no uppdrag, no projects …) are left out.
 * Example: `buildGoalsSection(results, { unitName: 'Regionstyrelsen' })`.
 */
export function buildGoalsSection(results: GoalResults, options: GoalsSectionOptions): Section {
  const labels: GoalsLabels = { ...DEFAULT_LABELS, ...options.labels };
  const number = options.number ?? '2.3';
  const level = options.level ?? 2;
  const p = results.period;
  const month = monthName(p.month);
  const unit = options.unitName;

  const { texts } = options;
  const blocks: Block[] = [
    ...paragraphs(texts['mal-inledning'], {
      plan: labels.plan, ar: p.year, enhet: unitInSentence(unit), mal: labels.goal.toLowerCase(), manad: month,
      arsredovisning: p.month === 12, delarsrapport: p.month === 4 || p.month === 8,
      regel: RULE_TEXT[results.rules.goalRule],
    }).map((t) => paragraph(t)),
    ...buildCriteriaTables(results),
    buildSummaryTable(results, labels),
    paragraph(goalCountSentence(results, unit, labels, texts)),
  ];
  const indicatorText = indicatorCountSentence(results, texts);
  if (indicatorText !== '') blocks.push(paragraph(indicatorText));

  const sections: Section[] = [];
  let n = 0;
  const next = () => `${number}.${++n}`;
  for (const top of results.topGoals) {
    const topNumber = next();
    sections.push({
      id: `mal-${slugify(top.name)}`,
      number: topNumber,
      title: top.name,
      level: level + 1,
      blocks: [],
      sections: top.goals.map((g, i) => goalSection(g, results, `${topNumber}.${i + 1}`, level + 2, labels, options)),
    });
  }
  if (results.uppdrag.length > 0) {
    sections.push({
      id: 'uppdrag',
      number: next(),
      title: 'Uppföljning av uppdrag',
      level: level + 1,
      blocks: [paragraph(uppdragSentences(results.uppdrag, texts)), ...buildUppdragTables(results.uppdrag)],
      sections: [],
    });
  }
  if (results.measures.length > 0) {
    const overdue = results.measures.filter((m) => m.overdue);
    const mBlocks: Block[] = [];
    if (overdue.length > 0) {
      mBlocks.push(paragraph(texts['mal-atgarder']({
        antal: overdue.length,
        forsenade: overdue.map((m) => ({ nummer: m.measure.number, text: m.measure.text })),
      })));
    }
    mBlocks.push(buildMeasuresTable(results.measures));
    sections.push({ id: 'atgarder', number: next(), title: 'Åtgärder', level: level + 1, blocks: mBlocks, sections: [] });
  }
  if (results.projects.length > 0) {
    sections.push({
      id: 'projektportfolj',
      number: next(),
      title: 'Projektportfölj',
      level: level + 1,
      blocks: [paragraph(projectsSentence(results.projects, texts)), buildProjectsTable(results.projects)],
      sections: [],
    });
  }
  if (results.internalControl.length > 0) {
    sections.push({
      id: 'intern-kontroll',
      number: next(),
      title: 'Intern kontroll',
      level: level + 1,
      blocks: [paragraph(internalControlSentence(results, texts)), buildInternalControlTable(results)],
      sections: [],
    });
  }
  return {
    id: 'god-ekonomisk-hushallning',
    number,
    title: options.title ?? 'God ekonomisk hushållning och ekonomisk ställning',
    level,
    blocks,
    sections,
  };
}
