import type { Catalogue } from './catalogue.js';

/** `rapport generate --check`: the reports made now against the committed sample reports. */
export const checkMessages = {
  'check.differs': {
    severity: 'error',
    text: 'Rapporterna skiljer sig från jämförelsefilerna i {dir}: {count} (se listan ovan). Är ändringen avsedd, gör om jämförelsefilerna med "rapport generate --period {period} --format json,md --out {dir}" och granska skillnaden innan den checkas in.',
  },
  'check.no-samples': {
    severity: 'error',
    text: 'Mappen {dir} har inga jämförelsefiler för perioden {period} (väntade filer som {example}). Skapa dem med "rapport generate --period {period} --format json,md --out {dir}".',
  },
  'check.sample-unreadable': {
    severity: 'error',
    text: 'Jämförelsefilen går inte att läsa som en JSON-rapport: {detail}',
  },
  'check.unknown-unit': {
    severity: 'error',
    text: 'Jämförelsefilen {file} gäller enheten "{unit}", som inte finns i organisationen.{suggestion} Ta bort filen om enheten har upphört.',
  },
} as const satisfies Catalogue;
