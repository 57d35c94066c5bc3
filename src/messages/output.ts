import type { Catalogue } from './catalogue.js';

/**
 * Publishing a run's set of reports (io/publish-set.ts) and the archive of published figures (pipeline/archive.ts).
 * A failure to publish always leaves the previous set as it was; the texts say so, in Swedish, without the
 * operating system's English error line.
 */
export const outputMessages = {
  'output.locked-by-run': { severity: 'error', text: 'En annan körning av rapport (process {pid}, startad {started}) publicerar redan till mappen {dir}. Vänta tills den är klar och kör sedan igen.' },
  'output.file-locked': { severity: 'error', text: 'Mappen {dir} eller en fil i den är låst (öppen i ett annat program, t.ex. Word eller Utforskaren?). Stäng filen och kör igen; tidigare rapporter är orörda.' },
  'output.disk-full': { severity: 'error', text: 'Disken är full: rapporterna kunde inte skrivas till {dir}. Frigör utrymme på disken och kör igen; tidigare rapporter är orörda.' },
  'output.read-only': { severity: 'error', text: 'Rapporterna kan inte skrivas till {dir}: mappen är skrivskyddad eller du saknar skrivbehörighet. Be om skrivbehörighet eller välj en annan mapp med --out; tidigare rapporter är orörda.' },
  'output.write-failed': { severity: 'error', text: 'Rapporterna kunde inte skrivas till {dir} (felkod {errno}). Kontrollera disken eller nätverksmappen och kör igen; tidigare rapporter är orörda.' },
  'output.dir-holds-inputs': { severity: 'error', text: 'Utmappen {dir} innehåller {what}. Rapporterna publiceras genom att hela utmappen byts ut; ange en egen mapp för rapporterna, t.ex. --out rapporter.' },
  'output.not-a-folder': { severity: 'error', text: 'Utmappen {dir} är en fil, inte en mapp. Ta bort filen eller välj en annan mapp med --out.' },
  'output.archive-unreadable': { severity: 'warning', text: 'Arkivet över tidigare publicerade siffror ({file}) har en rad som inte går att läsa (rad {line}); raden hoppas över och jämförelsen med tidigare rapporter blir ofullständig.' },
  'output.closed-period-changed': { severity: 'warning', text: '{unit}, "{row}", {period}: {measure} är nu {now} kr men var {then} kr i rapporten som publicerades {published}. En stängd period har ändrats; kontrollera att omräkningen är avsiktlig och nämn den i rapporten.' },
} as const satisfies Catalogue;
