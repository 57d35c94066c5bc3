import { nearestName } from '../model/nearest.js';

/**
 * ` Menade du "x"?` for the known name nearest to one that matched nothing (model/nearest.ts decides what is near),
 * or "" when none is: the one wording of the suggestion that messages append.
 */
export function didYouMean(name: string, known: Iterable<string>): string {
  const near = nearestName(name, known);
  return near === undefined ? '' : ` Menade du "${near}"?`;
}
