/**
 * Findings about a template — what `rapport template check` lists and what stops `fillTemplate` — and the checks of
 * placeholders shared by both: brace balance, inline expressions, blocks and repeating rows.
 */
import { makeDiagnostic, type MessageArgs, type ParamsOf } from '../../../messages/catalogue.js';
import { templateMessages, type TemplateCode } from '../../../messages/template.js';
import { DiagnosticError, type Diagnostic, type Severity } from '../../../model/diagnostics.js';
import { checkExpression, suggestion } from './expressions.js';
import { checkBlock, TEMPLATE_BLOCKS } from './blocks.js';
import type { BraceProblem, Placeholder, RowRole } from './scan.js';
import type { XElement } from './xml.js';

export interface TemplateFinding {
  readonly code: string;
  readonly severity: Severity;
  /** Swedish: what is wrong, where, and what to do. */
  readonly message: string;
  /** The template's file name as the user gave it. */
  readonly file: string;
  /** The package part, e.g. "word/document.xml". */
  readonly part?: string;
  /** 1-based paragraph of the part. */
  readonly paragraph?: number;
  /** 1-based character in the paragraph. */
  readonly column?: number;
  /** The placeholder as written. */
  readonly placeholder?: string;
}

/** The parameters of a template code: those of its text except `{file}`, which `finding` fills in. */
type TemplateParams<C extends TemplateCode> = Omit<ParamsOf<(typeof templateMessages)[C]['text']>, 'file'>;

export function finding<C extends TemplateCode>(
  file: string,
  code: C,
  params: TemplateParams<C>,
  at?: { readonly part?: string; readonly paragraph?: number; readonly column?: number; readonly placeholder?: string },
  severity?: Severity,
): TemplateFinding {
  const args = [{ file, ...params }, undefined, undefined, severity] as unknown as MessageArgs<(typeof templateMessages)[C]['text']>;
  const d = makeDiagnostic(templateMessages, code, ...args);
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    file,
    ...(at?.part !== undefined ? { part: at.part } : {}),
    ...(at?.paragraph !== undefined ? { paragraph: at.paragraph } : {}),
    ...(at?.column !== undefined ? { column: at.column } : {}),
    ...(at?.placeholder !== undefined ? { placeholder: at.placeholder } : {}),
  };
}

/** A finding as a diagnostic, for the CLI's reporter and `--json` (the place is in the message). */
export function findingToDiagnostic(f: TemplateFinding): Diagnostic {
  return { code: f.code, severity: f.severity, message: f.message, location: { file: f.file }, ...(f.placeholder !== undefined ? { value: f.placeholder } : {}) };
}

/** Thrown by `fillTemplate` when the template has errors: their diagnostics, a configuration failure (exit 78); `findings` keeps their places. */
export class TemplateError extends DiagnosticError {
  constructor(readonly findings: readonly TemplateFinding[]) {
    super(findings.map(findingToDiagnostic), 'config');
  }
}

export function hasErrors(findings: readonly TemplateFinding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

function at(ph: Placeholder) {
  return { part: ph.part, paragraph: ph.paragraphIndex, column: ph.column, placeholder: ph.raw };
}

/** A repeating row: the table row, its roles' marker placeholders, and the model table it repeats. */
export interface RowGroup {
  readonly table: XElement;
  readonly tableId: string;
  readonly rows: ReadonlyMap<RowRole, { readonly row: XElement; readonly marker: Placeholder }>;
}

export interface PlaceholderCheck {
  readonly findings: TemplateFinding[];
  /** Repeating rows by their table element, for the filler. */
  readonly groups: RowGroup[];
  /** The rows that repeat (for "is this placeholder in a repeating row"). */
  readonly repeatingRows: ReadonlySet<XElement>;
}

/** Checks every placeholder (and the brace problems the scanner found). */
export function checkPlaceholders(file: string, placeholders: readonly Placeholder[], braces: readonly BraceProblem[], maxPlaceholders: number): PlaceholderCheck {
  const findings: TemplateFinding[] = [];
  for (const b of braces) {
    findings.push(finding(file, b.code, { where: b.where, text: b.text }, { part: b.part, paragraph: b.paragraphIndex, column: b.column }));
  }
  if (placeholders.length > maxPlaceholders) {
    findings.push(finding(file, 'template.placeholder.too-many', { count: placeholders.length, max: maxPlaceholders }));
    return { findings, groups: [], repeatingRows: new Set() };
  }

  // Repeating rows first: which rows repeat decides where {{kolumn N}} may be used.
  const groups = new Map<XElement, { tableId: string; rows: Map<RowRole, { row: XElement; marker: Placeholder }> }>();
  for (const ph of placeholders) {
    if (ph.kind !== 'row-marker') continue;
    const m = ph.rowMarker!;
    const cell = ph.cell;
    const firstParagraph = cell ? cell.cell.children.find((c) => c.kind === 'element' && c.name === 'w:p') : undefined;
    const startsCell = cell !== undefined && cell.cellIndex === 1 && firstParagraph === ph.paragraph && leadingText(ph);
    if (!cell || !startsCell || ph.part !== 'word/document.xml') {
      findings.push(finding(file, 'template.row.misplaced', { placeholder: ph.raw, where: ph.where }, at(ph)));
      continue;
    }
    if (!/^[a-z0-9][a-z0-9-]*$/.test(m.table)) {
      findings.push(finding(file, 'template.block.argument', { placeholder: ph.raw, where: ph.where, detail: `tabell-id:t "${m.table}" ska skrivas med små bokstäver, siffror och bindestreck` }, at(ph)));
      continue;
    }
    let g = groups.get(cell.table);
    if (!g) {
      g = { tableId: m.table, rows: new Map() };
      groups.set(cell.table, g);
    }
    if (g.tableId !== m.table) {
      findings.push(finding(file, 'template.row.mixed', { tables: `${g.tableId}, ${m.table}`, where: ph.where }, at(ph)));
      continue;
    }
    if (g.rows.has(m.role) || [...g.rows.values()].some((r) => r.row === cell.row)) {
      findings.push(finding(file, 'template.row.duplicate', { placeholder: ph.raw, where: ph.where }, at(ph)));
      continue;
    }
    g.rows.set(m.role, { row: cell.row, marker: ph });
  }
  const repeatingRows = new Set<XElement>();
  for (const g of groups.values()) for (const r of g.rows.values()) repeatingRows.add(r.row);
  // A repeating row inside a table that is itself in a repeating row.
  for (const [table, g] of groups) {
    const outer = placeholders.find((p) => p.cell?.table === table)?.cell;
    if (outer?.nested && [...repeatingRows].some((row) => row !== outer.row && contains(row, table))) {
      const marker = [...g.rows.values()][0]!.marker;
      findings.push(finding(file, 'template.row.nested', { where: marker.where }, at(marker)));
    }
  }

  const blockNames = Object.keys(TEMPLATE_BLOCKS);
  for (const ph of placeholders) {
    const inRow = ph.cell !== undefined && repeatingRows.has(ph.cell.row);
    switch (ph.kind) {
      case 'comment':
      case 'row-marker':
        break;
      case 'row-end':
        if (!inRow) findings.push(finding(file, 'template.row.misplaced', { placeholder: ph.raw, where: ph.where }, at(ph)));
        break;
      case 'block': {
        const b = ph.block!;
        const problem = checkBlock(b.name, b.args);
        if (problem) {
          const params: Record<string, string> = { placeholder: ph.raw, where: ph.where, ...problem.params };
          if (problem.code === 'template.block.unknown') Object.assign(params, { suggestion: suggestion(b.name, blockNames), blocks: blockNames.join(', ') });
          findings.push(finding(file, problem.code, params as never, at(ph)));
        } else if (!ph.alone || !ph.bodyLevel || ph.part !== 'word/document.xml') {
          findings.push(finding(file, 'template.block.not-alone', { placeholder: ph.raw, where: ph.where }, at(ph)));
        }
        break;
      }
      case 'inline':
        for (const p of checkExpression(ph.inner, { inRow })) {
          // The checker made the problem with its code's parameters; the place and the defaults are added here.
          findings.push(finding(file, p.code, { placeholder: ph.raw, where: ph.where, name: '', suggestion: '', ...p.params } as never, at(ph)));
        }
        break;
    }
  }
  return {
    findings,
    groups: [...groups].map(([table, g]) => ({ table, tableId: g.tableId, rows: g.rows })),
    repeatingRows,
  };
}

/** The marker is the first text of its paragraph (spaces before it are allowed). */
function leadingText(ph: Placeholder): boolean {
  return ph.text.slice(0, ph.column - 1).trim() === '';
}

function contains(ancestor: XElement, target: XElement): boolean {
  for (const c of ancestor.children) {
    if (c === target) return true;
    if (c.kind === 'element' && contains(c, target)) return true;
  }
  return false;
}
