/**
 * Inline placeholders of a Word template — `{{enhet}}`, `{{mnkr ekonomi.budgetavvikelse}}`, `{{kolumn 2}}` in a
 * repeating row — as Handlebars expressions. A template is an untrusted program, so:
 *
 * - an expression is first read with `Handlebars.parse` (a string, never an AST from outside) and checked against a
 *   whitelist: one mustache, a variable of the template context or a known helper with plain arguments (variables,
 *   strings, small numbers). No block helpers, partials, sub-expressions, `@data`, `../`, `this`, `lookup`, and no
 *   `constructor`/`__proto__`/`prototype` anywhere — a denied construct is a finding, not an empty string;
 * - only then is it compiled (from its source string) with `strict: true`, `knownHelpersOnly: true`, `noEscape`, no
 *   `@data`, and the built-in helpers switched off, and run on the zod-checked context;
 * - every evaluation counts against a budget of time and output, so a huge template ends in an error, not a hang.
 *
 * Helpers only format; the figures are computed by the report builder.
 */
import Handlebars from 'handlebars';
import { didYouMean } from '../../../messages/suggest.js';
import { formatMoney, formatPercent } from '../../../model/format.js';
import { textHelpers } from '../../../report/texts.js';
import type { Ratio } from '../../../report/model.js';
import type { ParamsOf } from '../../../messages/catalogue.js';
import type { templateMessages, TemplateCode } from '../../../messages/template.js';
import { TEMPLATE_VARIABLES, VARIABLE_GROUPS, type TemplateContext, type VariableKind } from './context.js';

/** A problem with one expression: a catalogue code and its parameters (the caller adds placeholder and place). */
export interface ExpressionProblem {
  readonly code: TemplateCode;
  readonly params: Readonly<Record<string, string | number>>;
}

type ArgKind = VariableKind | 'string' | 'decimals' | 'column';

interface HelperSpec {
  /** Kinds of the required arguments, in order (a union per argument). */
  readonly args: readonly (readonly ArgKind[])[];
  /** Optional trailing arguments. */
  readonly optional?: readonly (readonly ArgKind[])[];
  readonly description: string;
  /** Only in a repeating table row. */
  readonly rowOnly?: boolean;
}

/** The helpers a template may use, with the arguments they take. */
export const TEMPLATE_HELPERS: Readonly<Record<string, HelperSpec>> = {
  mnkr: { args: [['money']], optional: [['decimals']], description: 'Belopp i miljoner kronor med tecken: {{mnkr ekonomi.budgetavvikelse}} → "-52"; {{mnkr x 1}} → "-51,9".' },
  tkr: { args: [['money']], optional: [['decimals']], description: 'Belopp i tusental kronor med tecken: "-51 875".' },
  kr: { args: [['money']], optional: [['decimals']], description: 'Belopp i kronor med tecken.' },
  procent: { args: [['ratio']], optional: [['decimals']], description: 'Procent med tecken, utan %-tecken: {{procent ekonomi.nettokostnadsutveckling}} → "7"; med en decimal: {{procent x 1}} → "7,1".' },
  belopp: { args: [['money']], description: 'Beloppet utan tecken i ord för löptext: "52 miljoner kronor".' },
  'om-negativ': {
    args: [['money', 'ratio'], ['string'], ['string']],
    description: 'Väljer text efter tecknet: {{om-negativ ekonomi.budgetavvikelse "ett underskott" "ett överskott"}}.',
  },
  kolumn: { args: [['column']], rowOnly: true, description: 'I en rad som upprepas: cellen i kolumn N (1 = första) som tabellen skriver den.' },
};

/** Handlebars' own helpers: switched off, and named in the message when a template tries one. */
const BUILTIN_HELPERS = ['lookup', 'log', 'each', 'if', 'unless', 'with', 'helperMissing', 'blockHelperMissing'] as const;

/** Property names that reach into JavaScript objects rather than the context. */
const DENIED_NAMES = new Set([
  'constructor', '__proto__', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__',
  'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toString', 'valueOf', 'toLocaleString',
]);

/** Longest expression accepted between the braces. */
export const MAX_EXPRESSION_LENGTH = 300;

const KIND_WORD: Record<VariableKind, string> = { text: 'en text', money: 'ett belopp (i öre)', ratio: 'en andel' };

/** Parameter names are checked against the code's text; the caller adds the rest (file, placeholder, place, helper name). */
function problem<C extends TemplateCode>(code: C, params: Partial<ParamsOf<(typeof templateMessages)[C]['text']>> = {}): ExpressionProblem {
  return { code, params: params as Readonly<Record<string, string | number>> };
}

/** The variables in a short list: "organisation, enhet, …, ekonomi.(nettokostnad, budget, …), investeringar.(…)". */
export function variableList(): string {
  const top: string[] = [];
  const groups = new Map<string, string[]>();
  for (const name of Object.keys(TEMPLATE_VARIABLES)) {
    const dot = name.indexOf('.');
    if (dot < 0) top.push(name);
    else {
      const g = name.slice(0, dot);
      groups.set(g, [...(groups.get(g) ?? []), name.slice(dot + 1)]);
    }
  }
  return [...top, ...[...groups].map(([g, names]) => `${g}.(${names.join(', ')})`)].join(', ');
}

/** " Menade du "x"?" for the closest known name, when it is close; else "" (messages/suggest.ts). */
export const suggestion = (name: string, known: readonly string[]): string => didYouMean(name, known);

type AstNode = { type: string; loc?: { start: { column: number } } };

function isPath(n: AstNode): n is hbs.AST.PathExpression {
  return n.type === 'PathExpression';
}

/** The problem with a path used as a variable, or its kind. */
function checkVariable(path: hbs.AST.PathExpression): ExpressionProblem | VariableKind {
  const denied = path.parts.find((p) => DENIED_NAMES.has(p));
  if (denied !== undefined) return problem('template.expression.denied', { detail: `"${denied}" når in i JavaScript-objekt, inte i rapportens värden` });
  if (path.data) return problem('template.expression.denied', { detail: `dataväriabler (@${path.parts.join('.')}) är avstängda` });
  if (path.depth > 0 || path.original.startsWith('../')) return problem('template.expression.denied', { detail: 'sökvägar uppåt (../) är avstängda' });
  if (path.parts.length === 0 || /^(this|\.)([./]|$)/.test(path.original)) return problem('template.expression.denied', { detail: '"this" är avstängt; skriv variabelns namn' });
  const name = path.parts.join('.');
  const info = TEMPLATE_VARIABLES[name];
  if (info) return info.kind;
  if (VARIABLE_GROUPS.includes(name)) {
    const options = Object.keys(TEMPLATE_VARIABLES).filter((k) => k.startsWith(`${name}.`));
    return problem('template.variable.group', { name, options: options.join(', ') });
  }
  return problem('template.variable.unknown', { name, suggestion: suggestion(name, Object.keys(TEMPLATE_VARIABLES)), variables: variableList() });
}

function argMatches(arg: hbs.AST.Expression, kinds: readonly ArgKind[]): ExpressionProblem | null {
  const expected = kinds.map(argWord).join(' eller ');
  if (isPath(arg)) {
    const kind = checkVariable(arg);
    if (typeof kind !== 'string') return kind;
    return kinds.includes(kind) ? null : problem('template.helper.arguments', { detail: `väntar sig ${expected}, men ${arg.original} är ${KIND_WORD[kind]}` });
  }
  if (arg.type === 'StringLiteral') {
    const v = (arg as hbs.AST.StringLiteral).value;
    if (!kinds.includes('string')) return problem('template.helper.arguments', { detail: `väntar sig ${expected}, inte texten "${v}"` });
    return v.length > 500 ? problem('template.helper.arguments', { detail: 'texten är längre än 500 tecken' }) : null;
  }
  if (arg.type === 'NumberLiteral') {
    const v = (arg as hbs.AST.NumberLiteral).value;
    if (kinds.includes('decimals')) return Number.isInteger(v) && v >= 0 && v <= 3 ? null : problem('template.helper.arguments', { detail: `antalet decimaler ska vara 0–3, inte ${v}` });
    if (kinds.includes('column')) return Number.isInteger(v) && v >= 1 && v <= 63 ? null : problem('template.helper.arguments', { detail: `kolumnnumret ska vara ett heltal från 1, inte ${v}` });
    return problem('template.helper.arguments', { detail: `väntar sig ${expected}, inte talet ${v}` });
  }
  if (arg.type === 'SubExpression') return problem('template.expression.unsupported', { detail: 'parenteser (deluttryck) stöds inte; skriv en variabel direkt' });
  return problem('template.helper.arguments', { detail: `väntar sig ${expected}` });
}

function argWord(k: ArgKind): string {
  return k === 'string' ? 'en text i citattecken' : k === 'decimals' ? 'ett antal decimaler' : k === 'column' ? 'ett kolumnnummer' : KIND_WORD[k];
}

/**
 * Checks one inline placeholder's text (between the braces). `inRow`: the placeholder is in a repeating table row,
 * where `kolumn` may be used. Returns the problems; none means it can be compiled and run.
 */
export function checkExpression(inner: string, scope: { readonly inRow: boolean }): ExpressionProblem[] {
  if (inner.length > MAX_EXPRESSION_LENGTH) return [problem('template.expression.too-long', { max: MAX_EXPRESSION_LENGTH })];
  if (inner.trim() === '') return [problem('template.placeholder.syntax', { detail: 'platshållaren är tom' })];
  const sectionProblem = checkSection(inner.trim());
  if (sectionProblem) return [sectionProblem];
  let program: hbs.AST.Program;
  try {
    program = Handlebars.parse(`{{${inner}}}`);
  } catch (e) {
    return [problem('template.placeholder.syntax', { detail: firstLine((e as Error).message) })];
  }
  const statements = program.body.filter((s) => !(s.type === 'ContentStatement' && (s as hbs.AST.ContentStatement).value.trim() === ''));
  if (statements.length !== 1) return [problem('template.placeholder.syntax', { detail: 'en platshållare ska innehålla ett uttryck' })];
  const st = statements[0]!;
  if (st.type === 'CommentStatement') return [];
  if (st.type !== 'MustacheStatement') return [problem('template.expression.unsupported', { detail: 'bara enkla uttryck stöds här' })];
  const m = st as hbs.AST.MustacheStatement;
  if (!m.escaped) return [problem('template.expression.unsupported', { detail: 'tre klammerparenteser {{{…}}} stöds inte; skriv {{…}}' })];
  if (m.hash && m.hash.pairs.length > 0) return [problem('template.expression.unsupported', { detail: 'namngivna argument (namn=värde) stöds inte' })];
  if (!isPath(m.path as AstNode)) return [problem('template.expression.unsupported', { detail: 'ett uttryck ska börja med en variabel eller en hjälpfunktion' })];
  const path = m.path as hbs.AST.PathExpression;
  const head = path.original;

  if ((BUILTIN_HELPERS as readonly string[]).includes(head)) {
    return [problem('template.expression.denied', { detail: `Handlebars-hjälpfunktionen "${head}" är avstängd i mallar` })];
  }
  const spec = Object.prototype.hasOwnProperty.call(TEMPLATE_HELPERS, head) ? TEMPLATE_HELPERS[head] : undefined;
  if (m.params.length === 0) {
    if (spec) return [problem('template.helper.arguments', { name: head, detail: `behöver ${spec.args.map((a) => a.map(argWord).join(' eller ')).join(', ')}` })];
    const kind = checkVariable(path);
    if (typeof kind !== 'string') return [kind];
    if (kind === 'money') return [problem('template.value.needs-helper', { kind: KIND_WORD[kind], example: `{{mnkr ${head}}} eller {{belopp ${head}}}` })];
    if (kind === 'ratio') return [problem('template.value.needs-helper', { kind: KIND_WORD[kind], example: `{{procent ${head}}}` })];
    return [];
  }
  // A call: the head must be a helper.
  if (!spec) {
    const denied = path.parts.find((p) => DENIED_NAMES.has(p));
    if (denied !== undefined) return [problem('template.expression.denied', { detail: `"${denied}" når in i JavaScript-objekt` })];
    const helpers = Object.keys(TEMPLATE_HELPERS).filter((h) => scope.inRow || !TEMPLATE_HELPERS[h]!.rowOnly);
    return [problem('template.helper.unknown', { name: head, suggestion: suggestion(head, helpers), helpers: helpers.join(', ') })];
  }
  if (spec.rowOnly && !scope.inRow) return [problem('template.row.column-outside', {})];
  const max = spec.args.length + (spec.optional?.length ?? 0);
  if (m.params.length < spec.args.length || m.params.length > max) {
    return [problem('template.helper.arguments', { name: head, detail: `tar ${spec.args.length === max ? spec.args.length : `${spec.args.length}–${max}`} argument, inte ${m.params.length}` })];
  }
  const kinds = [...spec.args, ...(spec.optional ?? [])];
  const problems: ExpressionProblem[] = [];
  m.params.forEach((arg, i) => {
    const p = argMatches(arg, kinds[i]!);
    if (p) problems.push(p.code === 'template.helper.arguments' ? { code: p.code, params: { ...p.params, name: head } } : p);
  });
  return problems;
}

/**
 * Block syntax in an inline placeholder — `{{#om x}}…{{/om}}`, `{{^x}}`, `{{else}}`, `{{#*inline}}` — is not part of the
 * template language (a paragraph's text is filled placeholder by placeholder). An unknown block helper is named as
 * such (bad-input 92); Handlebars' own block helpers are denied.
 */
function checkSection(t: string): ExpressionProblem | null {
  const m = /^([#^/]|else\b)\s*(\*?)\s*([^\s}]*)/.exec(t);
  if (!m) return null;
  if (m[1] === 'else') return problem('template.expression.unsupported', { detail: '{{else}} hör till block, som inte finns i mallar; använd {{om-negativ x "text" "annan text"}}' });
  if (m[2] === '*') return problem('template.expression.denied', { detail: 'dekoratorer ({{#*…}}) är avstängda' });
  const name = m[3] ?? '';
  if (m[1] === '/') return problem('template.expression.unsupported', { detail: `"/${name}" avslutar ett block, och block finns inte i mallar` });
  if ((BUILTIN_HELPERS as readonly string[]).includes(name)) return problem('template.expression.denied', { detail: `Handlebars-hjälpfunktionen "${name}" är avstängd i mallar` });
  if (m[1] === '#' && ['rad', 'summarad', 'rubrikrad'].includes(name)) {
    return problem('template.expression.unsupported', { detail: `{{#${name}}} behöver id:t på rapportens tabell, t.ex. {{#${name} investeringar}}` });
  }
  if (Object.prototype.hasOwnProperty.call(TEMPLATE_HELPERS, name)) {
    return problem('template.expression.unsupported', { detail: `"${name}" används som {{${name} …}}, inte som block ({{#${name}}})` });
  }
  const helpers = Object.keys(TEMPLATE_HELPERS).filter((h) => !TEMPLATE_HELPERS[h]!.rowOnly);
  return problem('template.helper.unknown', { name: `${m[1]}${name}`, suggestion: suggestion(name, helpers), helpers: helpers.join(', ') });
}

function firstLine(message: string): string {
  const lines = message.split('\n').filter((l) => l.trim() !== '' && !/^[-^ ]*$/.test(l));
  return (lines[lines.length - 1] ?? message).slice(0, 200);
}

// ---------------------------------------------------------------------------------------------------------------
// Running expressions

/** The limits of one fill: a template that exceeds them stops with `template.budget.exceeded`. */
export interface TemplateLimits {
  /**
   * Wall-clock time for the whole fill, in milliseconds: a last resort only. The work a template can cause is bounded
   * by the size limits below; wall-clock time also counts the waits of a busy machine (a scheduled batch beside other
   * jobs), so this is set far above any real fill (a report's fill takes well under a second on a quiet machine) and a
   * loaded machine does not turn a good template into exit 78.
   */
  readonly timeMs: number;
  /** Characters one inline placeholder may produce. */
  readonly maxValueChars: number;
  /** Characters all inline placeholders together may produce. */
  readonly maxTotalChars: number;
  /** Placeholders in the template. */
  readonly maxPlaceholders: number;
  /** Table rows made by repeating rows. */
  readonly maxRepeatedRows: number;
}

export const DEFAULT_LIMITS: TemplateLimits = {
  timeMs: 600_000,
  maxValueChars: 4_000,
  maxTotalChars: 2_000_000,
  maxPlaceholders: 10_000,
  maxRepeatedRows: 20_000,
};

/** Thrown when a limit is passed; `detail` says which (Swedish). */
export class BudgetExceeded extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'BudgetExceeded';
  }
}

export class Budget {
  private readonly deadline: number;
  private chars = 0;

  constructor(readonly limits: TemplateLimits, private readonly now: () => number = Date.now) {
    this.deadline = now() + limits.timeMs;
  }

  checkTime(): void {
    if (this.now() > this.deadline) throw new BudgetExceeded(`ifyllningen tog längre än ${Math.round(this.limits.timeMs / 1000)} sekunder`);
  }

  addOutput(n: number): void {
    this.chars += n;
    if (this.chars > this.limits.maxTotalChars) throw new BudgetExceeded(`platshållarna ger mer än ${this.limits.maxTotalChars} tecken text`);
  }
}

const isRatio = (v: unknown): v is Ratio => typeof v === 'object' && v !== null && typeof (v as Ratio).num === 'number' && typeof (v as Ratio).den === 'number';
const isMoney = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const decimalsOf = (v: unknown): number => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 3 ? v : 0);

/** The formatting helpers, over the functions of `format.ts` and `texts.ts`. */
function formatHelpers(): Record<string, Handlebars.HelperDelegate> {
  const text = textHelpers('mnkr');
  // Handlebars passes its options object last; an optional argument that was not given is that object.
  const opt = (args: unknown[]): unknown[] => args.slice(0, -1);
  return {
    mnkr: (...args: unknown[]) => {
      const [v, d] = opt(args);
      return isMoney(v) ? formatMoney(v, 'mnkr', decimalsOf(d)) : '';
    },
    tkr: (...args: unknown[]) => {
      const [v, d] = opt(args);
      return isMoney(v) ? formatMoney(v, 'tkr', decimalsOf(d)) : '';
    },
    kr: (...args: unknown[]) => {
      const [v, d] = opt(args);
      return isMoney(v) ? formatMoney(v, 'kr', decimalsOf(d)) : '';
    },
    procent: (...args: unknown[]) => {
      const [v, d] = opt(args);
      return isRatio(v) ? formatPercent(v, decimalsOf(d)) : '';
    },
    belopp: (v: unknown) => (isMoney(v) ? text.belopp!(v, {} as Handlebars.HelperOptions) : ''),
    'om-negativ': (v: unknown, ifNegative: unknown, otherwise: unknown) => {
      const negative = isMoney(v) ? v < 0 : isRatio(v) ? v.num < 0 : null;
      if (negative === null) return '';
      return String(negative ? ifNegative : otherwise);
    },
    // Replaced per row at run time (see `RowScope`); outside a row there is nothing to show.
    kolumn: () => '',
  };
}

/** A repeating row's cells, as the table prints them, for `{{kolumn N}}`. */
export interface RowScope {
  readonly cells: readonly string[];
}

/** Compiles and runs checked expressions on one context, within a budget. */
export class ExpressionRunner {
  private readonly hb = Handlebars.create();
  private readonly compiled = new Map<string, HandlebarsTemplateDelegate>();
  private readonly knownHelpers: Record<string, boolean>;

  constructor(
    private readonly context: TemplateContext,
    private readonly budget: Budget,
  ) {
    for (const b of BUILTIN_HELPERS) this.hb.unregisterHelper(b);
    const helpers = formatHelpers();
    this.hb.registerHelper(helpers);
    this.knownHelpers = Object.fromEntries([...Object.keys(helpers).map((k) => [k, true]), ...BUILTIN_HELPERS.map((b) => [b, false])]);
  }

  /** The text of a checked expression; throws on a runtime error (strict mode) or a passed limit. */
  run(inner: string, row?: RowScope): string {
    this.budget.checkTime();
    let fn = this.compiled.get(inner);
    if (!fn) {
      if (typeof inner !== 'string') throw new TypeError('Ett malluttryck måste vara en text.');
      fn = this.hb.compile(`{{${inner}}}`, {
        strict: true,
        knownHelpersOnly: true,
        knownHelpers: this.knownHelpers as KnownHelpers,
        noEscape: true,
        data: false,
        preventIndent: true,
      });
      this.compiled.set(inner, fn);
    }
    const runtime: Handlebars.RuntimeOptions = {
      allowProtoPropertiesByDefault: false,
      allowProtoMethodsByDefault: false,
      ...(row
        ? {
            helpers: {
              kolumn: (n: unknown) => (typeof n === 'number' && Number.isInteger(n) && n >= 1 ? (row.cells[n - 1] ?? '') : ''),
            },
          }
        : {}),
    };
    const raw = fn(this.context, runtime);
    const out = cleanInline(String(raw));
    if (out.length > this.budget.limits.maxValueChars) throw new BudgetExceeded(`en platshållare ger mer än ${this.budget.limits.maxValueChars} tecken`);
    this.budget.addOutput(out.length);
    return out;
  }
}

/** XML-illegal characters (C0 controls but tab/newline, U+FFFE/U+FFFF, lone surrogates). */
// eslint-disable-next-line no-control-regex
const XML_ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function stripXmlIllegal(text: string): string {
  return text.replace(XML_ILLEGAL, '');
}

/** Inline text: one line, no XML-illegal characters. */
export function cleanInline(text: string): string {
  return stripXmlIllegal(text).replace(/[\t\r\n]+/g, ' ');
}
