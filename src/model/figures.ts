/**
 * The shapes of a figure that every layer shares: an exact ratio, a goal's status level and the display unit of an
 * amount. The calculation core produces them, the report model carries them, the renderers print them.
 */

/** Display unit of an amount: kronor, tusental kronor, miljoner kronor. */
export type DisplayUnit = 'kr' | 'tkr' | 'mnkr';

/** An exact ratio num/den of two integers (den > 0). Displayed as num/den × 100 with the column's decimals. */
export interface Ratio {
  readonly num: number;
  readonly den: number;
}

/** How far a goal or indicator has been reached; `ingaData` = nothing to judge by. */
export type StatusLevel = 'helt' | 'delvis' | 'inte' | 'ingaData';
