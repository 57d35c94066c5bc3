/**
 * Estimates how wide a text is in Calibri (the report's font; LibreOffice draws it with the metric-compatible Carlito),
 * so table columns can be made just wide enough for their widest figure and never wrap "-3 603 712". Widths are
 * Calibri's advance widths in thousandths of an em; characters not listed count as an average letter. The estimate
 * errs on the wide side (bold adds 5 %) because a figure that wraps is worse than a column a little too wide.
 */

const WIDTHS: Readonly<Record<string, number>> = (() => {
  const w: Record<string, number> = {};
  for (const d of '0123456789') w[d] = 507;
  Object.assign(w, {
    ' ': 226, '\u00a0': 226, '\u202f': 226, ',': 250, '.': 252, '-': 306, '\u2212': 498, '\u2013': 498, '\u2014': 905,
    '%': 715, '(': 303, ')': 303, '/': 386, ':': 268, ';': 268, '+': 498, '=': 498, '*': 498, '&': 682, '"': 401,
    "'": 221, '!': 326, '?': 463, '[': 325, ']': 325, '·': 252, '…': 750,
    a: 479, b: 525, c: 423, d: 525, e: 498, f: 305, g: 471, h: 525, i: 229, j: 239, k: 455, l: 229, m: 799, n: 525,
    o: 527, p: 525, q: 525, r: 349, s: 391, t: 335, u: 525, v: 452, w: 715, x: 433, y: 453, z: 395,
    A: 579, B: 544, C: 533, D: 615, E: 488, F: 459, G: 631, H: 623, I: 252, J: 319, K: 520, L: 420, M: 855, N: 646,
    O: 662, P: 517, Q: 673, R: 543, S: 459, T: 487, U: 642, V: 567, W: 890, X: 519, Y: 487, Z: 468,
    å: 479, ä: 479, ö: 527, é: 498, ü: 525, Å: 579, Ä: 579, Ö: 662, É: 488, Ü: 642,
    // Status symbols: Word draws them from a symbol font, about 0.8 em.
    '●': 800, '◐': 800, '○': 800, '☐': 800,
  });
  return w;
})();

const AVERAGE = 520;

/** Width of `text` in points at `sizePt`, on one line. */
export function textWidthPt(text: string, sizePt: number, bold = false): number {
  let units = 0;
  for (const ch of text) units += WIDTHS[ch] ?? AVERAGE;
  return (units / 1000) * sizePt * (bold ? 1.05 : 1);
}

/** Width in twentieths of a point (twips, Word's table unit). */
export function textWidthTwips(text: string, sizePt: number, bold = false): number {
  return Math.ceil(textWidthPt(text, sizePt, bold) * 20);
}

/** The widest single word (split at ordinary spaces; no-break spaces keep a figure together). */
export function longestWordTwips(text: string, sizePt: number, bold = false): number {
  let max = 0;
  for (const word of text.split(/[ \t\n]+/)) max = Math.max(max, textWidthTwips(word, sizePt, bold));
  return max;
}

/**
 * The narrowest width that holds `text` on at most two lines, breaking only between words: how narrow a column
 * header may be before it needs a third line.
 */
export function twoLineWidthTwips(text: string, sizePt: number, bold = false): number {
  const words = text.split(/[ \t\n]+/).filter((w) => w !== '');
  if (words.length <= 1) return textWidthTwips(text, sizePt, bold);
  let best = Infinity;
  for (let k = 1; k < words.length; k++) {
    const first = textWidthTwips(words.slice(0, k).join(' '), sizePt, bold);
    const rest = textWidthTwips(words.slice(k).join(' '), sizePt, bold);
    best = Math.min(best, Math.max(first, rest));
  }
  return best;
}
