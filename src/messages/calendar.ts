import type { Catalogue } from './catalogue.js';

/** The closing calendar (`calendar:`): `--period latest` and `rapport calendar`. */
export const calendarMessages = {
  'config.calendar-missing': {
    severity: 'error',
    text: '{file} har ingen bokslutskalender, så "latest" och "rapport calendar" vet inte vilka perioder som är stängda. Lägg till avsnittet calendar (closing.dayOfNextMonth: dagen i följande månad då en månad stängs, och closing.dates för undantag), eller ange perioden som ÅÅÅÅ-MM.',
  },
} as const satisfies Catalogue;
