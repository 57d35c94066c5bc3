/**
 * Auto-drafted Swedish sentences. The wording lives in Handlebars templates (`templates/text/*.hbs`, overridable by
 * an organisation's own folder); this module only defines their names, the context each receives and the
 * formatting helpers. Helpers format, they never compute: every figure in a context is computed by the builder.
 */
import Handlebars from 'handlebars';
import { formatPercent, textAmount, formatScaled, roundPercent } from '../model/format.js';
import type { DisplayUnit, Ratio } from './model.js';

export const TEXT_TEMPLATES = [
  'sammanfattning-ekonomi',
  'sammanfattning-investeringar',
  'resultat',
  'ekonomisk-analys',
  'prognos',
  'investeringar',
] as const;

export type TextTemplateName = (typeof TEXT_TEMPLATES)[number];

/** A compiled sentence template: context → text. */
export type TextTemplate = (context: object) => string;

export type TextTemplates = Readonly<Record<TextTemplateName, TextTemplate>>;

const UNIT_WORDS: Record<DisplayUnit, string> = { kr: 'kronor', tkr: 'tusen kronor', mnkr: 'miljoner kronor' };
/** The unit words after exactly 1 ("1 miljon kronor", "1 krona"); "tusen" does not inflect. */
const UNIT_WORDS_ONE: Record<DisplayUnit, string> = { kr: 'krona', tkr: 'tusen kronor', mnkr: 'miljon kronor' };

/**
 * An amount's absolute value in whole `unit` with its unit word, singular when the printed number is 1 ("1 miljon
 * kronor", "2 miljoner kronor", "0 miljoner kronor").
 */
export function amountWithUnitWord(ore: number, unit: DisplayUnit): string {
  const n = textAmount(ore, unit);
  return `${n} ${n === '1' ? UNIT_WORDS_ONE[unit] : UNIT_WORDS[unit]}`;
}

/**
 * The helpers available to text templates. `belopp` prints an amount's absolute value in the text unit with its
 * unit word ("52 miljoner kronor", "1 miljon kronor"); the sign is told by words (`om-negativ`).
 */
export function textHelpers(unit: DisplayUnit): Record<string, Handlebars.HelperDelegate> {
  return {
    belopp: (ore: unknown) => (typeof ore === 'number' ? amountWithUnitWord(ore, unit) : ''),
    tal: (ore: unknown) => (typeof ore === 'number' ? textAmount(ore, unit) : ''),
    mnkr: (ore: unknown) => (typeof ore === 'number' ? amountWithUnitWord(ore, 'mnkr') : ''),
    tkr: (ore: unknown) => (typeof ore === 'number' ? amountWithUnitWord(ore, 'tkr') : ''),
    /** Whole percent of an exact ratio, without sign: "7". */
    procent: (r: unknown) => (isRatio(r) ? formatScaled(abs(roundPercent(r, 0)), 0) : ''),
    /** Percent with one decimal, without sign: "7,1". */
    procent1: (r: unknown) => (isRatio(r) ? formatPercent({ num: Math.abs(r.num), den: r.den }, 1) : ''),
    'om-negativ': function (this: unknown, v: unknown, options: Handlebars.HelperOptions) {
      const neg = typeof v === 'number' ? v < 0 : isRatio(v) ? v.num < 0 : false;
      return neg ? options.fn(this) : options.inverse(this);
    },
    'om-noll': function (this: unknown, v: unknown, options: Handlebars.HelperOptions) {
      const zero = typeof v === 'number' ? textAmount(v, unit) === '0' : isRatio(v) ? roundPercent(v, 0) === 0n : false;
      return zero ? options.fn(this) : options.inverse(this);
    },
  };
}

function abs(v: bigint): bigint {
  return v < 0n ? -v : v;
}

function isRatio(v: unknown): v is Ratio {
  return typeof v === 'object' && v !== null && 'num' in v && 'den' in v;
}

/**
 * Compiles sentence templates from their source strings (only ever strings: object ASTs are an attack path) with
 * `strict` and `knownHelpersOnly`, so a misspelt variable or helper is an error, not a silent blank.
 */
export function compileTextTemplates(sources: Readonly<Record<TextTemplateName, string>>, unit: DisplayUnit): TextTemplates {
  const hb = Handlebars.create();
  const helpers = textHelpers(unit);
  hb.registerHelper(helpers);
  const knownHelpers = Object.fromEntries(Object.keys(helpers).map((k) => [k, true]));
  const out = {} as Record<TextTemplateName, TextTemplate>;
  for (const name of TEXT_TEMPLATES) {
    const src = sources[name];
    if (typeof src !== 'string') throw new TypeError(`Texten ${name} saknas.`);
    const fn = hb.compile(src, { strict: true, knownHelpersOnly: true, knownHelpers, noEscape: true });
    out[name] = (ctx: object) => fn(ctx).replace(/\s+/g, ' ').trim();
  }
  return out;
}
