/**
 * Personnel results → section "Väsentliga personalförhållanden" (seed 001 2.4, with seed 002's sick-leave, rehab,
 * arbetsmiljö and arbetad-tid tables and seed 003's personalomsättning), purely.
 *
 * Every figure is a typed cell: exact percentages as `percent` cells (two decimals where the seeds print two),
 * withheld figures as `suppressed` cells carrying their footnote, no-data as blank. The drafted sentences use the
 * figures exactly as the tables round them, so text and table never disagree; a sentence about a withheld figure is
 * not written. The definitions and choices behind the figures are stated in the table notes.
 *
 * The section's `number` and `level` are placeholders: the report builder numbers sections (`numberSections`).
 */
import type { PersonnelResults, Figure, SickLeaveWindowFigures, TurnoverFigures, CountFigure, WorkedTime } from '../calc/personnel/index.js';
import { changeInPoints, type SuppressionReason } from '../calc/personnel/privacy.js';
import { ageGroupLabels } from '../calc/personnel/groups.js';
import { windowMonths, type Window } from '../calc/personnel/windows.js';
import { monthName, monthAbbrev } from '../model/period.js';
import { formatScaled, roundPercent, NBSP } from '../model/format.js';
import type { CountTableLayout, RehabRow, SickLeaveTableLayout, WorkEnvironmentRow } from '../config/layout-schema.js';
import { categoryKey } from '../model/personnel.js';
import type { Block, Cell, Chart, Column, Paragraph, Row, Section, Table, Narrative } from './model.js';
import { paragraphs, type TextTemplates } from './texts.js';

/** Person-written parts of the section, by narrative key. None is required. */
export const PERSONNEL_NARRATIVE_KEYS = {
  personal: 'Inledning om personalförhållanden, kompetensförsörjning',
  arbetsmiljo: 'Arbetsmiljö',
  sjukfranvaro: 'Analys av sjukfrånvaron',
  /** A Markdown table with three columns: avvikelseområde | analys | aktivitet. */
  'personal-avvikelser': 'Avvikelser i sjukfrånvaron (tabell)',
} as const;

/** One row of the avvikelse table (seed 001): area, analysis of the cause, activity to correct it. */
export interface PersonnelDeviation {
  readonly area: string;
  readonly analysis: string;
  readonly activity: string;
}

export interface PersonnelSectionOptions {
  /** Name of the report unit in running text ("Regionstyrelsen", "Regionkontoret"). */
  readonly unitName: string;
  /** Person-written Markdown by key (see PERSONNEL_NARRATIVE_KEYS). */
  readonly narratives?: ReadonlyMap<string, string>;
  /**
   * Rows of the avvikelse table. When omitted, they are read from the narrative `personal-avvikelser` (a Markdown
   * table, `parseDeviationTable`).
   */
  readonly deviations?: readonly PersonnelDeviation[];
  /** Decimals of the sick-leave percentages in the tables (layout `module: personnel`, `sickLeaveDecimals`); default 2. */
  readonly sickLeaveDecimals?: number;
  /** The sick-leave table's rows, columns and headings (layout `module: personnel`, `sickLeaveTable`); default the standard table. */
  readonly sickLeaveTable?: SickLeaveTableLayout;
  /** The rehab and arbetsmiljö tables' title, headings and row labels (layout `rehabTable`, `workEnvironmentTable`). */
  readonly rehabTable?: CountTableLayout;
  readonly workEnvironmentTable?: CountTableLayout;
  /** The drafted-sentence templates (templates/text/personal-*.hbs). */
  readonly texts: TextTemplates;
}

// ---------------------------------------------------------------------------------------------------------------
// Cells and labels

/** A count with its noun in the right number: "1 dag", "5 dagar" (settings may be 1). */
function counted(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

const SUPPRESSION_NOTE: Record<SuppressionReason, (max: number) => string> = {
  smallGroup: (max) => `Uppgiften visas inte: gruppen har högst ${counted(max, 'anställd', 'anställda')}.`,
  attributable: () => 'Uppgiften visas inte: den kan härledas till en enskild person.',
  complementary: () => 'Uppgiften visas inte, så att en annan dold uppgift inte kan räknas fram ur summan.',
  empty: () => 'Uppgift saknas: gruppen har inga anställda med schemalagd tid (eller inga timmar att räkna på).',
};

function text(t: string): Cell {
  return { kind: 'text', text: t };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

class Cells {
  constructor(readonly maxGroup: number) {}

  figure(f: Figure, decimals: number): Cell {
    if (f.suppressed !== null) {
      return { kind: 'suppressed', note: SUPPRESSION_NOTE[f.suppressed](this.maxGroup) };
    }
    return { kind: 'percent', ratio: f.ratio, decimals };
  }

  count(c: CountFigure | number | null): Cell {
    if (c !== null && typeof c === 'object') {
      if (c.suppressed !== null) {
        return { kind: 'suppressed', note: SUPPRESSION_NOTE[c.suppressed](this.maxGroup) };
      }
      return { kind: 'count', value: c.value };
    }
    return { kind: 'count', value: c };
  }
}

/** A personnel figure as a table cell: a percent, or withheld with its footnote (the layout's personnel columns use it too). */
export function figureCell(f: Figure, decimals: number, maxGroup: number): Cell {
  return new Cells(maxGroup).figure(f, decimals);
}

function monthYear(ym: number): string {
  return `${monthName(ym % 100)} ${Math.trunc(ym / 100)}`;
}

/** "januari–juli 2024", or "juli 2024" for one month. */
function windowLabel(w: Window): string {
  const y1 = Math.trunc(w.from / 100);
  const y2 = Math.trunc(w.to / 100);
  if (w.from === w.to) return monthYear(w.to);
  if (y1 === y2) return `${monthName(w.from % 100)}–${monthName(w.to % 100)} ${y2}`;
  return `${monthYear(w.from)}–${monthYear(w.to)}`;
}

/** "jan–jul 2024" for column headers. */
function windowHeader(w: Window): string {
  const y2 = Math.trunc(w.to / 100);
  if (w.from === w.to) return `${monthAbbrev(w.to % 100)} ${y2}`;
  return `${monthAbbrev(w.from % 100)}–${monthAbbrev(w.to % 100)} ${y2}`;
}

/**
 * Percent as running text writes it (seed 001: "från 4,85 procent … till 4,75 procent"): the decimals are kept, so
 * two figures compared in one sentence read alike ("3,70" next to "4,32"); only an all-zero fraction is dropped ("48").
 */
function pctText(f: Figure | null, decimals = 2): string | null {
  if (!f || f.suppressed !== null || f.ratio === null) return null;
  return trimZeros(formatScaled(roundPercent(f.ratio, decimals), decimals, NBSP));
}

function trimZeros(s: string): string {
  return /,0+$/.test(s) ? s.replace(/,0+$/, '') : s;
}

function rounded(f: Figure, decimals = 2): bigint | null {
  return f.suppressed === null && f.ratio !== null ? roundPercent(f.ratio, decimals) : null;
}

function direction(cur: bigint, prev: bigint): 'ökat' | 'minskat' | 'oförändrad' {
  return cur > prev ? 'ökat' : cur < prev ? 'minskat' : 'oförändrad';
}

function paragraph(t: string): Paragraph {
  return { type: 'paragraph', text: t, drafted: true };
}

function narrative(key: keyof typeof PERSONNEL_NARRATIVE_KEYS, narratives: ReadonlyMap<string, string> | undefined): Narrative {
  return { type: 'narrative', key, required: false, markdown: narratives?.get(key) ?? null };
}

function hours(centihours: number | null): Cell {
  return { kind: 'number', value: centihours === null ? null : centihours / 100, decimals: 0 };
}

function swedishInt(n: number): string {
  return formatScaled(BigInt(Math.round(n)), 0, NBSP);
}

// ---------------------------------------------------------------------------------------------------------------
// Definitions (stated in the notes)

function sickLeaveDefinitions(r: PersonnelResults): string[] {
  const sl = r.rules.sickLeave;
  const ageAt = r.rules.ageAt === 'yearEnd' ? 'den 31 december respektive år' : 'periodens sista dag';
  return [
    'Sjukfrånvaro = sjukfrånvarotimmar i förhållande till ordinarie (schemalagd) arbetstid. Varje grupp redovisas i förhållande till gruppens egen arbetstid. Bara medarbetare med schemalagd tid ingår.',
    `Andel långtidssjukfrånvaro = timmar i sjukperioder om ${counted(sl.longTermDays, 'dag', 'dagar')} eller mer i förhållande till all sjukfrånvaro.`,
    sl.rejoinWithinDays > 0
      ? `Ny sjukfrånvaro som börjar inom ${counted(sl.rejoinWithinDays, 'dag', 'dagar')} efter en avslutad sjukperiod räknas som samma sjukperiod (återinsjuknande).`
      : 'Varje sammanhängande sjukfrånvaro räknas som en egen sjukperiod (återinsjuknande slås inte ihop).',
    `Ålder räknas per ${ageAt}. Deltidssjukfrånvaro räknas med sina timmar (omfattning).`,
    sl.bandBasis === 'dayNumber'
      ? 'Intervallen (dag 1–14 osv.) avser sjukdagens nummer i sjukperioden.'
      : 'Intervallen (dag 1–14 osv.) avser sjukperiodens hela längd.',
  ];
}

function privacyNote(r: PersonnelResults): string {
  const p = r.rules.privacy;
  return `Uppgifter om grupper med högst ${counted(p.maxSuppressedGroupSize, 'anställd', 'anställda')}, och uppgifter som kan härledas till en enskild person${p.dominancePercent !== null ? ` (en person står för minst ${p.dominancePercent} procent av timmarna)` : ''}, visas inte (–). Ytterligare uppgifter döljs när en dold uppgift annars kan räknas fram ur summan och övriga uppgifter.`;
}

/** "Personaluppgifterna redovisas med en månads eftersläpning …" (templates/text/personal-period.hbs). */
function lagNote(r: PersonnelResults, texts: TextTemplates): string {
  const hr = r.hrPeriod;
  // Months between the report period and the last HR month: (year × 12 + month) of each, subtracted.
  const lag = (r.period.year * 12 + r.period.month) - (Math.trunc(hr / 100) * 12 + (hr % 100));
  return texts['personal-period']({ eftersläpning: lag, tillOchMed: monthYear(hr) });
}

// ---------------------------------------------------------------------------------------------------------------
// Tables

const CHANGE_NOTE = 'Förändringen är räknad på de exakta värdena och kan därför skilja sig med en enhet i sista siffran från skillnaden mellan de avrundade talen.';

function changeCells(c: Cells, cur: Figure, prev: Figure, decimals: number): Cell[] {
  return [c.figure(prev, decimals), c.figure(cur, decimals), c.figure(changeInPoints(cur, prev, decimals), decimals)];
}

function sickLeaveTable(r: PersonnelResults, d: number, lag: string, shape?: SickLeaveTableLayout): Table {
  const { ytd, ytdPrev } = r.sickLeave;
  const c = new Cells(r.rules.privacy.maxSuppressedGroupSize);
  const sl = r.rules.sickLeave;
  const ages = ageGroupLabels(sl.ageGroups);
  // The columns as the layout lists them (default: previous year, this year, the change in percentage points).
  const columns = shape?.columns ?? [{ column: 'foregaendeAr' }, { column: 'innevarandeAr' }, { column: 'forandring' }];
  const row = (label: string, cur: Figure, prev: Figure, emphasis: Row['emphasis'] = 'normal', level = 0): Row => {
    const [p, n, ch] = changeCells(c, cur, prev, d);
    const byColumn: Record<string, Cell> = { foregaendeAr: p!, innevarandeAr: n!, forandring: ch! };
    return { cells: [text(label), ...columns.map((col) => byColumn[col.column]!)], emphasis, level };
  };
  const kinds: Record<string, (label?: string, labels?: readonly string[]) => Row[]> = {
    total: (label) => [row(label ?? 'Total sjukfrånvaro', ytd.total, ytdPrev.total, 'subtotal')],
    intervall: (_, labels) => sl.bands.map((b, i) => row(labels?.[i] ?? `varav ${b.label}`, ytd.bands[i]!, ytdPrev.bands[i]!, 'normal', 1)),
    andelLangtid: (label) => [row(label ?? `Andel långtidssjukfrånvaro (${counted(sl.longTermDays, 'dag', 'dagar')} eller mer) av total sjukfrånvaro`, ytd.longTermShare, ytdPrev.longTermShare)],
    kvinnor: (label) => [row(label ?? 'Kvinnor', ytd.women, ytdPrev.women)],
    man: (label) => [row(label ?? 'Män', ytd.men, ytdPrev.men)],
    aldersgrupper: (_, labels) => ages.map((a, i) => row(labels?.[i] ?? a, ytd.ageGroups[i]!, ytdPrev.ageGroups[i]!)),
  };
  const order = shape?.rows ?? ['total', 'intervall', 'andelLangtid', 'kvinnor', 'man', 'aldersgrupper'].map((k) => ({ row: k }));
  const rows = order.flatMap((o: { row: string; label?: string | undefined; labels?: string[] | undefined }) => kinds[o.row]!(o.label, o.labels));
  const defaultHeading: Record<string, string> = {
    foregaendeAr: windowHeader(ytdPrev.window), innevarandeAr: windowHeader(ytd.window), forandring: 'Förändring, procentenheter',
  };
  const hasChange = columns.some((col) => col.column === 'forandring');
  return {
    type: 'table',
    id: 'personal-sjukfranvaro',
    title: shape?.title ?? `Sjukfrånvaro ${windowLabel(ytd.window)} i procent av ordinarie arbetstid`,
    columns: [
      { header: shape?.labelHeading ?? 'Sjukfrånvaro, %', align: 'left' },
      ...columns.map((col): Column => ({ header: col.heading ?? defaultHeading[col.column]!, align: 'right' })),
    ],
    rows,
    notes: [...sickLeaveDefinitions(r), lag, privacyNote(r), ...(hasChange ? [CHANGE_NOTE] : [])],
  };
}

function r12Table(r: PersonnelResults, d: number): Table {
  const { r12, r12Prev } = r.sickLeave;
  const c = new Cells(r.rules.privacy.maxSuppressedGroupSize);
  const sl = r.rules.sickLeave;
  const ages = ageGroupLabels(sl.ageGroups);
  const row = (label: string, cur: Figure, prev: Figure, decimals = d, emphasis: Row['emphasis'] = 'normal', level = 0): Row => ({
    cells: [text(label), ...changeCells(c, cur, prev, decimals)], emphasis, level,
  });
  const rows: Row[] = [
    row('Total sjukfrånvaro', r12.total, r12Prev.total, d, 'subtotal'),
    ...sl.classes.map((k, i) => row(`varav ${k.label.toLowerCase()} (${dayRangeText(k)})`, r12.classes[i]!, r12Prev.classes[i]!, d, 'normal', 1)),
    row('Kvinnor', r12.women, r12Prev.women),
    row('Män', r12.men, r12Prev.men),
    ...ages.map((a, i) => row(a, r12.ageGroups[i]!, r12Prev.ageGroups[i]!)),
    row('Andel medarbetare med 0 sjukdagar', r12.zeroDays, r12Prev.zeroDays, 0),
    row(`Andel medarbetare med högst ${counted(sl.fewDays, 'sjukdag', 'sjukdagar')}`, r12.fewDays, r12Prev.fewDays, 0),
  ];
  return {
    type: 'table',
    id: 'personal-sjukfranvaro-r12',
    title: `Sjukfrånvaro rullande 12 månader till och med ${monthYear(r12.window.to)}`,
    columns: [
      { header: 'Rullande 12 månader, %', align: 'left' },
      { header: `R12 ${monthAbbrev(r12Prev.window.to % 100)} ${Math.trunc(r12Prev.window.to / 100)}`, align: 'right' },
      { header: `R12 ${monthAbbrev(r12.window.to % 100)} ${Math.trunc(r12.window.to / 100)}`, align: 'right' },
      { header: 'Förändring, procentenheter', align: 'right' },
    ],
    rows,
    notes: [
      'Rullande 12 månader (R12) = summan av sjukfrånvarotimmarna de senaste 12 månaderna i förhållande till summan av den ordinarie arbetstiden under samma månader (inte ett medelvärde av månadernas procenttal).',
      `Andel medarbetare med ${sl.fewDays === 1 ? '0 sjukdagar respektive högst 1 sjukdag' : `0 respektive högst ${sl.fewDays} sjukdagar`}: medarbetare med schemalagd tid under perioden och antal kalenderdagar med sjukfrånvaro (hel eller del av dag).`,
      privacyNote(r),
      CHANGE_NOTE,
    ],
  };
}

function dayRangeText(k: { from: number; to: number | null }): string {
  return k.to === null ? `dag ${k.from}–` : `dag ${k.from}–${k.to}`;
}

function monthlyBlocks(r: PersonnelResults, d: number): Block[] {
  const { months, monthsPrev } = r.sickLeave;
  const y = Math.trunc(r.hrPeriod / 100);
  const c = new Cells(r.rules.privacy.maxSuppressedGroupSize);
  const table: Table = {
    type: 'table',
    id: 'personal-sjukfranvaro-manad',
    title: `Sjukfrånvaro per månad ${y - 1} och ${y}, data till diagrammet`,
    columns: [
      { header: 'Månad', align: 'left' },
      { header: `${y - 1}, %`, align: 'right' },
      { header: `${y}, %`, align: 'right' },
    ],
    rows: months.map((m, i): Row => ({
      cells: [text(capitalise(monthName(m.period % 100))), c.figure(monthsPrev[i]!.figure, d), c.figure(m.figure, d)],
      emphasis: 'normal',
    })),
    notes: ['Sjukfrånvarotimmar i förhållande till ordinarie arbetstid per månad. Tom cell: månaden ingår inte ännu.'],
  };
  const value = (f: Figure): number | null => {
    const v = rounded(f);
    return v === null ? null : Number(v) / 100;
  };
  const cur = months.map((m) => value(m.figure));
  const prev = monthsPrev.map((m) => value(m.figure));
  const last = months.findIndex((m) => m.period === r.hrPeriod);
  const curLast = last >= 0 ? pctText(months[last]!.figure) : null;
  const prevSame = last >= 0 ? pctText(monthsPrev[last]!.figure) : null;
  const message = curLast && prevSame
    ? ` I ${monthName(r.hrPeriod % 100)} var sjukfrånvaron ${curLast} procent, jämfört med ${prevSame} procent samma månad ${y - 1}.`
    : '';
  const hidden = [...months, ...monthsPrev].some((m) => m.figure.suppressed !== null && m.figure.suppressed !== 'empty');
  const chart: Chart = {
    type: 'chart',
    id: 'personal-sjukfranvaro-per-manad',
    kind: 'line',
    title: `Sjukfrånvaro per månad ${y} jämfört med ${y - 1}`,
    altText: `Linjediagram över sjukfrånvaron i procent av ordinarie arbetstid per månad, ${y} till och med ${monthName(r.hrPeriod % 100)} och hela ${y - 1}.${message}${hidden ? ' Månader där uppgiften inte får visas saknar värde.' : ''} Data finns i tabellen under diagrammet.`,
    categories: months.map((m) => monthAbbrev(m.period % 100)),
    series: [
      { name: String(y), values: cur },
      { name: String(y - 1), values: prev },
    ],
    unit: 'procent',
    dataTableId: table.id,
  };
  return [chart, table];
}

function unitsTable(r: PersonnelResults, d: number): Table | null {
  const units = r.sickLeave.units;
  if (units.length === 0) return null;
  const c = new Cells(r.rules.privacy.maxSuppressedGroupSize);
  const { ytd, ytdPrev } = r.sickLeave;
  return {
    type: 'table',
    id: 'personal-sjukfranvaro-enheter',
    title: `Sjukfrånvaro per enhet ${windowLabel(ytd.window)}`,
    columns: [
      { header: 'Enhet', align: 'left' },
      { header: `${windowHeader(ytdPrev.window)}, %`, align: 'right' },
      { header: `${windowHeader(ytd.window)}, %`, align: 'right' },
      { header: 'Förändring, procentenheter', align: 'right' },
    ],
    rows: [
      ...units.map((u): Row => ({ cells: [text(u.name), ...changeCells(c, u.ytd, u.ytdPrev, d)], emphasis: 'normal' })),
      { cells: [text('Totalt'), ...changeCells(c, ytd.total, ytdPrev.total, d)], emphasis: 'total' },
    ],
    notes: ['Varje enhet i förhållande till sin egen ordinarie arbetstid.', privacyNote(r), CHANGE_NOTE],
  };
}

function headcountTable(r: PersonnelResults): Table {
  const { current, previous } = r.headcount;
  const c = new Cells(r.rules.privacy.maxSuppressedGroupSize);
  const diff = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a - b);
  const mon = (ym: number): string => `${monthAbbrev(ym % 100)} ${Math.trunc(ym / 100)}`;
  return {
    type: 'table',
    id: 'personal-antal-anstallda',
    title: `Antal anställda ${monthYear(current.period)}`,
    columns: [
      { header: 'Anställningsform', align: 'left' },
      { header: mon(previous.period), align: 'right' },
      { header: mon(current.period), align: 'right' },
      { header: 'Förändring', align: 'right' },
    ],
    rows: [
      ...current.forms.map((f, i): Row => {
        const p = previous.forms[i]?.count ?? null;
        return { cells: [text(f.label), c.count(p), c.count(f.count), c.count(diff(f.count, p))], emphasis: 'normal' };
      }),
      { cells: [text('Totalt'), c.count(previous.total), c.count(current.total), c.count(diff(current.total, previous.total))], emphasis: 'total' },
    ],
    notes: [
      'Antal personer med anställning den sista dagen i månaden. En person med flera anställningar räknas en gång, i den första anställningsformen i tabellens ordning.',
      `Ej medräknade: ${r.rules.staff.forms.filter((f) => !f.headcount).map((f) => f.label.toLowerCase()).join(', ') || 'inga'}.`,
    ],
  };
}

function workedTimeTable(r: PersonnelResults, lag: string): Table | null {
  const cur = r.workedTime.current;
  const prev = r.workedTime.previous;
  if (!cur && !prev) return null;
  const w = (cur ?? prev)!.window;
  const wPrev = r.windows.ytdPrev;
  const rows: Row[] = [];
  const line = (label: string, pick: (x: WorkedTime) => number | null, emphasis: Row['emphasis'] = 'normal', level = 0, negate = false): void => {
    const a = prev ? pick(prev) : null;
    const b = cur ? pick(cur) : null;
    const sign = negate ? -1 : 1;
    // `|| 0` turns −0 into 0.
    const signed = (x: number | null): number | null => (x === null ? null : x * sign || 0);
    const change = a === null || b === null ? null : signed(b - a);
    const pctCell: Cell = a === null || b === null || a === 0
      ? { kind: 'percent', ratio: null, decimals: 2 }
      : { kind: 'percent', ratio: { num: b - a, den: a }, decimals: 2 };
    rows.push({
      cells: [text(label), hours(signed(a)), hours(signed(b)), hours(change), pctCell],
      emphasis, level,
    });
  };
  line('Utförd arbetstid egen personal', (x) => x.own, 'subtotal');
  if (r.has.overtime) line('varav övertid/mertid', (x) => x.overtime, 'normal', 1);
  if (r.has.hourlyPaid) line('varav timavlönade', (x) => x.hourlyPaid, 'normal', 1);
  if (r.has.hired) line('Utförd arbetstid externt inhyrd personal', (x) => x.hired);
  line('Arbetad tid inkl jour/beredskap', (x) => x.inclOnCall, 'subtotal');
  if (r.has.onCall) line('Avdrag arbetad tid under jour/beredskap', (x) => x.onCall, 'normal', 0, true);
  line('Arbetad tid exkl jour/beredskap', (x) => x.exclOnCall, 'subtotal');
  // Årsarbetare: exact quotient, shown whole.
  const fte = (x: WorkedTime | null): number | null => (x ? x.fullTimeEquivalents.num / x.fullTimeEquivalents.den : null);
  const a = fte(prev);
  const b = fte(cur);
  rows.push({
    cells: [
      text('Antal årsarbetare utifrån arbetad tid exkl jour/beredskap'),
      { kind: 'number', value: a, decimals: 0 },
      { kind: 'number', value: b, decimals: 0 },
      { kind: 'number', value: a === null || b === null ? null : b - a, decimals: 0 },
      prev && cur && prev.exclOnCall > 0
        ? { kind: 'percent', ratio: { num: cur.exclOnCall * windowMonths(prev.window) - prev.exclOnCall * windowMonths(cur.window), den: prev.exclOnCall * windowMonths(cur.window) }, decimals: 2 }
        : { kind: 'percent', ratio: null, decimals: 2 },
    ],
    emphasis: 'total',
  });
  return {
    type: 'table',
    id: 'personal-arbetad-tid',
    title: `Arbetad tid ${windowLabel(w)}, timmar`,
    columns: [
      { header: 'Arbetad tid (ack), timmar', align: 'left' },
      { header: windowHeader(wPrev), align: 'right' },
      { header: windowHeader(w), align: 'right' },
      { header: 'Förändring', align: 'right' },
      { header: 'Förändring, %', align: 'right' },
    ],
    rows,
    notes: [
      `Årsarbetare = arbetad tid exklusive jour/beredskap delad med en årsarbetstid på ${swedishInt(r.rules.staff.yearlyNormHours)} timmar, räknad för ${windowMonths(w)} ${windowMonths(w) === 1 ? 'månad' : 'månader'} (${swedishInt(r.rules.staff.yearlyNormHours)} × ${windowMonths(w)} / 12 timmar).`,
      ...(r.has.hired ? ['Inhyrd personal: timmar enligt underlaget, eller kostnad delad med timpris.'] : []),
      lag,
    ],
  };
}

function turnoverTable(r: PersonnelResults): Table {
  const { current, previous } = r.turnover;
  const c = new Cells(r.rules.privacy.maxSuppressedGroupSize);
  const ages = ageGroupLabels(r.rules.turnover.ageGroups);
  const row = (label: string, cur: Figure, prev: Figure, emphasis: Row['emphasis'] = 'normal', level = 0): Row => ({
    cells: [text(label), ...changeCells(c, cur, prev, 2)], emphasis, level,
  });
  return {
    type: 'table',
    id: 'personal-personalomsattning',
    title: `Personalomsättning rullande 12 månader till och med ${monthYear(current.window.to)}`,
    columns: [
      { header: 'Personalomsättning, %', align: 'left' },
      { header: `R12 ${monthAbbrev(previous.window.to % 100)} ${Math.trunc(previous.window.to / 100)}`, align: 'right' },
      { header: `R12 ${monthAbbrev(current.window.to % 100)} ${Math.trunc(current.window.to / 100)}`, align: 'right' },
      { header: 'Förändring, procentenheter', align: 'right' },
    ],
    rows: [
      row('Personalomsättning', current.total, previous.total, 'subtotal'),
      row('varav pensionsavgångar', current.pension, previous.pension, 'normal', 1),
      row('varav interna avgångar', current.internal, previous.internal, 'normal', 1),
      row('varav externa avgångar', current.external, previous.external, 'normal', 1),
      row('Kvinnor', current.women, previous.women),
      row('Män', current.men, previous.men),
      ...ages.map((a, i) => row(a, current.ageGroups[i]!, previous.ageGroups[i]!)),
    ],
    notes: [turnoverDefinition(r), privacyNote(r), CHANGE_NOTE],
  };
}

function turnoverDefinition(r: PersonnelResults): string {
  const forms = r.rules.turnover.forms.map((f) => f.toLowerCase()).join(' och ');
  return `Personalomsättning = antal avgångar bland ${forms} under de senaste 12 månaderna i förhållande till genomsnittligt antal ${forms} vid varje månads slut under samma period. Pensionsavgångar, interna avgångar (till annan tjänst inom regionen, utanför enheten) och externa avgångar redovisas var för sig; byte mellan enhetens egna ansvar räknas inte som avgång. Varje grupp i förhållande till gruppens eget genomsnittliga antal anställda.`;
}

/**
 * The title and the three column headings of a count table (rehab, arbetsmiljö): the layout's words where it gives
 * them (`rehabTable`, `workEnvironmentTable`), else the standard ones with the months compared.
 */
function countTableFrame(shape: CountTableLayout | undefined, title: string, labelHeading: string, previous: Window, current: Window): Pick<Table, 'title' | 'columns'> {
  return {
    title: shape?.title ?? title,
    columns: [
      { header: shape?.labelHeading ?? labelHeading, align: 'left' },
      { header: shape?.headings?.['foregaendeAr'] ?? windowHeader(previous), align: 'right' },
      { header: shape?.headings?.['innevarandeAr'] ?? windowHeader(current), align: 'right' },
    ],
  };
}

function rehabTable(r: PersonnelResults, lag: string, shape?: CountTableLayout): Table | null {
  if (!r.rehab) return null;
  const c = new Cells(r.rules.privacy.maxSuppressedGroupSize);
  const { current, previous } = r.rehab;
  const label = (row: RehabRow, standard: string) => text(shape?.labels?.[row] ?? standard);
  return {
    type: 'table',
    id: 'personal-rehabilitering',
    ...countTableFrame(shape, `Rehabiliteringsärenden ${windowLabel(current.window)}`, 'Rehabiliteringsärenden (ack)', previous.window, current.window),
    rows: [
      { cells: [label('antal', 'Antal rehabiliteringsärenden'), c.count(previous.cases), c.count(current.cases)], emphasis: 'normal' },
      { cells: [label('avslutade', 'varav avslutade rehabiliteringsärenden'), c.count(previous.closed), c.count(current.closed)], emphasis: 'normal', level: 1 },
    ],
    notes: ['Ärenden som varit öppna någon gång under perioden, och av dem de som avslutats under perioden.', lag],
  };
}

function workEnvironmentTable(r: PersonnelResults, lag: string, shape?: CountTableLayout): Table | null {
  if (!r.workEnvironment) return null;
  const { current, previous } = r.workEnvironment;
  const c = new Cells(r.rules.privacy.maxSuppressedGroupSize);
  // The configured categories in their order, or every category found, by name.
  const names = r.workEnvironment.categories
    ?? [...new Set([...previous.categories, ...current.categories].map((x) => x.name))].sort((a, b) => a.localeCompare(b, 'sv'));
  // A configured category matches the export's values whatever their case and spaces; found ones match exactly.
  const key = r.workEnvironment.categories ? categoryKey : (s: string) => s;
  const label = (row: WorkEnvironmentRow, standard: string) => text(shape?.labels?.[row] ?? standard);
  const catCount = (list: WorkEnvironmentCats, name: string, covered: boolean): number | null =>
    covered ? list.filter((x) => key(x.name) === key(name)).reduce((a, x) => a + x.count, 0) : null;
  return {
    type: 'table',
    id: 'personal-arbetsmiljoavvikelser',
    ...countTableFrame(shape, `Arbetsmiljöavvikelser ${windowLabel(current.window)}`, 'Arbetsmiljöavvikelser (ack)', previous.window, current.window),
    rows: [
      { cells: [label('handelser', 'Antal händelser'), c.count(previous.incidents), c.count(current.incidents)], emphasis: 'normal' },
      { cells: [label('risker', 'Antal risker'), c.count(previous.risks), c.count(current.risks)], emphasis: 'normal' },
      { cells: [label('totalt', 'Totalt antal'), c.count(previous.total), c.count(current.total)], emphasis: 'total' },
      ...names.map((n): Row => ({
        cells: [text(`varav ${n.toLowerCase()}`), c.count(catCount(previous.categories, n, previous.total !== null)), c.count(catCount(current.categories, n, current.total !== null))],
        emphasis: 'normal', level: 1,
      })),
    ],
    notes: ['Händelser (tillbud, olycksfall, arbetsskador) och risker som rapporterats under perioden.', lag],
  };
}

type WorkEnvironmentCats = readonly { readonly name: string; readonly count: number }[];

function deviationTable(rows: readonly PersonnelDeviation[]): Table {
  return {
    type: 'table',
    id: 'personal-avvikelser',
    title: 'Avvikelser och åtgärder, sjukfrånvaro',
    columns: [
      { header: 'Avvikelseområde', align: 'left' },
      { header: 'Analys – orsak till avvikelse', align: 'left' },
      { header: 'Aktivitet för att komma till rätta med avvikelse', align: 'left' },
    ],
    rows: rows.map((d): Row => ({ cells: [text(d.area), text(d.analysis), text(d.activity)], emphasis: 'normal' })),
    notes: [],
  };
}

/**
 * Reads the avvikelse table from person-written Markdown: a pipe table whose first row is the header and whose rows
 * have three cells (avvikelseområde | analys | aktivitet). Lines outside the table are ignored; `\|` is a literal
 * bar. Example: "| Område | Analys | Aktivitet |\n|---|---|---|\n| Ökad korttidsfrånvaro | Influensa | Vaccination |".
 */
export function parseDeviationTable(markdown: string): PersonnelDeviation[] {
  const out: PersonnelDeviation[] = [];
  let inTable = false;
  let header = true;
  for (const raw of markdown.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line.startsWith('|')) {
      if (inTable) break;
      continue;
    }
    inTable = true;
    const cells = line
      .replace(/^\|/, '')
      .replace(/\|$/, '')
      .split(/(?<!\\)\|/)
      .map((c) => c.replace(/\\\|/g, '|').trim());
    if (cells.every((c) => /^:?-{3,}:?$/.test(c))) continue;
    if (header) {
      header = false;
      continue;
    }
    if (cells.length < 3) continue;
    out.push({ area: cells[0]!, analysis: cells[1]!, activity: cells.slice(2).join(' | ') });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Drafted sentences (seed 001 2.4, seed 002, seed 003): the wording is in templates/text/personal-*.hbs; here only
// the contexts, with every percentage as the tables round it.

/** Booleans of a change between two rounded figures, for the templates' wording ("ökat", "minskat", "oförändrad"). */
function change(cur: bigint, prev: bigint): { okat: boolean; oforandrad: boolean } {
  const d = direction(cur, prev);
  return { okat: d === 'ökat', oforandrad: d === 'oförändrad' };
}

/** templates/text/personal-antal-anstallda.hbs; null when the headcount is withheld or missing. */
function headcountContext(r: PersonnelResults, unitName: string): object | null {
  const { current, previous } = r.headcount;
  if (current.total === null) return null;
  const d = previous.total === null ? 0 : current.total - previous.total;
  return {
    enhet: unitName,
    antal: swedishInt(current.total),
    manad: monthYear(current.period),
    former: r.rules.staff.forms.filter((f) => f.headcount).map((f) => f.label.toLowerCase()),
    harForegaende: previous.total !== null,
    oforandrat: d === 0,
    okat: d > 0,
    forandring: swedishInt(Math.abs(d)),
    forandringAntal: Math.abs(d),
  };
}

/** "… en minskning av den genomsnittliga frånvaron över 12 månader från 4,85 procent i juli 2023 till 4,75 procent i juli 2024." */
function r12Context(r: PersonnelResults, unitName: string): object | null {
  const { r12, r12Prev } = r.sickLeave;
  const cur = rounded(r12.total);
  const prev = rounded(r12Prev.total);
  const curText = pctText(r12.total);
  if (cur === null || curText === null) return null;
  return {
    enhet: unitName, nu: curText, nuManad: monthYear(r12.window.to),
    harForegaende: prev !== null, foregaende: pctText(r12Prev.total) ?? '', foregaendeManad: monthYear(r12Prev.window.to),
    ...(prev === null ? { okat: false, oforandrad: false } : change(cur, prev)),
  };
}

/** "Jämfört med juli 2023 har korttidssjukfrånvaro minskat med 0,2 procentenheter, … och långtidssjukfrånvaro ökat med 0,2 procentenheter." */
function classContext(r: PersonnelResults): object | null {
  const { r12, r12Prev } = r.sickLeave;
  const poster: object[] = [];
  r.rules.sickLeave.classes.forEach((k, i) => {
    const ch = changeInPoints(r12.classes[i]!, r12Prev.classes[i]!, 2);
    if (ch.suppressed !== null || ch.ratio === null) return;
    const v = roundPercent(ch.ratio, 2);
    poster.push({ klass: k.label.toLowerCase(), oforandrad: v === 0n, okat: v > 0n, forandring: trimZeros(formatScaled(v < 0n ? -v : v, 2, NBSP)) });
  });
  if (poster.length === 0) return null;
  return { foregaendeManad: monthYear(r12Prev.window.to), poster };
}

function genderContext(r: PersonnelResults): object | null {
  const { r12, r12Prev } = r.sickLeave;
  const w = [rounded(r12.women), rounded(r12Prev.women)] as const;
  const m = [rounded(r12.men), rounded(r12Prev.men)] as const;
  if (w[0] === null || w[1] === null || m[0] === null || m[1] === null) {
    const any = [r12.women, r12.men].some((f) => f.suppressed !== null && f.suppressed !== 'empty');
    return any ? { dolt: true } : null;
  }
  const nuManad = monthYear(r12.window.to);
  const foregaendeManad = monthYear(r12Prev.window.to);
  const dw = direction(w[0], w[1]);
  const dm = direction(m[0], m[1]);
  return {
    dolt: false,
    sammaRiktning: dw === dm,
    kvinnor: { nu: pctText(r12.women), foregaende: pctText(r12Prev.women), nuManad, foregaendeManad, ...change(w[0], w[1]) },
    man: { nu: pctText(r12.men), foregaende: pctText(r12Prev.men), ocksa: dm === dw, ...change(m[0], m[1]) },
  };
}

/** "Andel medarbetare som varit sjuka i 0 kalenderdagar har ökat från 48 procent i juli 2023 till 50 procent i juli 2024." */
function daysContexts(r: PersonnelResults): object[] {
  const { r12, r12Prev } = r.sickLeave;
  const out: object[] = [];
  const one = (cur: Figure, prev: Figure, nollDagar: boolean): void => {
    const c = rounded(cur, 0);
    if (c === null) return;
    const p = rounded(prev, 0);
    out.push({
      nollDagar, dagar: r.rules.sickLeave.fewDays,
      nu: pctText(cur, 0), nuManad: monthYear(r12.window.to),
      harForegaende: p !== null, foregaende: pctText(prev, 0) ?? '', foregaendeManad: monthYear(r12Prev.window.to),
      ...(p === null ? { okat: false, oforandrad: false } : change(c, p)),
    });
  };
  one(r12.zeroDays, r12Prev.zeroDays, true);
  one(r12.fewDays, r12Prev.fewDays, false);
  return out;
}

function ytdContext(ytd: SickLeaveWindowFigures, prev: SickLeaveWindowFigures): object | null {
  const cur = pctText(ytd.total);
  if (cur === null) return null;
  const p = pctText(prev.total);
  return { period: windowLabel(ytd.window), nu: cur, harForegaende: p !== null, foregaende: p ?? '', foregaendeAr: Math.trunc(prev.window.to / 100) };
}

/** templates/text/personal-arbetad-tid.hbs; null without worked time for the period. */
function workedTimeContext(r: PersonnelResults): object | null {
  const cur = r.workedTime.current;
  if (!cur) return null;
  const v = cur.fullTimeEquivalents.num / cur.fullTimeEquivalents.den;
  const prev = r.workedTime.previous;
  // The change in årsarbetare between the whole numbers the table prints.
  const d = prev ? Math.round(v) - Math.round(prev.fullTimeEquivalents.num / prev.fullTimeEquivalents.den) : 0;
  return {
    arsarbetare: swedishInt(v), period: windowLabel(cur.window),
    harForegaende: prev !== null, lika: d === 0, fler: d > 0, skillnad: swedishInt(Math.abs(d)),
    arstimmar: swedishInt(r.rules.staff.yearlyNormHours), manader: windowMonths(cur.window),
  };
}

/** templates/text/personal-personalomsattning.hbs; null when the turnover is withheld or missing. */
function turnoverContext(t: TurnoverFigures, prev: TurnoverFigures, r: PersonnelResults): object | null {
  const total = pctText(t.total);
  if (total === null) return null;
  const p = pctText(prev.total);
  const pension = pctText(t.pension);
  const internal = pctText(t.internal);
  const external = pctText(t.external);
  const w = rounded(t.women);
  const m = rounded(t.men);
  const ages = ageGroupLabels(r.rules.turnover.ageGroups);
  let hi = -1;
  let hiV = -1n;
  t.ageGroups.forEach((f, i) => {
    const v = rounded(f);
    if (v !== null && v > hiV) {
      hi = i;
      hiV = v;
    }
  });
  return {
    period: monthYear(t.window.to), nu: total,
    harForegaende: p !== null, foregaende: p ?? '', foregaendePeriod: monthYear(prev.window.to),
    avgangar: pension !== null && internal !== null && external !== null ? { pension, interna: internal, externa: external } : null,
    kon: w !== null && m !== null ? { lika: w === m, kvinnorHogre: w > m, kvinnor: pctText(t.women), man: pctText(t.men) } : null,
    // The age group with the highest rounded turnover, told only when more than one group has a figure.
    alder: hi >= 0 && t.ageGroups.filter((f) => rounded(f) !== null).length > 1 ? { grupp: ages[hi], varde: pctText(t.ageGroups[hi]!) } : null,
  };
}

/**
 * A personnel sentence a layout places on its own (`text: personal-period`, `text: personal-personalomsattning`), as
 * paragraphs: the same wording and figures as in the personnel section. Empty when the figures are withheld or missing.
 */
export function personnelTextParagraphs(name: string, r: PersonnelResults, texts: TextTemplates): string[] {
  switch (name) {
    case 'personal-period': return [lagNote(r, texts)];
    case 'personal-personalomsattning': {
      const ctx = turnoverContext(r.turnover.current, r.turnover.previous, r);
      return ctx ? paragraphs(texts['personal-personalomsattning'], ctx) : [];
    }
    default: return [];
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The section

function sub(id: string, title: string, blocks: (Block | null)[]): Section {
  return { id, number: '', title, level: 2, blocks: blocks.filter((b): b is Block => b !== null), sections: [] };
}

/**
 * Builds the personnel section from the results of `calculatePersonnel`. Example: the August 2024 report of
 * Regionstyrelsen → "Väsentliga personalförhållanden" with Antal anställda, Arbetsmiljö, Sjukfrånvaro, Arbetad tid
 * and Personalomsättning.
 */
export function buildPersonnelSection(r: PersonnelResults, o: PersonnelSectionOptions): Section {
  const deviations = o.deviations ?? parseDeviationTable(o.narratives?.get('personal-avvikelser') ?? '');
  const sick = r.sickLeave;
  const { texts } = o;
  const lag = lagNote(r, texts);
  const sickText = paragraphs(texts['personal-sjukfranvaro'], {
    r12: r12Context(r, o.unitName),
    klasser: classContext(r),
    kon: genderContext(r),
    hittills: ytdContext(sick.ytd, sick.ytdPrev),
    dagar: daysContexts(r),
  });
  const headcount = headcountContext(r, o.unitName);
  const workedText = workedTimeContext(r);
  const turnoverText = turnoverContext(r.turnover.current, r.turnover.previous, r);
  // Sick-leave percentages: two decimals as seed 001 prints them, unless the layout says otherwise (seed 002: one).
  const d = o.sickLeaveDecimals ?? 2;
  const units = unitsTable(r, d);
  const rehab = rehabTable(r, lag, o.rehabTable);
  const workEnv = workEnvironmentTable(r, lag, o.workEnvironmentTable);
  const worked = workedTimeTable(r, lag);

  const sections: Section[] = [
    sub('personal-antal-anstallda', 'Antal anställda', [
      ...(headcount ? paragraphs(texts['personal-antal-anstallda'], headcount).map(paragraph) : []),
      headcountTable(r),
      narrative('personal', o.narratives),
    ]),
    sub('personal-arbetsmiljo', 'Arbetsmiljö', [narrative('arbetsmiljo', o.narratives), rehab, workEnv]),
    sub('personal-sjukfranvaro', 'Sjukfrånvaroutveckling', [
      ...sickText.map(paragraph),
      sickLeaveTable(r, d, lag, o.sickLeaveTable),
      r12Table(r, d),
      ...monthlyBlocks(r, d),
      units,
      narrative('sjukfranvaro', o.narratives),
      deviations.length > 0 ? deviationTable(deviations) : null,
    ]),
  ];
  if (worked) sections.push(sub('personal-arbetad-tid', 'Arbetad tid', [...(workedText ? paragraphs(texts['personal-arbetad-tid'], workedText).map(paragraph) : []), worked]));
  sections.push(sub('personal-personalomsattning', 'Personalomsättning', [
    ...(turnoverText ? paragraphs(texts['personal-personalomsattning'], turnoverText).map(paragraph) : []),
    turnoverTable(r),
  ]));

  return {
    id: 'vasentliga-personalforhallanden',
    number: '',
    title: 'Väsentliga personalförhållanden',
    level: 1,
    blocks: [paragraph(lag)],
    sections,
  };
}
