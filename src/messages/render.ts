import type { Catalogue } from './catalogue.js';

/** Rendering (Word, Excel, PDF) and the accessibility check of Word files. */
export const renderMessages = {
  'render.narrative.missing-final': {
    severity: 'error',
    text: 'Texten till avsnitt {section} saknas ({key}) och krävs i slutversionen. Skriv texten i narrativmappen, eller skapa ett utkast utan --final.',
  },
  'render.pdf.libreoffice-missing': {
    severity: 'error',
    text: 'LibreOffice hittades inte, så Word-filen kan inte göras om till PDF. Installera LibreOffice: på Debian/Ubuntu med "sudo apt-get install libreoffice-writer-nogui", på andra system från https://www.libreoffice.org/download/. Ligger programmet utanför PATH, ange sökvägen till soffice i miljövariabeln RAPPORT_SOFFICE.',
  },
  'render.pdf.failed': {
    severity: 'error',
    text: 'LibreOffice kunde inte göra om {file} till PDF (slutkod {code}). {detail}',
  },
  'render.pdf.timeout': {
    severity: 'error',
    text: 'LibreOffice blev inte klar med {file} inom {seconds} sekunder och avbröts. Försök igen när datorn är mindre belastad; stora rapporter tar längre tid.',
  },
  'render.pdf.no-output': {
    severity: 'error',
    text: 'LibreOffice avslutades utan att skriva någon PDF för {file}. {detail}',
  },

  'a11y.file.unreadable': {
    severity: 'error',
    text: 'Filen går inte att läsa som Word-dokument (.docx): {detail}',
  },
  'a11y.language.missing': {
    severity: 'error',
    text: 'Dokumentet saknar angivet språk. Ange svenska (sv-SE) som standardspråk (Granska → Språk → Ange korrekturspråk → Svenska → Standard) så att skärmläsare läser texten med svenskt uttal.',
  },
  'a11y.language.not-swedish': {
    severity: 'warning',
    text: 'Dokumentets standardspråk är {lang}, inte svenska (sv-SE). Ändra standardspråket om texten är på svenska.',
  },
  'a11y.title.missing': {
    severity: 'error',
    text: 'Dokumentet saknar titel i dokumentegenskaperna. Ange en titel (Arkiv → Info → Egenskaper → Rubrik); skärmläsare och webbläsare visar den.',
  },
  'a11y.heading.none': {
    severity: 'warning',
    text: 'Dokumentet har inga rubriker med rubrikformat. Använd formatmallarna Rubrik 1–3 så att läsaren kan navigera i texten.',
  },
  'a11y.heading.jump': {
    severity: 'error',
    text: 'Rubriknivån hoppar från {from} till {to} vid "{text}". Rubriker ska följa varandra utan hopp (Rubrik 1 → Rubrik 2 → Rubrik 3).',
  },
  'a11y.heading.empty': {
    severity: 'warning',
    text: 'En tom rubrik (nivå {level}) finns i dokumentet. Ta bort den eller skriv en rubriktext.',
  },
  'a11y.image.alt-missing': {
    severity: 'error',
    text: 'Bilden "{name}" saknar alternativtext. Högerklicka på bilden → Redigera alternativtext och beskriv vad den visar, eller markera den som dekorativ.',
  },
  'a11y.chart.alt-missing': {
    severity: 'error',
    text: 'Diagrammet "{name}" saknar alternativtext. Beskriv vad diagrammet visar och dess huvudbudskap (Redigera alternativtext).',
  },
  'a11y.table.header-missing': {
    severity: 'error',
    text: 'Tabellen som börjar med "{text}" saknar rubrikrad. Markera första raden och välj Tabellegenskaper → Rad → "Upprepa som rubrikrad överst på varje sida".',
  },
  'a11y.status.colour-only': {
    severity: 'error',
    text: 'Status i "{context}" visas bara med färg ({color}). Lägg till en symbol och ett ord, t.ex. "● Uppfylls helt".',
  },
  'a11y.contrast.low': {
    severity: 'error',
    text: 'Texten "{text}" har för låg kontrast, {ratio}:1 (färg #{fg} mot #{bg}); kravet är minst {required}:1. Välj en mörkare textfärg eller en ljusare bakgrund.',
  },
} as const satisfies Catalogue;
