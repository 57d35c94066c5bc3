/**
 * Reads and checks a report layout (layout-schema.ts) from its YAML text, purely. Every error names the layout file
 * and, where the YAML tells, the line; a name that matches nothing (a measure, a condition, a text, a chart, a
 * placeholder) gets the nearest known name: "Okänt mått 'ackAvvFgAr' — menade du 'ackAvvikelseForegaendeAr'?".
 * What needs the sources (report rows, sections, levels, configured sources) is checked by `checkLayoutAgainstConfig`.
 */
import { LineCounter, parseDocument, isNode } from 'yaml';
import { z } from 'zod';
import {
  CONDITIONS, COUNT_TABLE_COLUMNS, GOAL_MEASURES, INDICATOR_MEASURES, REHAB_ROWS, WORK_ENVIRONMENT_ROWS, INVESTMENT_MEASURES, SICK_LEAVE_COLUMNS, SICK_LEAVE_LIST_ROWS, SICK_LEAVE_ROWS, PERSONNEL_CHILD_MEASURES, PERSONNEL_MEASURES, ROLLING_TEXTS, TARGET_MEASURES, UNIT_MEASURES, UNIT_ROW_KINDS, LAYOUT_CHARTS, LAYOUT_MODULES, LAYOUT_TEXTS, MEASURE_IDS, NOTE_PLACEHOLDERS, PLACEHOLDERS,
  layoutSchema, type Layout, type LayoutBlock, type LayoutModuleSection, type LayoutSection, type LayoutTable, type MeasureId,
} from './layout-schema.js';
import type { Config } from './schema.js';
import { yearsForRolling12, type Period } from '../model/period.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { diag } from '../messages/index.js';
import { nearestName } from '../model/nearest.js';

export type LayoutPath = readonly PropertyKey[];

/** A parsed, checked layout and how to find a setting's line again (for the checks against the sources). */
export interface LoadedLayout {
  readonly layout: Layout;
  /** The layout file as the user named it (or "inbyggd layout NAME"). */
  readonly file: string;
  readonly lineOf: (p: LayoutPath) => number | undefined;
}

export type LayoutResult = { ok: true; value: LoadedLayout } | { ok: false; diagnostics: Diagnostic[] };

const swedishErrors = z.locales.sv().localeError;

/**
 * " — menade du 'x'?" for the nearest known name, or "." to end the sentence when none is near: the layout's own
 * wording of the suggestion ("Okänt mått 'ackAvvFgAr' — menade du 'ackAvvikelseForegaendeAr'?").
 */
export function layoutSuggestion(name: string, known: Iterable<string>): string {
  const near = nearestName(name, known);
  return near === undefined ? '.' : ` — menade du '${near}'?`;
}

/** " Menade du 'x'?" for a measure a row kind does not have, when one of its own measures is near; else "". */
function measureSuggestion(name: string, known: Iterable<string>): string {
  const near = nearestName(name, known);
  return near === undefined ? '' : ` Menade du '${near}'?`;
}

export function isModuleSection(s: LayoutSection | LayoutModuleSection): s is LayoutModuleSection {
  return 'module' in s;
}

/** The first place the layout puts a module's section, or undefined when it puts it nowhere. */
export function findModuleSection(layout: Layout, module: string): LayoutModuleSection | undefined {
  const walk = (list: readonly (LayoutSection | LayoutModuleSection)[]): LayoutModuleSection | undefined => {
    for (const s of list) {
      const found = isModuleSection(s) ? (s.module === module ? s : undefined) : walk(s.sections);
      if (found) return found;
    }
    return undefined;
  };
  return walk(layout.sections);
}

/** Parses and checks a layout's YAML text. `file` is how messages name it. */
export function parseLayout(text: string, file: string): LayoutResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      diagnostics: doc.errors.map((e) => {
        const line = e.linePos?.[0]?.line ?? lineCounter.linePos(e.pos[0]).line;
        return diag('layout.yaml', { detail: e.message.split('\n')[0] ?? '' }, { file, ...(line ? { row: line } : {}) });
      }),
    };
  }
  const lineOf = (p: LayoutPath): number | undefined => {
    for (let n = p.length; n >= 0; n--) {
      const node = doc.getIn(p.slice(0, n) as unknown[], true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const at = (p: LayoutPath) => {
    const line = lineOf(p);
    return { file, ...(line !== undefined ? { row: line } : {}) };
  };
  const data: unknown = doc.toJS();
  const parsed = layoutSchema.safeParse(data ?? {}, { error: swedishErrors });
  if (!parsed.success) {
    return {
      ok: false,
      diagnostics: parsed.error.issues.map((issue) => {
        if (issue.code === 'unrecognized_keys') {
          return diag('layout.unknown-key', { path: [...issue.path.map(String), ...issue.keys].join('.') }, at([...issue.path, issue.keys[0]!]));
        }
        return diag('layout.invalid', { path: issue.path.map(String).join('.') || '(roten)', detail: issue.message }, at(issue.path));
      }),
    };
  }
  const problems = checkNames(parsed.data, at);
  if (problems.length > 0) return { ok: false, diagnostics: problems };
  return { ok: true, value: { layout: parsed.data, file, lineOf } };
}

type At = (p: LayoutPath) => { file: string; row?: number };

/** The names the schema takes as free strings: each must be one the tool knows. */
function checkNames(layout: Layout, at: At): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Tables and sections have ids of their own kind: a section "prognos" may hold a table "prognos".
  const ids = { table: new Set<string>(), section: new Set<string>() };
  const name = (what: string, value: string, known: readonly string[], p: LayoutPath) => {
    if (known.includes(value)) return;
    out.push(diag('layout.unknown-name', { what, name: value, suggestion: layoutSuggestion(value, known), known: known.join(', ') }, at(p), value));
  };
  const gate = (g: { when?: string | undefined; unless?: string | undefined }, p: LayoutPath) => {
    if (g.when !== undefined) name('Okänt villkor', g.when, CONDITIONS, [...p, 'when']);
    if (g.unless !== undefined) name('Okänt villkor', g.unless, CONDITIONS, [...p, 'unless']);
  };
  const placeholders = (text: string, known: readonly string[], p: LayoutPath) => {
    for (const m of text.matchAll(/\{\{\s*([^}\s]*)\s*\}\}/g)) name('Okänd platshållare', m[1]!, known, p);
  };
  const uniqueId = (kind: keyof typeof ids, id: string, p: LayoutPath) => {
    if (ids[kind].has(id)) out.push(diag('layout.duplicate-id', { id, what: kind === 'table' ? 'tabell' : 'avsnitt' }, at(p), id));
    ids[kind].add(id);
  };
  /**
   * Two columns of one table may not print the same heading: `rapport explain --figure TABELL/RAD/KOLUMN` finds a
   * column by its heading. Headings are compared as written (placeholders unfilled); a column without a heading
   * gets its measure's default heading, so two such columns of one measure clash as well. Columns that are never
   * shown together (one `when: X`, the other `unless: X`) may share a heading.
   */
  const duplicateHeadings = (t: LayoutTable, p: LayoutPath) => {
    const key = (c: LayoutTable['columns'][number]) => (c.heading !== undefined ? `h:${c.heading.trim()}` : c.target ? `t:${c.measure}` : `m:${c.measure}`);
    const exclusive = (a: LayoutTable['columns'][number], b: LayoutTable['columns'][number]) =>
      (a.when !== undefined && a.when === b.unless) || (a.unless !== undefined && a.unless === b.when);
    t.columns.forEach((c, j) => {
      const i = t.columns.findIndex((o, k) => k < j && key(o) === key(c) && !exclusive(o, c));
      if (i < 0) return;
      const heading = c.heading ?? `standardrubriken för ${c.measure}`;
      out.push(diag('layout.duplicate-heading', { table: t.id, heading, first: i + 1, second: j + 1 },
        at([...p, 'columns', j, c.heading !== undefined ? 'heading' : 'measure']), heading));
    });
  };
  const table = (t: LayoutTable, p: LayoutPath) => {
    uniqueId('table', t.id, [...p, 'id']);
    placeholders(t.title, PLACEHOLDERS, [...p, 'title']);
    placeholders(t.labelHeading, PLACEHOLDERS, [...p, 'labelHeading']);
    t.notes.forEach((n, i) => placeholders(n, [...PLACEHOLDERS, ...NOTE_PLACEHOLDERS], [...p, 'notes', i]));
    const investmentRows = t.rows.filter((r) => r.kind === 'investmentAreas' || r.kind === 'investmentTotal');
    if (investmentRows.length > 0 && investmentRows.length < t.rows.length) out.push(diag('layout.mixed-rows', { table: t.id, rows: 'investeringsrader', others: 'ekonomirader' }, at([...p, 'rows'])));
    // Indicator rows take the indicator measures only, and those measures exist on indicator rows only.
    const indicatorRows = t.rows.filter((r) => r.kind === 'indicators');
    if (indicatorRows.length > 0 && indicatorRows.length < t.rows.length) out.push(diag('layout.mixed-rows', { table: t.id, rows: 'indikatorrader', others: 'andra rader' }, at([...p, 'rows'])));
    t.rows.forEach((r, i) => gate(r, [...p, 'rows', i]));
    duplicateHeadings(t, p);
    t.columns.forEach((c, i) => {
      const cp = [...p, 'columns', i];
      gate(c, cp);
      if (c.heading !== undefined) placeholders(c.heading, PLACEHOLDERS, [...cp, 'heading']);
      if (c.target && (MEASURE_IDS as readonly string[]).includes(c.measure) && !TARGET_MEASURES.includes(c.measure as MeasureId)) {
        out.push(diag('layout.invalid', { path: [...cp, 'target'].join('.'), detail: `målvärde (target) finns bara för måtten ${TARGET_MEASURES.join(', ')}` }, at([...cp, 'target'])));
      }
      if (!(MEASURE_IDS as readonly string[]).includes(c.measure)) {
        out.push(diag('layout.unknown-measure', { name: c.measure, suggestion: layoutSuggestion(c.measure, MEASURE_IDS), known: MEASURE_IDS.join(', ') }, at([...cp, 'measure']), c.measure));
      } else if (investmentRows.length > 0 && !INVESTMENT_MEASURES.includes(c.measure as never)) {
        out.push(diag('layout.measure-not-for-row', { measure: c.measure, kind: investmentRows[0]!.kind, table: t.id, rows: 'investeringsrader', known: INVESTMENT_MEASURES.join(', '), suggestion: measureSuggestion(c.measure, INVESTMENT_MEASURES) }, at([...cp, 'measure']), c.measure));
      } else if (indicatorRows.length > 0 && !INDICATOR_MEASURES.includes(c.measure as never)) {
        out.push(diag('layout.measure-not-for-row', { measure: c.measure, kind: 'indicators', table: t.id, rows: 'indikatorrader', known: INDICATOR_MEASURES.join(', '), suggestion: measureSuggestion(c.measure, INDICATOR_MEASURES) }, at([...cp, 'measure']), c.measure));
      } else if (INDICATOR_MEASURES.includes(c.measure as never) && indicatorRows.length === 0) {
        const other = t.rows[0]!;
        out.push(diag('layout.indicator-measure-not-for-row', { measure: c.measure, kind: other.kind, table: t.id }, at([...cp, 'measure']), c.measure));
      } else if (PERSONNEL_MEASURES.includes(c.measure as never)) {
        // Personnel figures exist for the unit itself and (sick leave) for its direct children, nothing else.
        const m = c.measure as MeasureId;
        const where = t.rows.some((r) => r.kind === 'sections' || r.kind === 'section' || r.kind === 'reportRow')
          ? 'inte för resultaträkningens rader (sections, section, reportRow)'
          : t.rows.some((r) => r.kind === 'children' && (r.depth > 1 || !PERSONNEL_CHILD_MEASURES.includes(m)))
            ? (PERSONNEL_CHILD_MEASURES.includes(m) ? 'bara för direkta underenheter (children med depth: 1)' : 'inte per underenhet (children)')
            : null;
        if (where !== null) {
          out.push(diag('layout.personnel-measure-row', { measure: c.measure, table: t.id, where, known: PERSONNEL_CHILD_MEASURES.join(', ') }, at([...cp, 'measure']), c.measure));
        }
      } else if (UNIT_MEASURES.includes(c.measure as never) || GOAL_MEASURES.includes(c.measure as never)) {
        const other = t.rows.find((r) => !UNIT_ROW_KINDS.includes(r.kind));
        if (other) out.push(diag('layout.unit-measure-not-for-row', { measure: c.measure, kind: other.kind, table: t.id }, at([...cp, 'measure']), c.measure));
      }
    });
  };
  const block = (b: LayoutBlock, p: LayoutPath) => {
    gate(b, p);
    if ('text' in b) name('Okänd text', b.text, LAYOUT_TEXTS, [...p, 'text']);
    else if ('chart' in b) name('Okänt diagram', b.chart, LAYOUT_CHARTS, [...p, 'chart']);
    else if ('narrative' in b) {
      if (!/^[a-z0-9][a-z0-9-]*$/.test(b.narrative)) out.push(diag('layout.invalid', { path: [...p, 'narrative'].join('.'), detail: 'bara a–z, 0–9 och bindestreck' }, at([...p, 'narrative'])));
    } else table(b.table, [...p, 'table']);
  };
  const section = (s: LayoutSection | LayoutModuleSection, p: LayoutPath) => {
    gate(s, p);
    if (isModuleSection(s)) {
      name('Okänd modul', s.module, LAYOUT_MODULES, [...p, 'module']);
      for (const key of ['sickLeaveDecimals', 'sickLeaveTable', 'rehabTable', 'workEnvironmentTable'] as const) {
        if (s[key] !== undefined && s.module !== 'personnel') {
          out.push(diag('layout.invalid', { path: [...p, key].join('.'), detail: 'gäller bara module: personnel' }, at([...p, key])));
        }
      }
      for (const [key, rows, what] of [['rehabTable', REHAB_ROWS, 'rehabiliteringstabellen'], ['workEnvironmentTable', WORK_ENVIRONMENT_ROWS, 'arbetsmiljötabellen']] as const) {
        const ct = s[key];
        if (!ct) continue;
        for (const c of Object.keys(ct.headings ?? {})) name(`Okänd kolumn i ${what}`, c, COUNT_TABLE_COLUMNS, [...p, key, 'headings', c]);
        for (const r of Object.keys(ct.labels ?? {})) name(`Okänd rad i ${what}`, r, rows, [...p, key, 'labels', r]);
      }
      const t = s.sickLeaveTable;
      if (t) {
        const tp = [...p, 'sickLeaveTable'];
        t.columns?.forEach((c, i) => name('Okänd kolumn i sjukfrånvarotabellen', c.column, SICK_LEAVE_COLUMNS, [...tp, 'columns', i, 'column']));
        t.rows?.forEach((r, i) => {
          const rp = [...tp, 'rows', i];
          if (!(SICK_LEAVE_ROWS as readonly string[]).includes(r.row)) {
            name('Okänd rad i sjukfrånvarotabellen', r.row, SICK_LEAVE_ROWS, [...rp, 'row']);
          } else if (SICK_LEAVE_LIST_ROWS.includes(r.row) ? r.label !== undefined : r.labels !== undefined) {
            const [key, detail] = SICK_LEAVE_LIST_ROWS.includes(r.row)
              ? ['label', `raden ${r.row} är en rad per intervall eller åldersgrupp: ange labels (en etikett per rad), inte label`]
              : ['labels', `raden ${r.row} är en rad: ange label, inte labels`];
            out.push(diag('layout.invalid', { path: [...rp, key].join('.'), detail }, at([...rp, key])));
          } else if (SICK_LEAVE_LIST_ROWS.includes(r.row) && r.labels !== undefined) {
            // Labels for bands or age groups name their limits in text: they come with the limits (`bounds`), one label
            // more than limits (the last group is open), checked against the configuration by checkLayoutAgainstConfig.
            const what = r.row === 'intervall' ? 'intervallens sista dagar, t.ex. [14, 90, 365]' : 'åldersgruppernas övre gränser, t.ex. [29, 49]';
            if (r.bounds === undefined) {
              out.push(diag('layout.invalid', { path: [...rp, 'labels'].join('.'), detail: `etiketterna behöver bounds: ${what}, så att de kan stämmas av mot konfigurationen` }, at([...rp, 'labels'])));
            } else if (!r.bounds.every((v, k) => k === 0 || v > r.bounds![k - 1]!)) {
              out.push(diag('layout.invalid', { path: [...rp, 'bounds'].join('.'), detail: 'gränserna ska vara stigande' }, at([...rp, 'bounds'])));
            } else if (r.labels.length !== r.bounds.length + 1) {
              out.push(diag('layout.invalid', { path: [...rp, 'labels'].join('.'), detail: `${r.labels.length} etiketter för ${r.bounds.length} gränser: det ska vara en etikett mer än gränserna (den sista gruppen är öppen)` }, at([...rp, 'labels'])));
            }
          } else if (r.bounds !== undefined) {
            out.push(diag('layout.invalid', { path: [...rp, 'bounds'].join('.'), detail: `bounds hör till labels på raderna ${SICK_LEAVE_LIST_ROWS.join(' och ')}` }, at([...rp, 'bounds'])));
          }
        });
        const seen = (list: readonly string[] | undefined, what: string, lp: 'rows' | 'columns') => list?.forEach((v, i) => {
          if (list.indexOf(v) < i) out.push(diag('layout.invalid', { path: [...tp, lp, i].join('.'), detail: `${what} '${v}' finns två gånger` }, at([...tp, lp, i])));
        });
        seen(t.rows?.map((r) => r.row), 'raden', 'rows');
        seen(t.columns?.map((c) => c.column), 'kolumnen', 'columns');
      }
      return;
    }
    uniqueId('section', s.id, [...p, 'id']);
    placeholders(s.title, PLACEHOLDERS, [...p, 'title']);
    s.blocks.forEach((b, i) => block(b, [...p, 'blocks', i]));
    s.sections.forEach((c, i) => section(c, [...p, 'sections', i]));
  };
  layout.sections.forEach((s, i) => section(s, ['sections', i]));
  return out;
}

/** Every table, text and chart block of a layout, at any depth (module sections have none). */
function layoutBlocks(layout: Layout): LayoutBlock[] {
  const out: LayoutBlock[] = [];
  const walk = (s: LayoutSection | LayoutModuleSection) => {
    if (isModuleSection(s)) return;
    out.push(...s.blocks);
    s.sections.forEach(walk);
  };
  layout.sections.forEach(walk);
  return out;
}

/**
 * How many calendar years of ledger months the layout's figures need, ending with the report year: 2 (the report
 * year and the one before) unless a table shows a rolling-12 measure or the layout places a rolling-12 text, which
 * for any report month but December reaches into year − 2 (2024-08: 2022-09…2023-08). Passed to prepareEconomy.
 */
export function ledgerYears(layout: Layout, period: Period): number {
  const rolling = layoutBlocks(layout).some((b) =>
    ('table' in b && b.table.columns.some((c) => UNIT_MEASURES.includes(c.measure as never))) || ('text' in b && ROLLING_TEXTS.includes(b.text)));
  return rolling ? yearsForRolling12(period) : 2;
}

/** What the sources give, for checking a layout against them (`rapport validate`, and every run). */
export interface LayoutSourceFacts {
  /** Report rows of the account-group file, and that file's name as configured. */
  readonly reportRows?: { readonly names: readonly string[]; readonly file: string };
  /** The config file's name, for messages. */
  readonly configFile: string;
}

/**
 * Checks a layout against the configuration and, when read, the account grouping: a section of the resultaträkning
 * or a report row the layout names must exist; a level must be one the organisation has; a block that reads a source
 * the configuration lacks (investments, goals, personnel) must be conditional on it.
 */
export function checkLayoutAgainstConfig(loaded: LoadedLayout, config: Config, facts: LayoutSourceFacts): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { layout, file, lineOf } = loaded;
  const at = (p: LayoutPath) => {
    const line = lineOf(p);
    return { file, ...(line !== undefined ? { row: line } : {}) };
  };
  const sectionNames = config.sections.map((s) => s.name);
  const levelsKnown = ['root', ...[...config.sources.organisation.columns.levels].reverse(), 'Ansvar'];
  const levels = (l: readonly string[] | undefined, p: LayoutPath) => {
    l?.forEach((level, i) => {
      if (levelsKnown.includes(level)) return;
      out.push(diag('layout.unknown-level', { level, suggestion: layoutSuggestion(level, levelsKnown), known: levelsKnown.join(', ') }, at([...p, 'levels', i]), level));
    });
  };
  const missing = (what: string, source: string, condition: string, p: LayoutPath) =>
    out.push(diag('layout.source-missing', { what, source, config: facts.configFile, condition }, at(p)));
  const conditional = (g: { when?: string | undefined }, inherited: boolean, c: string) => inherited || g.when === c;
  const hasInvestments = config.sources.investments !== undefined;

  const table = (t: LayoutTable, p: LayoutPath, underInvestments: boolean) => {
    let told = false;
    // A personnel column reads the personnel extracts: without them configured it must be `when: personal`.
    if (config.personnel === undefined) {
      const i = t.columns.findIndex((c) => PERSONNEL_MEASURES.includes(c.measure as MeasureId) && c.when !== 'personal');
      if (i >= 0) missing(`kolumnen ${t.columns[i]!.measure} i tabellen ${t.id}`, 'personnel', 'personal', [...p, 'columns', i]);
    } else {
      // A målvärde column needs the målvärde: `personnel.targets` must name the measure.
      t.columns.forEach((c, i) => {
        if (!c.target || config.personnel!.targets[c.measure] !== undefined) return;
        const cp = [...p, 'columns', i, 'target'];
        out.push(diag('layout.invalid', { path: cp.join('.'), detail: `målvärdet för ${c.measure} saknas under personnel.targets i ${facts.configFile}` }, at(cp)));
      });
    }
    // A goal column reads the goal export: without `goals` configured it must be `when: mal`.
    if (config.goals === undefined) {
      const i = t.columns.findIndex((c) => GOAL_MEASURES.includes(c.measure as MeasureId) && c.when !== 'mal');
      if (i >= 0) missing(`kolumnen ${t.columns[i]!.measure} i tabellen ${t.id}`, 'goals', 'mal', [...p, 'columns', i]);
      // So do indicator rows: one per indicator of the goal export.
      const j = t.rows.findIndex((r) => r.kind === 'indicators' && r.when !== 'mal');
      if (j >= 0) missing(`indikatorraderna i tabellen ${t.id}`, 'goals', 'mal', [...p, 'rows', j]);
    }
    t.rows.forEach((r, i) => {
      const rp = [...p, 'rows', i];
      if (r.kind === 'section' && !sectionNames.includes(r.name)) {
        out.push(diag('layout.unknown-section', { name: r.name, table: t.id, suggestion: layoutSuggestion(r.name, sectionNames), known: sectionNames.join(', ') }, at([...rp, 'name']), r.name));
      }
      if (r.kind === 'sections' && r.totals) {
        for (const key of Object.keys(r.totals)) {
          if (!sectionNames.includes(key)) {
            out.push(diag('layout.unknown-section', { name: key, table: t.id, suggestion: layoutSuggestion(key, sectionNames), known: sectionNames.join(', ') }, at([...rp, 'totals', key]), key));
          }
        }
      }
      if (r.kind === 'units' && r.level !== undefined && (r.level === 'root' || !levelsKnown.includes(r.level))) {
        const below = levelsKnown.filter((l) => l !== 'root');
        out.push(diag('layout.unknown-level', { level: r.level, suggestion: layoutSuggestion(r.level, below), known: below.join(', ') }, at([...rp, 'level']), r.level));
      }
      if (r.kind === 'reportRow' && facts.reportRows && !facts.reportRows.names.includes(r.name)) {
        const s = layoutSuggestion(r.name, facts.reportRows.names);
        out.push(diag('layout.unknown-report-row', { name: r.name, table: t.id, file: facts.reportRows.file, suggestion: s }, at([...rp, 'name']), r.name));
      }
      if ((r.kind === 'investmentAreas' || r.kind === 'investmentTotal') && !hasInvestments && !conditional(r, underInvestments, 'investeringar') && !told) {
        missing(`tabellen ${t.id}`, 'sources.investments', 'investeringar', rp);
        told = true; // once per table
      }
    });
  };
  const block = (b: LayoutBlock, p: LayoutPath, underInvestments: boolean) => {
    levels(b.levels, p);
    const inv = conditional(b, underInvestments, 'investeringar');
    if ('table' in b) table(b.table, [...p, 'table'], inv);
    else if (!hasInvestments && !inv && (('text' in b && b.text.includes('investeringar')) || ('chart' in b && b.chart === 'investeringar-per-omrade'))) {
      missing('text' in b ? `texten ${b.text}` : `diagrammet ${(b as { chart: string }).chart}`, 'sources.investments', 'investeringar', p);
    }
  };
  const section = (s: LayoutSection | LayoutModuleSection, p: LayoutPath, underInvestments: boolean) => {
    levels(s.levels, p);
    // A module section (goals, personnel) is placed when its data is configured and left out otherwise: both are
    // optional parts of every report, so the bundled layouts place them unconditionally.
    if (isModuleSection(s)) {
      // The sick-leave table's labels name the limits they were written for (`bounds`): the configuration's must be
      // the same, or the figures would print under the wrong limits.
      const sl = config.personnel?.sickLeave;
      s.sickLeaveTable?.rows?.forEach((r, i) => {
        if (!sl || r.labels === undefined || r.bounds === undefined) return;
        const [limits, what] = r.row === 'intervall'
          ? [sl.bands.flatMap((b) => (b.to === null ? [] : [b.to])), 'personnel.sickLeave.bands (intervallens sista dagar)']
          : r.row === 'aldersgrupper' ? [sl.ageGroups, 'personnel.sickLeave.ageGroups'] : [r.bounds, ''];
        if (limits.join(',') === r.bounds.join(',')) return;
        const lp = [...p, 'sickLeaveTable', 'rows', i, 'bounds'];
        out.push(diag('layout.invalid', {
          path: lp.join('.'),
          detail: `etiketterna är skrivna för gränserna ${r.bounds.join(', ')} men ${what} i ${facts.configFile} har ${limits.join(', ')}: skriv etiketterna och bounds för de gränserna`,
        }, at(lp)));
      });
      return;
    }
    const inv = conditional(s, underInvestments, 'investeringar');
    s.blocks.forEach((b, i) => block(b, [...p, 'blocks', i], inv));
    s.sections.forEach((c, i) => section(c, [...p, 'sections', i], inv));
  };
  layout.sections.forEach((s, i) => section(s, ['sections', i], false));
  return out;
}

