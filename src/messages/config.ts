import type { Catalogue } from './catalogue.js';

export const configMessages = {
  'config.not-found': { severity: 'error', text: 'Hittar ingen konfigurationsfil: {path}. Skapa en med "rapport init" eller ange en med --config.' },
  'config.yaml': { severity: 'error', text: 'Konfigurationsfilen går inte att läsa som YAML: {detail}' },
  'config.invalid': { severity: 'error', text: 'Ogiltig inställning {path}: {detail}' },
  'config.unknown-key': { severity: 'error', text: 'Okänd inställning {path}. Kontrollera stavningen (se docs/config.schema.json).' },
  'config.unit-not-found': { severity: 'error', text: 'Enheten "{unit}" finns inte i organisationen.{suggestion} Möjliga enheter: {known}.' },
  'config.unknown-level': { severity: 'error', text: 'Nivån "{level}" i report.unitLevels finns inte.{suggestion} Nivåer som finns: {known} (root = hela organisationen, Ansvar = varje ansvar, övriga = kolumnerna i sources.organisation.columns.levels).' },
  'config.level-empty': { severity: 'error', text: 'Nivån "{level}" i report.unitLevels ger inga rapporter: ingen enhet i organisationsfilen {file} ligger på den nivån. Kontrollera kolumnen {level} i filen eller ta bort nivån ur report.unitLevels.' },
  'config.root-is-unit': { severity: 'warning', text: 'Rotenheten "{unit}" (organisation.unit) heter som en enhet på nivån {level} i organisationsfilen. Rotens rapport gäller hela organisationen; enhetens rapport får titeln "{title}" och filnamnet {id}-…. Om roten inte är den enheten utan hela organisationen (t.ex. regionen), ge roten ett eget namn i organisation.unit.' },
  'config.unknown-forecast-method': { severity: 'error', text: 'Prognosmetoden "{name}" i {setting} finns inte.{suggestion} Metoder som finns: {known} (remainingBudget = utfall + återstående budget, seasonal = säsongsuppräkning efter föregående års månadsandelar, previousForecast = föregående prognos).' },
  'config.unknown-periodisation-key': { severity: 'error', text: 'Periodiseringsnyckeln "{name}" i {setting} finns inte.{suggestion} Nycklar som finns: {known} (twelfths = tolftedelar, workingDays = arbetsdagar, previousYear = föregående års utfall per månad, övriga = budget.periodisation.seasonalKeys).' },
  'config.unknown-rule-name': { severity: 'error', text: '{what} "{name}" i {setting} finns inte i {source}.{suggestion}' },
  'narrative.missing': { severity: 'error', text: 'Text saknas för avsnittet {section} ({key}). Skriv den i {path} innan rapporten publiceras med --final.' },
} as const satisfies Catalogue;
