/**
 * "Menade du …?": the known name nearest to one that matched nothing (a column, a level, a unit, a command), so a
 * slip in the configuration ends in an error that names the fix, never in a silently empty figure.
 *
 * Names are compared folded: case, surrounding space, runs of space and the diacritics of å, ä, ö, é are ignored
 * ("Forvaltning" is one step from nothing: it folds to the same as "Förvaltning"). The distance is the
 * optimal-string-alignment edit distance (insert, delete, substitute, swap two neighbours). A candidate is offered
 * when its distance is at most a third of the longer name's length (at least 1), or when one folded name contains
 * the other ("Budget" → "Budget kr"), or when the name is an abbreviation of the candidate: its letters in order, the
 * first one the same ("ackAvvFgAr" → "ackAvvikelseForegaendeAr"). A close spelling wins over the other two.
 */

/** Folds a name for comparison: lower case, diacritics removed, white space collapsed. */
export function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Optimal-string-alignment distance between two strings. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The candidate nearest to `name`, or undefined when none is near enough to suggest. Ties: the first candidate. */
export function nearestName(name: string, candidates: Iterable<string>): string | undefined {
  const folded = foldName(name);
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const fc = foldName(c);
    if (fc === '' || folded === '') continue;
    const distance = editDistance(folded, fc);
    const limit = Math.max(1, Math.floor(Math.max(folded.length, fc.length) / 3));
    const contains = fc.includes(folded) || folded.includes(fc);
    const abbreviation = !contains && isAbbreviation(folded, fc);
    if (distance > limit && !contains && !abbreviation) continue;
    // A containment or an abbreviation scores past any close spelling, containment first.
    const score = distance <= limit ? distance : contains ? 1000 : 1001;
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

/** Whether `short` is `long`'s letters in order, starting with the same letter ("ackavvfgar" in "ackavvikelseforegaendear"). */
function isAbbreviation(short: string, long: string): boolean {
  if (short.length < 2 || short.length >= long.length || short[0] !== long[0]) return false;
  let j = 0;
  for (const ch of long) if (ch === short[j]) j++;
  return j === short.length;
}
