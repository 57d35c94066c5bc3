import type { Catalogue } from './catalogue.js';

/**
 * Personnel (Heroma-shaped HR extracts). Messages about identity columns (personnummer, names, birth dates) never
 * carry the value: they name the file, row and column only.
 */
export const personnelMessages = {
  'personnel.identity.missing': {
    severity: 'error',
    text: 'Medarbetaridentiteten saknas. Varje rad måste ha en identitet (värdet visas inte av integritetsskäl).',
  },
  'personnel.employments.duplicate': {
    severity: 'error',
    text: 'Samma anställning finns två gånger för samma månad: samma medarbetare, period {period}, ansvar {costCentre}, anställningsform {form} och startdatum som rad {firstRow} (identiteten visas inte av integritetsskäl). Varje anställning ska ha en rad per månad; en dubblett räknar timmarna och personen två gånger. Kontrollera uttaget.',
  },
  'personnel.absence.duplicate': {
    severity: 'error',
    text: 'Samma sjukfrånvaro finns två gånger: samma medarbetare, ansvar {costCentre} och period {from}–{to} som rad {firstRow} (identiteten visas inte av integritetsskäl). En dubblett räknar frånvarotimmarna två gånger. Kontrollera uttaget.',
  },
  'personnel.gender.unknown': {
    severity: 'warning',
    text: 'Okänt värde för kön: "{value}". Medarbetaren räknas i totalen men inte bland kvinnor eller män. Ange värdet under personnel.gender i konfigurationen.',
  },
  'personnel.birthDate.invalid': {
    severity: 'error',
    text: 'Ogiltigt födelsedatum (värdet visas inte av integritetsskäl). Ange datum som ÅÅÅÅ-MM-DD eller ÅÅÅÅMMDD.',
  },
  'personnel.age.invalid': {
    severity: 'error',
    text: 'Ogiltig ålder: ange ett heltal mellan 14 och 100.',
  },
  'personnel.person.conflict': {
    severity: 'warning',
    text: 'Samma medarbetare har olika {what} på olika rader; uppgiften från den första raden ({first}) används. Kontrollera uttaget.',
  },
  'personnel.date.invalid': {
    severity: 'error',
    text: 'Ogiltigt datum "{value}". Ange datum som ÅÅÅÅ-MM-DD eller ÅÅÅÅMMDD.',
  },
  'personnel.date.missing': {
    severity: 'error',
    text: 'Datum saknas i en obligatorisk kolumn.',
  },
  'personnel.dateRange.reversed': {
    severity: 'error',
    text: 'Fr.o.m.-datum {from} ligger efter t.o.m.-datum {to}.',
  },
  'personnel.hours.invalid': {
    severity: 'error',
    text: 'Ogiltigt antal timmar "{value}". Ange timmar med decimalkomma, t.ex. 7,60, högst två decimaler.',
  },
  'personnel.hours.negative': {
    severity: 'error',
    text: 'Negativt antal timmar "{value}".',
  },
  'personnel.extent.invalid': {
    severity: 'error',
    text: 'Ogiltig omfattning "{value}". Ange procent mellan 0 och 100, t.ex. 50 eller 25,5.',
  },
  'personnel.rate.invalid': {
    severity: 'error',
    text: 'Ogiltig sysselsättningsgrad "{value}". Ange procent mellan 0 och 100.',
  },
  'personnel.absence.hoursMissing': {
    severity: 'error',
    text: 'Frånvarotimmar saknas och kan inte räknas fram: ange frånvarotimmar, eller schemalagd tid och omfattning.',
  },
  'personnel.absence.hoursMismatch': {
    severity: 'warning',
    text: 'Frånvarotimmarna ({hours}) stämmer inte med schemalagd tid × omfattning ({expected}); frånvarotimmarna används.',
  },
  'personnel.absence.otherTypes': {
    severity: 'info',
    text: '{count} rader med annan frånvaro än sjukfrånvaro har hoppats över ({types}).',
  },
  'personnel.form.unknown': {
    severity: 'error',
    text: 'Okänd anställningsform "{value}". Lägg till koden under personnel.staff.forms i konfigurationen.',
  },
  'personnel.reason.unknown': {
    severity: 'warning',
    text: 'Okänd avgångsorsak "{value}"; räknas som extern avgång. Ange orsaken under personnel.turnover.reasons.',
  },
  'personnel.reason.unknownError': {
    severity: 'error',
    text: 'Okänd avgångsorsak "{value}". Ange orsaken under personnel.turnover.reasons.',
  },
  'personnel.workEnvironment.kind.unknown': {
    severity: 'error',
    text: 'Okänd typ av arbetsmiljöavvikelse "{value}". Ange den under incidentKinds eller riskKinds i konfigurationen.',
  },
  'personnel.workEnvironment.category.unmatched': {
    severity: 'warning',
    text: 'Kategorin "{value}" under workEnvironment.categories finns inte på någon rad i kolumnen {column}, så raden "varav {value}" visar 0 för alla enheter.{suggestion} Stäm av stavningen mot filen.',
  },
  'personnel.workEnvironment.category.none': {
    severity: 'info',
    text: 'Ingen händelse i kolumnen {column} har kategorin "{value}" (workEnvironment.categories), så raden "varav {value}" visar 0 för alla enheter.',
  },
  'personnel.hired.noHourPrice': {
    severity: 'error',
    text: 'Filen med inhyrd personal har kostnader men inget timpris (hourPrice) är angivet i konfigurationen.',
  },
  'personnel.amount.invalid': {
    severity: 'error',
    text: 'Ogiltigt belopp "{value}". Ange kronor med decimalkomma.',
  },
  'personnel.sick.noSchedule': {
    severity: 'warning',
    text: '{hours} timmar sjukfrånvaro ({count} delar) ligger på ansvar och månader där medarbetaren saknar schemalagd tid och har inte räknats med (bara medarbetare med schemalagd tid räknas).',
  },
  'personnel.sick.afterHrPeriod': {
    severity: 'info',
    text: '{hours} timmar sjukfrånvaro efter {month} har inte använts: personaluppgifterna redovisas till och med {month}.',
  },
  'personnel.employments.afterHrPeriod': {
    severity: 'info',
    text: '{count} rader i anställningsuttaget avser månader efter {month} och används inte: personaluppgifterna redovisas till och med {month}.',
  },
  'personnel.window.incomplete': {
    severity: 'warning',
    text: 'Personaluttaget saknar månader för {window}: {missing}. Uppgifterna för den perioden lämnas tomma.',
  },
  'personnel.turnover.noReason': {
    severity: 'warning',
    text: '{count} avslutade anställningar saknar avgångsorsak och räknas som externa avgångar.',
  },
  'personnel.columns.missing': {
    severity: 'error',
    text: 'Rubrikraden med kolumnerna [{expected}] hittades inte bland filens första rader. Rätta kolumnnamnen under personnel.sources i konfigurationen eller i filen. (Filens rader visas inte eftersom filen innehåller personuppgifter.)',
  },
  'personnel.csv.parse-error': {
    severity: 'error',
    text: 'Filen går inte att läsa som CSV ({code}). Radens innehåll visas inte eftersom filen innehåller personuppgifter; kontrollera citattecken och avgränsare på raden.',
  },
} as const satisfies Catalogue;
