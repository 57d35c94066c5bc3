/**
 * A report's caveats: the run's warnings that concern what this report shows, worded for a document.
 */
import type { Diagnostic } from '../model/diagnostics.js';

/** At most this many warnings are shown on a report's title page (and in its JSON and Excel "Om rapporten"). */
const MAX_CAVEATS = 5;

/**
 * The caveats of one unit's report: the run's warnings that concern what the report shows. A warning about the goal
 * export belongs only to the report that has the goal section (the root's); a warning that names a unit (a closed
 * month restated since it was published, case 81) only to that unit's report; the others (ledger, personnel) to every
 * unit. Worded for a document: a file is named by its name alone, never by a path on someone's disk.
 */
export function unitCaveats(warnings: readonly Diagnostic[], hasGoals: boolean, unitId?: string): string[] {
  return warnings
    .filter((d) => hasGoals || !d.code.startsWith('goals.'))
    .filter((d) => d.unit === undefined || unitId === undefined || d.unit === unitId)
    .slice(0, MAX_CAVEATS)
    .map((d) => withoutPaths(d.message, d.location?.file));
}

/**
 * "fixtures/region-exempel/mal/indikatorer-2024-04.csv" → "indikatorer-2024-04.csv", in running text. The
 * diagnostic's own file (which may hold spaces: "C:\Ekonomi\Delår 2024\…") is replaced exactly; any other path
 * without spaces by the pattern.
 */
function withoutPaths(text: string, file: string | undefined): string {
  let out = text;
  if (file && /[/\\]/.test(file)) out = out.split(file).join(file.split(/[/\\]/).at(-1)!);
  return out.replace(/(?:[A-Za-z]:|[/\\]{1,2})?(?:[^\s"'()/\\]+[/\\])+([^\s"'()/\\]+\.[A-Za-z0-9]{2,5})\b/g, '$1');
}
