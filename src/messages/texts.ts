import type { Catalogue } from './catalogue.js';

/**
 * Texts written in Word and read back (`rapport texts import`), and `generate`'s guard against overwriting a report
 * someone has written in.
 */
export const textsMessages = {
  'texts.import.unreadable': {
    severity: 'error',
    text: 'Filen {file} går inte att läsa som Word-dokument (.docx): {detail}',
  },
  'texts.import.not-a-report': {
    severity: 'error',
    text: 'Filen {file} är inte en rapport som rapport har skapat ({detail}), så den har inga textfält att läsa in. Läs in ett dokument som "rapport generate" har skapat.',
  },
  'texts.import.other-period': {
    severity: 'error',
    text: 'Dokumentet {file} gäller perioden {found}, inte {period}. Inget lästes in från det. Läs in dokumentet för rätt period, eller ange --period {found} om det är det du menar.',
  },
  'texts.import.other-unit': {
    severity: 'error',
    text: 'Dokumentet {file} gäller enheten {found}, inte {unit}. Inget lästes in från det.',
  },
  'texts.import.bad-name': {
    severity: 'error',
    text: 'Dokumentet {file} anger enheten eller texten "{name}", som inte kan vara ett mappnamn. Inget lästes in från det.',
  },
  'texts.import.file-changed': {
    severity: 'error',
    text: 'Texten "{title}" ({key}) är ändrad i {file}, men {path} har också ändrats sedan dokumentet skapades. Ingenting skrevs. Jämför texterna; vill du ersätta filens text med dokumentets, läs in igen med --force.',
  },
  'texts.import.revisions': {
    severity: 'error',
    text: 'Texten "{title}" ({key}) i {file} har {count} spårade ändringar. Ange --changes accept för att godkänna dem eller --changes reject för att avvisa dem; de tillämpas alla eller ingen. Ingenting skrevs.',
  },
  'texts.import.duplicate': {
    severity: 'error',
    text: 'Texten "{title}" ({key}) för {unit} finns med olika innehåll i både {first} och {second}. Ingenting skrevs. Läs in ett dokument per enhet.',
  },
  'texts.import.slot-not-found': {
    severity: 'warning',
    text: 'Textfältet "{title}" ({key}) hittades inte i {file}: innehållskontrollen är borttagen och stycket "{anchor}" som avgränsar texten finns inte kvar. Texten lästes inte in; för över den till {path} för hand.',
  },
  'texts.import.comments-dropped': {
    severity: 'info',
    text: 'Texten "{title}" ({key}) i {file} har {count} kommentarer; kommentarer läses inte in.',
  },
  'texts.import.content-dropped': {
    severity: 'warning',
    text: 'Texten "{title}" ({key}) i {file} innehåller {what}, som inte kan sparas i textfilen och lästes inte in.',
  },
  'texts.config.no-folder': {
    severity: 'error',
    text: 'Konfigurationen {file} anger ingen mapp för texter. Lägg till "narrative: berattelser"; generate läser texterna därifrån och texts import skriver dit.',
  },
  'generate.report-edited': {
    severity: 'error',
    text: 'Rapporten {file} har ändrats efter att den skapades ({what}) och skrivs inte över, så att ingen text går förlorad. Läs in texterna med rapport texts import "{file}" --period {period} och kör generate igen, eller skriv över rapporten med --overwrite.',
  },
  'generate.report-unknown': {
    severity: 'error',
    text: 'Filen {file} finns redan men saknar rapports uppgifter om när den skapades (den är gjord för hand eller av en äldre version), så det går inte att se om någon har skrivit i den. Den skrivs inte över. Flytta den, eller skriv över den med --overwrite.',
  },
} as const satisfies Catalogue;
