import type { Catalogue } from './catalogue.js';

export const configMessages = {
  'config.not-found': { severity: 'error', text: 'Hittar ingen konfigurationsfil: {path}. Skapa en med "rapport init" eller ange en med --config.' },
  'config.yaml': { severity: 'error', text: 'Konfigurationsfilen går inte att läsa som YAML: {detail}' },
  'config.invalid': { severity: 'error', text: 'Ogiltig inställning {path}: {detail}' },
  'config.unknown-key': { severity: 'error', text: 'Okänd inställning {path}. Kontrollera stavningen (se docs/config.schema.json).' },
  'config.unit-not-found': { severity: 'error', text: 'Enheten "{unit}" finns inte i organisationen. Möjliga enheter: {known}.' },
  'narrative.missing': { severity: 'error', text: 'Text saknas för avsnittet {section} ({key}). Skriv den i {path} innan rapporten publiceras med --final.' },
} as const satisfies Catalogue;
