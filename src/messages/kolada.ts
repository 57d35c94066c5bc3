import type { Catalogue } from './catalogue.js';

/**
 * The Kolada comparison (`kolada:`): reading the downloaded file (sources/read-kolada.ts) and checking the
 * configured key ratios and regions against it (calc/kolada.ts).
 */
export const koladaMessages = {
  'kolada.json-syntax': {
    severity: 'error',
    text: 'Filen är inte giltig JSON: {detail} (rad {line}, tecken {column}). Spara Koladas svar oförändrat, eller exportera en CSV och ange kolada.format: csv.',
  },
  'kolada.json-shape': {
    severity: 'error',
    text: 'JSON-filen har inte Koladas form: {detail}. Väntade ett objekt med listan "values" (svaret från api.kolada.se/v2/data/… eller v3), där varje post har kpi, municipality, period och values.',
  },
  'kolada.json-field': {
    severity: 'error',
    text: 'Fältet {field} {detail} (värdet {value}). Varje post i "values" ska ha kpi, municipality, period och values, och varje värde gender och value, som i Koladas svar.',
  },
  'kolada.value': {
    severity: 'error',
    text: 'Värdet "{value}" för {kpi}, region {region}, år {year} är inte ett tal. Skriv talet med decimalpunkt eller decimalkomma; ett värde som saknas lämnas tomt (i JSON: null), aldrig 0.',
  },
  'kolada.period': {
    severity: 'error',
    text: 'Perioden "{value}" är inte ett årtal (ÅÅÅÅ). Kolada redovisar nyckeltal per år.',
  },
  'kolada.gender': {
    severity: 'error',
    text: 'Könet "{value}" är inte T (totalt), K (kvinnor) eller M (män).',
  },
  'kolada.duplicate': {
    severity: 'error',
    text: '{kpi} för region {region} år {year} ({gender}) finns två gånger; första gången på rad {firstRow}. Ta bort den ena.',
  },
  'kolada.paged': {
    severity: 'warning',
    text: 'Filen är en sida av ett längre svar från Kolada (next_page finns), så värden kan saknas. Spara hela svaret (färre nyckeltal eller regioner per fråga) om ett nyckeltal visas tomt.',
  },
  'kolada.unknown-kpi': {
    severity: 'error',
    text: 'Nyckeltalet {kpi} (kolada.kpis) finns inte i {file}.{suggestion} Nyckeltal i filen: {known}.',
  },
  'kolada.unknown-region': {
    severity: 'error',
    text: 'Regionen {region} ({setting}) finns inte i {file}.{suggestion} Regioner i filen: {known}.',
  },
  'kolada.unknown-name': {
    severity: 'error',
    text: 'kolada.names har ett namn för {region}, som inte är någon av de jämförda regionerna.{suggestion} Jämförda: {known}.',
  },
  'kolada.no-name': {
    severity: 'error',
    text: 'Regionen {region} har inget namn i {file}. Ange det under kolada.names, t.ex. "{region}": Region Namn.',
  },
  'kolada.duplicate-setting': {
    severity: 'error',
    text: '{what} {id} står två gånger i kolada ({setting}). Ta bort den ena.',
  },
  'kolada.no-values': {
    severity: 'warning',
    text: 'Nyckeltalet {kpi} har inget värde för de jämförda regionerna {years} i {file}; raden visas tom.',
  },
} as const satisfies Catalogue;
