/**
 * Results → ReportModel, purely, by walking the report layout (config/layout-schema.ts): the layout says which
 * sections the report has and in which order, which tables with which rows and columns, and where the drafted
 * sentences, charts and narratives go; the section modules (`modules.ts`) build what it names. The bundled default
 * layout (templates/layouts/standard.yaml) is seed 001's structure: 1 Sammanfattning · 2 Förvaltningsberättelse ·
 * 3 Driftredovisning · 4 Investeringsredovisning. Formatting is left to the renderers.
 */
import { reportPeriod } from './period.js';
import { reportKindFor, type Period, lastDayOfPeriod, monthName } from '../model/period.js';
import type { OrgNode } from '../calc/hierarchy.js';
import type { Layout, LayoutBlock, LayoutModuleSection, LayoutSection, LayoutTable } from '../config/layout-schema.js';
import { REPORT_MODEL_VERSION, type Block, type DisplayUnit, type ReportMeta, type ReportModel, type Section } from './model.js';
import { PARAGRAPH_BREAK, type TextTemplates } from './texts.js';
import type { PersonnelResults } from '../calc/personnel/index.js';
import type { GoalResults } from '../calc/goals/assess.js';
import { buildLayoutTable, fill, placeholderValues, shown, tableUnit, type ProvenanceSources } from './layout-table.js';
import { REPORT_MODULES, capitalise, type ChartSource, type EconomyInput, type ReportModule, type UnitContext } from './modules.js';

export { capitalise, genitive, afterPeriodPhrase, type EconomyInput } from './modules.js';

export interface BuildOptions {
  readonly period: Period;
  readonly organisation: string;
  readonly node: OrgNode;
  /** The report owner's name for a root report ("Regionstyrelsen"), else the node's name. */
  readonly unitName: string;
  readonly title?: string;
  readonly diarienummer?: string;
  readonly author?: string;
  readonly units: { readonly result: DisplayUnit; readonly netCost: DisplayUnit; readonly investments: DisplayUnit };
  /** The report layout (the bundled `standard` layout unless the configuration names another). */
  readonly layout: Layout;
  readonly texts: TextTemplates;
  /** Narrative Markdown by key (see NARRATIVE_KEYS); missing keys are shown as missing. */
  readonly narratives: ReadonlyMap<string, string>;
  /** Sections built by other parts (goals, personnel), placed where the layout puts `module: goals|personnel`. */
  readonly goalsSection?: Section;
  readonly personnelSection?: Section;
  /**
   * A unit's goal results with those of the units below it (goals-section.ts goalsOfSubtree), for the layout's goal
   * columns (measures.ts goalMeasure);
   * given when the goal follow-up is configured.
   */
  readonly goalsOf?: (node: OrgNode) => GoalResults | null;
  /** The unit's personnel results, for the layout's personnel columns (measures.ts personnelMeasure). */
  readonly personnel?: PersonnelResults;
  /** The Kolada comparison, placed where the layout puts `module: kolada` (the root report). */
  readonly koladaSection?: Section;
  /** The source files as the configuration names them: the tables carry them in their provenance. */
  readonly sources?: ProvenanceSources;
  /** Data caveats the report reader must see (e.g. warnings that changed nothing but matter). */
  readonly caveats?: readonly string[];
}

/** Narrative sections people write, by key, and whether a final report requires them. A layout may add its own keys (not required). */
export const NARRATIVE_KEYS = {
  sammanfattning: { title: 'Sammanfattning', required: false },
  'perioden-som-gatt': { title: 'Perioden som gått', required: true },
  'handelser-av-vasentlig-betydelse': { title: 'Händelser av väsentlig betydelse', required: true },
  'forvantad-utveckling': { title: 'Förväntad utveckling', required: true },
  'ekonomisk-analys': { title: 'Ekonomisk analys', required: true },
  prognos: { title: 'Prognos', required: false },
  investeringar: { title: 'Investeringsredovisning', required: false },
} as const;
export type NarrativeKey = keyof typeof NARRATIVE_KEYS;

function narrative(key: string, narratives: ReadonlyMap<string, string>): Block {
  const known = (NARRATIVE_KEYS as Record<string, { required: boolean } | undefined>)[key];
  return { type: 'narrative', key, required: known?.required ?? false, markdown: narratives.get(key) ?? null };
}

function paragraph(t: string): Block {
  return { type: 'paragraph', text: t, drafted: true };
}

export function reportTitles(p: Period): { title: string; subtitle: string } {
  switch (reportKindFor(p)) {
    case 'tertial1': return { title: 'Delårsrapport per april', subtitle: `Tertial 1 ${p.year}` };
    case 'tertial2': return { title: 'Delårsrapport per augusti', subtitle: `Tertial 2 ${p.year}` };
    case 'annual': return { title: `Verksamhetsberättelse ${p.year}`, subtitle: `Årsredovisning ${p.year}` };
    default: return { title: `Månadsrapport per ${monthName(p.month)}`, subtitle: `${capitalise(monthName(p.month))} ${p.year}` };
  }
}

/** Gives a section tree its heading numbers: "3", "3.1", … */
export function numberSections(sections: readonly Section[], prefix = '', level = 1): Section[] {
  return sections.map((s, i) => {
    const number = prefix ? `${prefix}.${i + 1}` : String(i + 1);
    return { ...s, number, level, sections: numberSections(s.sections, number, level + 1) };
  });
}

function section(id: string, title: string, blocks: Block[], sections: Section[] = []): Section {
  return { id, number: '', title, level: 1, blocks, sections };
}

/** The module that offers a name of the given kind (the layout check has made sure one does). */
function moduleFor(kind: 'texts' | 'charts', name: string): ReportModule {
  const m = REPORT_MODULES.find((x) => x[kind].includes(name));
  if (!m) throw new Error(`Ingen modul bygger ${name}.`);
  return m;
}

/** Whether a layout condition holds for the unit, asked of the module that offers it. */
function conditionHolds(condition: string, ctx: UnitContext): boolean {
  const m = REPORT_MODULES.find((x) => x.conditions.includes(condition));
  return m?.holds?.(condition, ctx) ?? false;
}

/** Charts drawn from a table follow that table's unit and id: the net cost chart the child-unit table, the investment chart the investment table. */
function chartSource(chart: string, tables: readonly LayoutTable[], units: BuildOptions['units']): ChartSource | undefined {
  const kind = chart === 'nettokostnad-per-omrade' ? 'children' : chart === 'investeringar-per-omrade' ? 'investmentAreas' : undefined;
  if (!kind) return undefined;
  const t = [...tables].reverse().find((x) => x.rows.some((r) => r.kind === kind));
  return t ? { unit: tableUnit(t, units), tableId: t.id } : undefined;
}

/** The whole report for one node, as the layout describes it. */
export function buildReport(input: EconomyInput, o: BuildOptions): ReportModel {
  const { period } = o;
  const unitText = o.unitName;
  const ctx: UnitContext = {
    input, period, unitName: unitText, texts: o.texts, units: o.units,
    ...(o.goalsSection ? { goalsSection: o.goalsSection } : {}),
    ...(o.personnelSection ? { personnelSection: o.personnelSection } : {}),
    ...(o.goalsOf ? { goalsConfigured: true } : {}),
    ...(o.personnel ? { personnel: o.personnel } : {}),
    ...(o.koladaSection ? { koladaSection: o.koladaSection } : {}),
  };
  const holds = (c: string) => conditionHolds(c, ctx);
  const atLevel = (levels: readonly string[] | undefined) => levels === undefined || levels.includes(o.node.level);
  const sources = {
    period, unitName: unitText, result: input.result, children: input.children, investments: input.investments, units: o.units, holds,
    ...(input.economyOf ? { economyOf: input.economyOf } : {}),
    ...(o.personnel ? { personnel: o.personnel } : {}),
    ...(o.goalsOf ? { goalsOf: o.goalsOf } : {}),
    ...(o.sources ? { sources: o.sources } : {}),
    ...(input.region ? { region: input.region } : {}),
    node: o.node,
  };

  const titleValues = placeholderValues(sources);
  const blocksOf = (specs: readonly LayoutBlock[]): Block[] => {
    const out: Block[] = [];
    const tables: LayoutTable[] = [];
    for (const b of specs) {
      if (!shown(b, holds) || !atLevel(b.levels)) continue;
      if ('text' in b) {
        const text = moduleFor('texts', b.text).text!(b.text, ctx);
        // A personnel sentence writes its paragraphs (none when its figures are withheld); an economy sentence one.
        if (b.text.startsWith('personal-')) out.push(...text.split(PARAGRAPH_BREAK).filter((p) => p.trim() !== '').map((p) => paragraph(p.trim())));
        else out.push(paragraph(text));
      }
      else if ('narrative' in b) out.push(narrative(b.narrative, o.narratives));
      else if ('chart' in b) out.push(...moduleFor('charts', b.chart).chart!(b.chart, ctx, chartSource(b.chart, tables, o.units), o.units));
      else {
        tables.push(b.table);
        out.push(buildLayoutTable(b.table, sources));
      }
    }
    return out;
  };
  const sectionsOf = (specs: readonly (LayoutSection | LayoutModuleSection)[]): Section[] => {
    const out: Section[] = [];
    for (const s of specs) {
      if (!shown(s, holds) || !atLevel(s.levels)) continue;
      if ('module' in s) {
        const built = REPORT_MODULES.find((m) => m.id === s.module)?.section?.(ctx);
        if (built) out.push(built);
        continue;
      }
      out.push(section(s.id, fill(s.title, titleValues), blocksOf(s.blocks), sectionsOf(s.sections)));
    }
    return out;
  };
  const top = sectionsOf(o.layout.sections);

  const titles = reportTitles(period);
  const meta: ReportMeta = {
    title: o.title ?? titles.title,
    subtitle: titles.subtitle,
    organisation: o.organisation,
    // A unit sharing its name with another unit of the tree is titled with its level or ansvar code (OrgNode.title).
    unit: o.node.title === o.node.name ? unitText : o.node.title,
    unitId: o.node.id,
    period: reportPeriod(period),
    kind: reportKindFor(period),
    reportDate: lastDayOfPeriod(period),
    ...(o.diarienummer ? { diarienummer: o.diarienummer } : {}),
    ...(o.author ? { author: o.author } : {}),
    language: 'sv-SE',
  };
  return { version: REPORT_MODEL_VERSION, meta, sections: numberSections(top), caveats: o.caveats ?? [] };
}

