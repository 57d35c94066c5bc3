import type { Catalogue } from './catalogue.js';

/**
 * `rapport init --from MAPP`: what the look at a folder of exports found and what it leaves for the user to decide.
 * Every guess is either certain from the data or one of these "kontrollera" lines.
 */
export const setupMessages = {
  'setup.no-folder': { severity: 'error', text: 'Mappen {folder} finns inte eller är ingen mapp. Ange mappen med regionens exporter efter --from.' },
  'setup.config-exists': { severity: 'error', text: '{file} finns redan. Använd --force för att skriva över den.' },
  'setup.config-unwritable': { severity: 'error', text: '{file} gick inte att skriva: {detail}' },
  'setup.no-exports': { severity: 'error', text: 'Mappen {folder} innehåller inga exporter (.csv, .txt, .xlsx). Lägg exporterna där och kör igen.' },
  'setup.no-header': { severity: 'warning', text: 'Ingen rubrikrad hittades bland de första 30 raderna, så filen kunde inte placeras. Kontrollera att filen är en tabell med en rad kolumnrubriker.' },
  'setup.read-problems': { severity: 'warning', text: 'Filen kunde inte läsas helt: {count} problem ({codes}). Detaljerna visas inte här eftersom filen kan innehålla personuppgifter; rapport validate visar dem när filen finns i konfigurationen.' },
  'setup.file-unplaced': { severity: 'warning', text: 'Filen kunde inte placeras: rubrikerna ({headers}) liknar ingen export som rapport känner igen. Lägg till den i konfigurationen för hand om den behövs.' },
  'setup.duplicate-role': { severity: 'warning', text: 'Filen ser också ut som {role}, men {used} används. Kontrollera att rätt fil är vald (sources i konfigurationen).' },
  'setup.role-missing': { severity: 'error', text: 'Ingen fil i mappen ser ut som {role}. Lägg exporten i mappen och kör igen, eller ange filen i {path} för hand.' },
  'setup.role-absent': { severity: 'info', text: 'Ingen fil ser ut som {role}; {what} utelämnas ur konfigurationen.' },
  'setup.column-check': { severity: 'warning', text: 'Kontrollera: kolumnen "{header}" tolkades som {label} ({basis}). Rätta {path} om det är fel.' },
  'setup.setting-check': { severity: 'warning', text: 'Kontrollera {path}: {detail}' },
  'setup.levels-not-nested': { severity: 'warning', text: 'Kontrollera organisationsnivåerna: "{value}" på nivån {lower} hör till flera på nivån {upper} ({parents}). Nivåerna ska vara ordnade lägst först i sources.organisation.columns.levels.' },
} as const satisfies Catalogue;
