import type { Catalogue } from './catalogue.js';

/**
 * Reading files: finding them, decoding bytes, CSV structure and Excel workbooks. The location (file, blad, rad,
 * kolumn) is carried by the diagnostic and printed before the text; the texts name the raw value and the remedy.
 */
export const ioMessages = {
  // --- files -------------------------------------------------------------------------------------------------
  'io.file-not-found': { severity: 'error', text: 'Filen {file} finns inte (sökväg {path}). Kontrollera sökvägen; i konfigurationen räknas den från konfigurationsfilens mapp.' },
  'io.file-unreadable': { severity: 'error', text: 'Filen {file} går inte att läsa: {detail}. Kontrollera att filen inte är låst och att du har läsbehörighet.' },
  'io.not-a-file': { severity: 'error', text: '{file} är en mapp, inte en fil. Ange sökvägen till själva filen (exporten, konfigurationen eller layouten).' },
  'io.file-too-large': { severity: 'error', text: 'Filen är {size} byte, mer än gränsen {limit} byte. Dela upp exporten (t.ex. per år) eller kontrollera att rätt fil används.' },
  'io.not-regular-file': { severity: 'error', text: '{file} är {kind}, inte en vanlig fil, och läses inte (läsningen skulle kunna vänta för alltid). Ange sökvägen till själva filen (exporten, konfigurationen eller layouten).' },
  'io.symlink-loop': { severity: 'error', text: 'Sökvägen {file} går inte att öppna: symboliska länkar i den pekar på varandra i en slinga (eller är för många i rad). Ange sökvägen till själva filen.' },
  'io.permission-denied': { severity: 'error', text: 'Du saknar behörighet att läsa {file}. Be om läsbehörighet till filen och mappen den ligger i, eller kopiera filen till en mapp du kommer åt.' },
  'io.empty-file': { severity: 'error', text: 'Filen är tom (ingen data). Exportera filen på nytt.' },

  // --- decoding ----------------------------------------------------------------------------------------------
  'io.xlsx-as-csv': { severity: 'error', text: 'Filen är en Excel-arbetsbok (XLSX), inte en textfil (CSV), fast den heter "{file}". Byt filändelse till .xlsx eller ange format: xlsx för källan.' },
  'io.legacy-xls': { severity: 'error', text: 'Filformatet stöds inte: filen är en äldre Excel-fil (.xls) eller en lösenordsskyddad arbetsbok. Öppna den i Excel, ta bort ett eventuellt lösenord och spara som .xlsx.' },
  'io.not-a-workbook': { severity: 'error', text: 'Filen "{file}" är ingen Excel-arbetsbok (XLSX) fast källan anger det. Kontrollera filen eller ange format: csv.' },
  'io.decoded-windows-1252': { severity: 'warning', text: 'Filen är inte giltig UTF-8 och avkodades som windows-1252 (första icke-UTF-8-tecknet på rad {line}, {byte}). Ange encoding: windows-1252 för källan för att bekräfta, eller spara filen som UTF-8.' },
  'io.invalid-utf8': { severity: 'error', text: 'Filen är inte giltig UTF-8: bytevärdet {byte} på rad {line} går inte att avkoda. Filen är troligen sparad som windows-1252 – ange encoding: windows-1252 (eller auto) för källan, eller spara filen som UTF-8.' },
  'io.bom-overrides-encoding': { severity: 'warning', text: 'Filen börjar med en byte-ordningsmarkering för {actual} men källan anger encoding: {declared}. Filen avkodades som {actual}; rätta inställningen.' },
  'io.invalid-utf16': { severity: 'error', text: 'Filen är märkt som {encoding} men innehåller ogiltiga tecken. Spara filen på nytt som UTF-8 (CSV UTF-8 i Excel).' },
  'io.undefined-byte': { severity: 'error', text: 'Filen innehåller bytevärdet {byte} på rad {line}, som inte finns i windows-1252. Filen har en okänd teckenkodning; spara den som UTF-8.' },
  'io.binary-content': { severity: 'error', text: 'Filen innehåller NUL-tecken (rad {line}) och är inte en textfil i en kodning som stöds (den kan vara UTF-16 utan byte-ordningsmarkering eller en binärfil). Spara som CSV UTF-8.' },
  'io.mojibake': { severity: 'error', text: 'Filen verkar dubbelkodad (mojibake): "{excerpt}" på rad {line} ser ut som UTF-8 som avkodats som windows-1252 och sparats igen (t.ex. "Ã¶" i stället för "ö"). Exportera filen på nytt från källsystemet eller kontrollera inställningen encoding för källan.' },

  // --- CSV structure -----------------------------------------------------------------------------------------
  'csv.quote-not-closed': { severity: 'error', text: 'Ett citattecken som öppnas på rad {openLine} ("{value}") stängs aldrig; filen tar slut på rad {endLine}. Lägg till det avslutande citattecknet (") eller ta bort det inledande.' },
  'csv.invalid-opening-quote': { severity: 'error', text: 'Citattecken mitt i ett fält som inte är citerat: "{value}". Citera hela fältet ("AB ""Bolag"" AB") eller ta bort citattecknen.' },
  'csv.invalid-closing-quote': { severity: 'error', text: 'Text efter ett avslutande citattecken i fältet: "{value}". Citera hela fältet och dubblera inre citattecken ("").' },
  'csv.max-record-size': { severity: 'error', text: 'En post som börjar på rad {line} ("{value}") är längre än {limit} tecken; troligen ett citattecken som aldrig stängs. Kontrollera citattecknen från den raden.' },
  'csv.parse-error': { severity: 'error', text: 'Filen går inte att läsa som CSV ({code}): {detail}.' },
  'csv.too-many-errors': { severity: 'error', text: 'Läsningen avbröts efter {count} strukturfel; rätta felen ovan och kör igen.' },

  // --- Excel workbooks ---------------------------------------------------------------------------------------
  'xlsx.corrupt': { severity: 'error', text: 'Arbetsboken är skadad eller avkortad och går inte att läsa ({detail}). Spara den på nytt i Excel eller exportera igen.' },
  'xlsx.unsafe': { severity: 'error', text: 'Arbetsboken avvisades före läsning: {detail}. Filen är onormalt stor eller konstruerad; spara om den i Excel eller exportera som CSV.' },
  'xlsx.timeout': { severity: 'error', text: 'Arbetsboken tog längre än {seconds} sekunder att läsa och avbröts. Spara om den som CSV eller dela upp den.' },
  'xlsx.resource-limit': { severity: 'error', text: 'Arbetsboken krävde mer minne än tillåtet ({limit} MB) och avbröts. Spara om den som CSV eller dela upp den.' },
  'xlsx.sheet-not-found': { severity: 'error', text: 'Bladet "{sheet}" finns inte i arbetsboken. Blad som finns: {sheets}. Rätta inställningen sheet för källan.' },
  'xlsx.sheet-ambiguous': { severity: 'error', text: 'Arbetsboken har flera blad ({sheets}) och källan anger inget. Ange vilket blad som ska läsas med inställningen sheet.' },
  'xlsx.no-sheets': { severity: 'error', text: 'Arbetsboken innehåller inga kalkylblad.' },
  'xlsx.formula-without-result': { severity: 'error', text: 'Cellen {address} innehåller formeln ={formula} men inget sparat resultat. Öppna filen i Excel, räkna om och spara, eller klistra in värden.' },
  'xlsx.error-cell': { severity: 'error', text: 'Cellen {address} innehåller felvärdet {value}. Rätta formeln i Excel och spara på nytt.' },
  'xlsx.unsupported-cell': { severity: 'error', text: 'Cellen {address} har ett innehåll som inte kan läsas som text eller tal. Klistra in värden i cellen och spara på nytt.' },
  'xlsx.hidden-rows': { severity: 'warning', text: '{count} dolda rader (t.ex. rad {example}) har lästs med; summor som syns i Excel kan skilja sig från det som läses. Ta fram raderna i Excel för att kontrollera.' },
  'xlsx.autofilter': { severity: 'warning', text: 'Bladet har ett aktivt autofilter; alla rader läses, även de som filtret döljer.' },
  'xlsx.hidden-sheet': { severity: 'warning', text: 'Bladet "{sheet}" är dolt i arbetsboken men läses eftersom källan anger det.' },
  'xlsx.number-as-text': { severity: 'warning', text: '{count} belopp i kolumnen {column} är sparade som text i Excel (t.ex. "{example}" på rad {exampleRow}) och tolkades med svenska talregler. Formatera kolumnen som tal i Excel.' },
} as const satisfies Catalogue;
