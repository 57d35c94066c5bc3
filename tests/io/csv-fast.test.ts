/**
 * `parseCsv` (io/csv.ts) reads clean text with the byte tokenizer (`parseCsvFast`) and everything else with
 * csv-parse (`parseCsvStrict`, the definition). Wherever the tokenizer answers, its answer must be csv-parse's:
 * the same records (fields and start lines), blank lines, line count, no diagnostics. Checked on every CSV fixture
 * (the HR extracts among them) and on generated texts with quotes, line breaks in quotes, blank and whitespace-only
 * lines, changing field counts and stray quotes. A differential test passes trivially if the tokenizer always
 * declines, so the tests also require it to answer where it should.
 */
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/io/decode.js';
import { normaliseNewlines, parseCsv, parseCsvFast, parseCsvStrict, type CsvOptions, type Delimiter } from '../../src/io/csv.js';
import { csvFixtures, guessDelimiter, readBytes, Rng } from '../fast/helpers.js';

const SEEDS = Number(process.env.FAST_SEEDS ?? 250);

/** The tokenizer's answer, when it gives one, is csv-parse's; parseCsv is csv-parse's either way. True when it answered. */
function expectSame(text: string, options: CsvOptions, label: string): boolean {
  const strict = parseCsvStrict(text, options);
  const fast = parseCsvFast(text, options);
  expect(parseCsv(text, options), label).toEqual(strict);
  if (fast === null) return false;
  expect(fast, label).toEqual(strict);
  return true;
}

describe('parseCsv through the tokenizer = through csv-parse, on every CSV fixture', () => {
  const fixtures = csvFixtures();
  it('finds the HR extracts among the fixtures', () => {
    expect(fixtures.some((f) => f.name.endsWith('heroma/anstallningar.csv'))).toBe(true);
  });
  for (const fx of fixtures) {
    it(fx.name, () => {
      const bytes = readBytes(fx.path);
      const decoded = decodeText({ bytes, displayName: fx.name }, { encoding: 'auto', acceptMojibake: true });
      if (!decoded.value) return;
      const text = normaliseNewlines(decoded.value.text);
      const delimiter = guessDelimiter(bytes);
      for (const startLine of [1, 2, 5]) {
        const answered = expectSame(text, { delimiter, displayName: fx.name, startLine }, `${fx.name} from line ${startLine}`);
        // Real exports are what the tokenizer is for.
        if (startLine === 1) expect(answered, fx.name).toBe(true);
      }
    });
  }
});

/** A random LF-normalised CSV text: plain, quoted and empty fields, blank lines, changing counts, optional defects. */
function generateText(rng: Rng, defects: boolean): { text: string; delimiter: Delimiter } {
  const delimiter = rng.pick<Delimiter>([';', ';', ',', '\t']);
  const words = ['Ansvar', 'Lön', 'Åtgärd', '1 234,50', '-12,00', '0100', 'a b', ' ', '\u00a0', 'x', '日本', '😀', '', 'ﬁ'];
  const width = rng.int(1, 6);
  const lines: string[] = [];
  const rows = rng.int(1, 40);
  for (let r = 0; r < rows; r++) {
    const kind = rng.next();
    if (kind < 0.08) {
      lines.push('');
      continue;
    }
    if (kind < 0.14) {
      lines.push(rng.pick(['  ', '\t', ' \u00a0 ', delimiter.repeat(rng.int(1, 3))]));
      continue;
    }
    const count = rng.chance(0.85) ? width : rng.int(1, 7);
    const fields: string[] = [];
    for (let f = 0; f < count; f++) {
      const r2 = rng.next();
      if (r2 < 0.6) fields.push(rng.pick(words));
      else if (r2 < 0.9) {
        const parts: string[] = [];
        for (let k = rng.int(0, 4); k > 0; k--) parts.push(rng.pick([rng.pick(words), delimiter, '""', '\n', '\n  \n', ';', ',', '\t']));
        fields.push(`"${parts.join('')}"`);
      } else if (defects) fields.push(rng.pick(['a"b', '"a"b', '"open', 'x"']));
      else fields.push('');
    }
    lines.push(fields.join(delimiter));
  }
  // Many field-count changes: parseCsv gives up after 200 resumptions.
  if (defects && rng.chance(0.1)) for (let k = 0; k < 250; k++) lines.push(k % 2 === 0 ? 'a' : `a${delimiter}b`);
  return { text: lines.join('\n') + (rng.chance(0.7) ? '\n' : ''), delimiter };
}

describe('parseCsv through the tokenizer = through csv-parse, on generated texts', () => {
  it('clean texts: the tokenizer answers, with csv-parse\'s result', () => {
    let fromTop = 0;
    let answered = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const rng = new Rng(seed);
      const { text, delimiter } = generateText(rng, false);
      // From a later line the text may start inside a quoted field: then it is not clean any more.
      const startLine = rng.chance(0.3) ? rng.int(2, 4) : 1;
      const same = expectSame(text, { delimiter, displayName: 'x.csv', startLine }, `clean seed ${seed} from line ${startLine}`);
      if (startLine === 1) {
        fromTop++;
        expect(same, `clean seed ${seed}`).toBe(true);
      } else if (same) answered++;
    }
    expect(fromTop).toBeGreaterThan(SEEDS / 2);
    expect(answered).toBeGreaterThan(0);
  });

  it('texts with stray quotes, unclosed quotes and runaway field counts: csv-parse where the tokenizer declines', () => {
    let answered = 0;
    for (let seed = 1; seed <= SEEDS * 2; seed++) {
      const rng = new Rng(seed * 13 + 5);
      const { text, delimiter } = generateText(rng, true);
      const maxRecordSize = rng.chance(0.2) ? rng.int(5, 60) : undefined;
      const options: CsvOptions = { delimiter, displayName: 'x.csv', ...(maxRecordSize ? { maxRecordSize } : {}) };
      if (expectSame(text, options, `messy seed ${seed}`)) answered++;
    }
    expect(answered).toBeGreaterThan(0);
    expect(answered).toBeLessThan(SEEDS * 2);
  });
});
