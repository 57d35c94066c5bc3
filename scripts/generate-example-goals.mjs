#!/usr/bin/env node
// Generates the goal follow-up export of the synthetic example region "Region Exempel" in
// fixtures/region-exempel/mal/, shaped like a Stratsys export:
//
//   mal.xlsx                 sheets Mål, Indikatorer, Uppdrag, Åtgärder, Projekt, Intern kontroll (as of August 2024)
//   indikatorer-2024-04.csv  the indicator export delivered for the April report (Windows-1252, `;`, CRLF): used to
//                            check that indicator ids are stable — one indicator has been renamed since.
//
// Content is fictional but plausible (after seeds 001–003): 7 regionmål, 17 delmål, 25 indicators of different kinds
// and occasions, 8 uppdrag, 10 åtgärder, 10 projects and 4 internal-control items, with every status, a missing
// measurement, lower-is-better indicators and an overdue uppdrag. Expected result per augusti 2024 (default rules):
// 11 of 17 delmål assessed — 6 helt, 3 delvis, 2 inte; 18 of 25 indicators due — 9 helt, 5 delvis, 3 inte, 1 inga data.
//
// Deterministic: no randomness; workbook dates are fixed and the zip entries' timestamps are set to a fixed date, so
// re-running gives byte-identical files.
//
// Usage: node scripts/generate-example-goals.mjs [--out DIR] [--quiet]

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXED_DATE = new Date(Date.UTC(2024, 8, 2, 8, 0, 0)); // 2024-09-02, when the August export was taken

// ---------------------------------------------------------------------------------------------------------------
// Goals: [id, regionmål, delmål, person's assessment, analysis]

const TOP = [
  'Mål 1. Trygga uppväxtvillkor',
  'Mål 2. Goda levnadsvillkor',
  'Mål 3. Ett attraktivt och hållbart län',
  'Mål 4. Tillgänglig vård med god kvalitet och kontinuitet',
  'Mål 5. Goda arbetsplatser och attraktiva arbetsgivare',
  'Mål 6. En hållbar miljö- och klimatregion',
  'Mål 7. Stärkt forskning, utbildning och innovation',
];

const GOALS = [
  ['D01', 0, 'Utveckla strukturerade arbetssätt för att arbeta utifrån ett barnrättsperspektiv inom regionstyrelsens verksamheter', '',
    'Utifrån åtgärdsplanen har arbetet påbörjats med en översyn av styrande dokument och en utbildning i barnrätt för chefer.'],
  ['D02', 0, 'Regionstyrelsen förstärker den egna verksamhetens förmåga till civil beredskap', 'Mål kommer helt uppfyllas',
    'Prioriterade aktiviteter i regionens plan för förmågeutveckling inom civil beredskap pågår enligt plan. Kontinuitetsplaner är uppdaterade i nio av tio verksamheter och arbetet med lagernivåer för förbrukningsmateriel har gått in i genomförandefasen.'],
  ['D03', 1, 'Tillsammans med övriga förvaltningar öka effektivitet och framdrift i vår samverkan med kommunerna', '',
    'En översyn av hur ärenden lyfts i samverkansstrukturen mellan förvaltningarna har påbörjats.'],
  ['D04', 1, 'Öka kommunernas kompetens kring hälsoundersökningar inom LSS', '',
    'Elva av länets kommuner har fått information om arbetssättet att erbjuda hälsoundersökningar inom LSS-boenden, och fyra yrkesgrupper har utbildats.'],
  ['D05', 1, 'Stärka kommunikationen om arbetsgivarerbjudandet och regionens samlade uppdrag', '',
    'Ett medarbetarerbjudande för rekrytering är framtaget och finns på intranätet. Användningen i rekryteringar ökar men når ännu inte målnivån.'],
  ['D06', 2, 'Utveckla arbetssätt för digitala kallelser med patientinformation i 1177', '',
    'Arbetet påverkas av förseningen av det nya vårdinformationssystemet. Styrgruppen har prioriterat primärvårdens standardiserade bilagor; andelen digitala kallelser ökar men långsammare än planerat.'],
  ['D07', 2, 'Öka användningen av klarspråk', '',
    'Tre utbildningstillfällen i klarspråk har genomförts under våren och en digital självstudieutbildning publicerades i juni.'],
  ['D08', 2, 'Gemensam verksamhetsstyrning är tydliggjord, förankrad och implementering pågår', '',
    'Inriktningen för den gemensamma styrningen har presenterats i förvaltningarnas arbetsutskott. Kartläggning av befintliga styrsystem har startat.'],
  ['D09', 2, 'Förbättrad tillgänglighet och delaktighet genom användarvänliga digitala tjänster', 'Mål kommer helt uppfyllas',
    'Indikatorerna följer prognosen för perioden. Inloggningarna i 1177 ligger något under målvärdet men ökar varje månad, och bedömningen är att målet nås vid årets slut.'],
  ['D10', 2, 'Ökad effekthemtagning på beslutade initiativ i utvecklingsportföljen', 'Mål kommer delvis uppfyllas',
    'Utvecklingsportföljen har redovisat finansiella nyttor på 13 miljoner kronor till och med augusti, vilket är under målsättningen för året. Effekten av initiativet "Externa beställningar och svar" har inte kunnat värderas.'],
  ['D11', 3, 'Kortare ledtider för IT-stöd till vården', '',
    'Leveranstiden för standardutrustning har minskat till tre dagar och andelen fel som löses inom tre arbetsdagar ligger över målvärdet.'],
  ['D12', 4, 'Våra chefers förutsättningar att leda är stärkta', '',
    'Arbetet är långsiktigt och fortsätter under hösten. En fördjupad analys av chefernas resultat i medarbetarundersökningen är genomförd.'],
  ['D13', 4, 'Utifrån ett hälsofrämjande perspektiv bedrivs ett aktivt systematiskt arbetsmiljöarbete på våra arbetsplatser', '',
    'Handlingsplanen för ett hälsofrämjande arbetsmiljöarbete är framtagen i en partsgemensam arbetsgrupp. Sjukfrånvaron ligger något över fjolårets nivå.'],
  ['D14', 5, 'Vår verksamhet minskar energianvändning och klimatpåverkan', '',
    'Energianvändningen i egna lokaler minskar, men tjänsteresorna med flyg har ökat efter pandemin. En rutin för klimatsmarta inköp är framtagen.'],
  ['D15', 5, 'Tydliggjorda kopplingar till Agenda 2030 i verksamhetsaktiviteter', '', ''],
  ['D16', 6, 'Vi är ledande inom forskning om medicinsk teknik och strålningsfysik', '',
    'Ingen analys utförd för tertial 2 då utfallet följs och analyseras årsvis.'],
  ['D17', 6, 'Fler verksamhetsförlagda utbildningsplatser för vårdens yrkesgrupper', '',
    'Antalet VFU-platser har ökat genom samarbetet med lärosätena i regionen.'],
];

// ---------------------------------------------------------------------------------------------------------------
// Indicators: [id, delmål, name, unit, direction, target, occasions, { period: outcome }, assessment, analysis]
// An outcome is a number, a text (qualitative) or null (blank cell: the missing measurement).

const INDICATORS = [
  ['I01', 'D01', 'Strukturerade arbetssätt är framtagna och redo att implementeras', '', '', 'Arbetssätt framtaget', 'Å', {}, '', ''],
  ['I02', 'D02', 'Andel verksamheter med uppdaterad kontinuitetsplan', '%', 'Högre är bättre', 90, 'D1, D2, Å', { 202404: 62, 202408: 91 }, '', ''],
  ['I03', 'D03', 'Antal gemensamma ärenden i samverkansstrukturen', 'antal', 'Högre är bättre', 12, 'Å', {}, '', ''],
  ['I04', 'D04', 'Antal kommuner som fått information om arbetssättet', 'antal', 'Högre är bättre', 10, 'D2, Å', { 202408: 11 }, '', ''],
  ['I05', 'D04', 'Antal utbildade yrkesgrupper', 'antal', 'Högre är bättre', 4, 'D2, Å', { 202408: 4 }, '', ''],
  ['I06', 'D05', 'Andel rekryteringar som använder medarbetarerbjudandet', '%', 'Högre är bättre', 'minst 60 %', 'D2, Å', { 202408: 51 }, '', ''],
  ['I07', 'D06', 'Andel kallelser som skickas digitalt', '%', 'Högre är bättre', 50, 'D1, D2, Å', { 202404: 31, 202408: 38 }, '', ''],
  ['I08', 'D07', 'En digital utbildning i klarspråk för medarbetare och chefer är utvecklad', '', '', 'Utbildningen är publicerad', 'D2, Å',
    { 202408: 'Publicerad i juni' }, 'Uppfylls helt', ''],
  ['I09', 'D08', 'Verksamhetsstyrningen är tydliggjord, förankrad och implementering pågår', '', '', 'Implementering pågår', 'Å', {}, '', ''],
  ['I10', 'D09', 'Antal digitala vårdbesök', 'antal', 'Högre är bättre', 24000, 'D1, D2, Å', { 202404: 11840, 202408: 26150 }, '', ''],
  ['I11', 'D09', 'Antal inloggningar per invånare i 1177', 'antal', 'Högre är bättre', 9, 'D2, Å', { 202408: 8.1 }, '', ''],
  ['I12', 'D09', 'Andel ärenden som görs via självservice', '%', 'Högre är bättre', '> 40 %', 'D2, Å', { 202408: 44.5 }, '', ''],
  ['I13', 'D10', 'Finansiella nyttor i utvecklingsportföljen', 'mnkr', 'Högre är bättre', 20, 'D1, D2, Å', { 202404: 6.5, 202408: 13 }, '', ''],
  ['I14', 'D11', 'Leveranstid av standardutrustning', 'dagar', 'Lägre är bättre', '< 5', 'D1, D2, Å', { 202404: 4, 202408: 3 }, '', ''],
  ['I15', 'D11', 'Andel fel lösta inom 3 arbetsdagar', '%', 'Högre är bättre', '> 90%', 'D1, D2, Å', { 202404: 91.2, 202408: 93.8 }, '', ''],
  ['I16', 'D11', 'NKI (Nöjd kund-index)', 'index', 'Högre är bättre', 73, 'Å', {}, '', ''],
  ['I17', 'D12', 'HME (hållbart medarbetarengagemang)', 'index', 'Högre är bättre', 80, 'Å', {}, '', ''],
  ['I18', 'D13', 'Sjukfrånvaro', '%', 'Lägre är bättre', 'Behålla (4,7 % helår 2023)', 'M, D, Å',
    { 202401: 5.6, 202402: 5.9, 202403: 5.2, 202404: 4.8, 202405: 4.6, 202406: 4.3, 202407: 5.0 }, '',
    'Sjukfrånvaron redovisas med en månads eftersläpning; utfallet avser juli.'],
  ['I19', 'D13', 'Personalomsättning', '%', 'Lägre är bättre', 11, 'D1, D2, Å', { 202404: 10.4, 202408: 11.15 }, '', ''],
  ['I20', 'D13', 'Antal rapporterade tillbud', 'antal', 'Högre är bättre', 40, 'D1, D2, Å', { 202404: 12, 202408: null }, '', ''],
  ['I21', 'D14', 'Energianvändning i egna lokaler', 'kWh/m²', 'Lägre är bättre', 150, 'D2, Å', { 202408: 171 }, '', ''],
  ['I22', 'D14', 'Tjänsteresor med flyg', 'antal', 'Lägre är bättre', 400, 'D1, D2, Å', { 202404: 310, 202408: 720 }, '', ''],
  ['I23', 'D15', 'Andel verksamhetsaktiviteter med koppling till de globala målen', '%', 'Högre är bättre', 75, 'Å', {}, '', ''],
  ['I24', 'D16', 'Antal vetenskapliga publikationer', 'antal', 'Högre är bättre', 120, 'Å', {}, '', ''],
  ['I25', 'D17', 'Antal VFU-platser', 'antal', 'Högre är bättre', 300, 'D2, Å', { 202408: 312 }, '', ''],
];

/** The April export named I15 differently: the reader flags the rename (same id, new name). */
const APRIL_NAMES = { I15: 'Andel uppkomna fel lösta inom 3 arbetsdagar' };

// ---------------------------------------------------------------------------------------------------------------
// Uppdrag: [id, text, riktas till, från, status, analys, periodicitet, slutdatum]

const UPPDRAG = [
  ['U1', 'Formalisera arbetet med att minska hyrberoendet', 'Hälso- och sjukvårdsnämnden och regionstyrelsen', 'Fullmäktige', 'Pågående',
    'Aktiviteterna samordnas i regionala nätverk för upphandling och HR. Statistik över inhyrd tid och kostnader rapporteras varje månad till arbetsutskottet.',
    'Tertial: aug, dec', '2024-12-31'],
  ['U2', 'Ta fram förslag på samordnade administrativa funktioner mellan förvaltningarna', 'Regionstyrelsen', 'Fullmäktige', 'Pågående',
    'Förslagen har bedömts av centrala ledningsgruppen; ett förslag om cirkulär hantering av möbler är beslutat. Uppdragsdirektivet är under revidering och slutdatumet har passerats.',
    'Tertial: aug, dec', '2024-06-30'],
  ['U3', 'Minska tjänsteresandet med 15 procent jämfört med år 2023', 'Alla nämnder och styrelser', 'Fullmäktige', 'Pågående',
    'Resandet följs upp per förvaltning. Tågresorna har ökat medan flygresorna ännu ligger över fjolårets nivå.',
    'Tertial: aug, dec', '2024-12-31'],
  ['U4', 'Utreda en gemensam växelfunktion för regionens sjukhus', 'Regionstyrelsen', 'Fullmäktige', 'Klar',
    'Utredningen är klar och överlämnad till regionstyrelsen i maj.', 'Tertial: aug', '2024-05-31'],
  ['U5', 'Utreda och föreslå ett system för arbetsskor till regionens vårdpersonal', 'Regionstyrelsens förvaltning', 'Nämnd', 'Pågående',
    'Ett utkast till underlag är framtaget. Dialog sker nu i centrala samverkansgruppen.', 'Tertial: aug, dec', '2024-08-31'],
  ['U6', 'Mäta hur stor andel av maten vi köper in som är närproducerad', 'Regionstyrelsens förvaltning', 'Nämnd', 'Ej påbörjad',
    'Arbetet startar när den nya livsmedelsupphandlingen är klar under hösten.', 'Tertial: dec', '2024-12-31'],
  ['U7', 'Ta fram en plan för minskad pappersanvändning i administrationen', 'Regionstyrelsens förvaltning', 'Nämnd', 'Avbruten',
    'Uppdraget har avbrutits och ingår i stället i arbetet med digitala kallelser.', 'Tertial: aug', '2024-10-31'],
  ['U8', 'Bereda strategi för folkhälsa och funktionsrätt för fastställande i fullmäktige', 'Beredning för folkhälsa', 'Nämnd till beredning folkhälsa', 'Klar',
    'Strategin har varit på remiss internt och externt och skickas nu för beredning inför beslut i fullmäktige hösten 2024.',
    'Tertial: aug, dec', '2024-08-31'],
];

// ---------------------------------------------------------------------------------------------------------------
// Åtgärder: [nr, text, målområde, tidplan, status, kommentar]

const MEASURES = [
  ['7', 'Bidra till hälsofrämjande insatser genom digitala lösningar för invånarnas kontakt med vården', 'Ett välmående län', '2024', 'Pågår', 'Chattfunktion införd i två vårdcentraler.'],
  ['13', 'Verka för ett effektivt informationsutbyte med externa samarbetspartner', 'Ett nyskapande län', '2024-2026', 'Pågår', ''],
  ['14', 'Prioritera utbildning, forskning och innovation i utvecklingsarbetet', 'Ett nyskapande län', '2024-2026', 'Pågår', 'Ingår i strategin för digitalisering.'],
  ['15', 'Säkerställa att målen i riktade statsbidrag uppnås', 'En effektiv verksamhet av god kvalitet', '2024', 'Pågår', 'Följs löpande upp i portföljutskottet.'],
  ['19', 'Färdigställa sammanhållen journal med länets kommuner', 'En effektiv verksamhet av god kvalitet', 'Q2-2024', 'Pågår',
    'Sju av tio kommuner är anslutna; de tre återstående planeras till första kvartalet 2025.'],
  ['20', 'Ta fram förslag på tjänster som lämpar sig för upphandling enligt LOU', 'En effektiv verksamhet av god kvalitet', 'Q4-2024', 'Ej påbörjad', ''],
  ['25', 'Leda arbetet med att bli certifieringsbara enligt ISO 27001', 'En effektiv verksamhet av god kvalitet', '2024', 'Pågår', 'Gapanalys genomförd.'],
  ['27', 'Slutföra implementeringen av digitala kallelser', 'En effektiv verksamhet av god kvalitet', '2024-2025', 'Pågår', ''],
  ['28', 'Bredda införandet av taligenkänning i hälso- och sjukvården', 'En effektiv verksamhet av god kvalitet', 'Q1-2024', 'Klar', 'Införd på samtliga sjukhus.'],
  ['36', 'Fortsätta satsningen på kompetensutveckling, ledarskap och hälsoteam', 'Stolta och engagerade medarbetare', '2024', 'Pågår', ''],
];

// ---------------------------------------------------------------------------------------------------------------
// Projects: [prio, name, owner, tid, resurs, kvalitet, kommentar]

const PROJECTS = [
  [1, 'Sammanhållen journal kommuner', 'Anna K/Per L', 'Grön', 'Grön', 'Grön', 'Sju av tio kommuner anslutna.'],
  [2, 'Obligatorisk inloggning med tjänstekort', 'Anna K/Per L', 'Grön', 'Gul', 'Grön', 'Resursbrist under sommaren.'],
  [3, 'Egentriagering och chatt', 'Johan E/Sofia S', 'Gul', 'Grön', 'Grön', 'Leverantören är försenad två veckor.'],
  [4, 'Ersättande system för cytostatikaordination', 'Helena B/Åsa M', 'Röd', 'Gul', 'Grön', 'Ny tidplan tas fram med leverantören.'],
  [5, 'Vårdplatsöversikt', 'Lisa N/Marie Ö', 'Grön', 'Grön', 'Grön', ''],
  [6, 'Översyn av behörigheter i vårdinformationssystemet', 'Johan C/Maria B', 'Grön', 'Grön', 'Gul', 'Fler roller än beräknat behöver ses över.'],
  [7, 'Breddinförande av realtidsdokumentation', 'Johan E/Maria B', 'Grön', 'Grön', 'Grön', ''],
  [8, 'Direktöverföring till kvalitetsregister', 'Kristofer P/Karin L', 'Gul', 'Gul', 'Grön', 'Två av fem register klara.'],
  [9, 'HPV-självprov', 'Maria M/Jenny W', 'Grön', 'Grön', 'Grön', ''],
  [10, 'Digitalt stöd för vuxenpsykiatrin, pilot', 'Henrik D/Jenny W', '', '', '', 'Uppstart planeras till tredje kvartalet.'],
];

// ---------------------------------------------------------------------------------------------------------------
// Intern kontroll: [granskningsområde, regelverk, metod, resultat, åtgärder, status]

const CONTROLS = [
  ['Kontroll av löneutbetalningar', 'Instruktioner för attest', 'Genomgång av utanordningslistan i Heroma och kontroll av att den signerats av ansvarig chef',
    'Totalt 9 av 11 underlag var signerade.', 'Information till de chefer som missat signering.', 'Delvis uppfyllt'],
  ['Inköp enligt upphandlade avtal', 'Inköpspolicy', 'Stickprov på inköp hos annan än upphandlad leverantör',
    'Av 30 inköp har 30 skett hos upphandlad leverantör eller genom tillåten direktupphandling.', '', 'Uppfyllt'],
  ['Grundläggande utbildning i informationssäkerhet', 'Informationssäkerhetspolicy', 'Kontroll i kompetensportalen',
    'Samtliga medarbetare utom tre har genomgått utbildningen.', 'De tre som återstår går utbildningen under september.', 'Uppfyllt'],
  ['Kommunikation vid driftstörning i de digitala kanalerna', 'Kommunikationspolicy och regional kris- och katastrofplan', 'Scenarioövning och stickprov',
    'Brister har påvisats generellt; rutinerna för analog kommunikation är inte kända i verksamheterna.',
    'Särskilda anslagstavlor sätts upp på sjukhusen och en kriswebb tas fram.', 'Ej uppfyllt'],
];

// ---------------------------------------------------------------------------------------------------------------
// Writing

/**
 * exceljs (through JSZip) stamps every zip entry with the current time. The DOS time and date sit at fixed offsets in
 * each local header and central-directory entry, outside every checksum, so we overwrite them in place.
 */
function fixZipTimestamps(buf, date) {
  const dosTime = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2);
  const dosDate = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  const view = Buffer.from(buf);
  let eocd = -1;
  for (let i = view.length - 22; i >= 0; i--) {
    if (view.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error('ingen zip-katalog');
  const entries = view.readUInt16LE(eocd + 10);
  let p = view.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (view.readUInt32LE(p) !== 0x02014b50) throw new Error('trasig zip-katalog');
    view.writeUInt16LE(dosTime, p + 12);
    view.writeUInt16LE(dosDate, p + 14);
    const local = view.readUInt32LE(p + 42);
    if (view.readUInt32LE(local) !== 0x04034b50) throw new Error('trasigt zip-huvud');
    view.writeUInt16LE(dosTime, local + 10);
    view.writeUInt16LE(dosDate, local + 12);
    p += 46 + view.readUInt16LE(p + 28) + view.readUInt16LE(p + 30) + view.readUInt16LE(p + 32);
  }
  return view;
}

function addSheet(wb, name, header, rows, widths) {
  const ws = wb.addWorksheet(name);
  ws.addRow(header);
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r.map((v) => (v === '' ? null : v)));
  ws.columns.forEach((c, i) => { c.width = widths[i] ?? 20; });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return ws;
}

function indicatorRows(periodFilter, names = {}) {
  const rows = [];
  for (const [id, goal, name, unit, dir, target, occ, outcomes, assessment, analysis] of INDICATORS) {
    const periods = Object.keys(outcomes).map(Number).filter(periodFilter).sort((a, b) => a - b);
    const shownName = names[id] ?? name;
    if (periods.length === 0) {
      rows.push([id, goal, shownName, unit, dir, target, occ, null, null, assessment, analysis]);
      continue;
    }
    periods.forEach((p, i) => {
      const last = i === periods.length - 1;
      rows.push([id, goal, shownName, unit, dir, target, occ, p, outcomes[p], last ? assessment : '', last ? analysis : '']);
    });
  }
  return rows;
}

const INDICATOR_HEADER = ['Indikator-id', 'Delmål-id', 'Indikator', 'Enhet', 'Riktning', 'Målvärde', 'Redovisas', 'Period', 'Utfall', 'Bedömning', 'Analys'];

async function writeWorkbook(file) {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Region Exempel';
  wb.lastModifiedBy = 'Region Exempel';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  addSheet(wb, 'Mål', ['Delmål-id', 'Regionmål', 'Delmål', 'Bedömning', 'Analys'],
    GOALS.map(([id, top, name, assessment, analysis]) => [id, TOP[top], name, assessment, analysis]), [10, 40, 60, 28, 80]);
  addSheet(wb, 'Indikatorer', INDICATOR_HEADER, indicatorRows(() => true), [12, 10, 55, 10, 16, 26, 12, 10, 14, 16, 50]);
  addSheet(wb, 'Uppdrag', ['Id', 'Uppdrag', 'Riktas till', 'Uppdrag från', 'Status', 'Analys', 'Periodicitet', 'Slutdatum'], UPPDRAG,
    [6, 55, 35, 28, 12, 70, 18, 12]);
  addSheet(wb, 'Åtgärder', ['Nr', 'Åtgärd', 'Målområde', 'Tidplan', 'Status', 'Kommentar'], MEASURES, [6, 60, 36, 12, 12, 50]);
  addSheet(wb, 'Projekt', ['Prio', 'Projekt', 'Ägare/PL', 'Tid', 'Resurs', 'Kvalitet', 'Kommentar'], PROJECTS, [6, 45, 22, 8, 8, 8, 45]);
  addSheet(wb, 'Intern kontroll',
    ['Granskningsområde', 'Berört reglemente, policy eller regler', 'Metod för granskningen', 'Resultat av granskningen', 'Åtgärder', 'Status'],
    CONTROLS, [36, 32, 45, 50, 45, 16]);
  const buf = fixZipTimestamps(await wb.xlsx.writeBuffer(), FIXED_DATE);
  writeFileSync(file, buf);
  return buf.length;
}

function csvCell(v) {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? String(v).replace('.', ',') : String(v);
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function writeAprilCsv(file) {
  const rows = indicatorRows((p) => p <= 202404, APRIL_NAMES).map((r) => {
    const copy = [...r];
    // The April export writes periods as 2024-04, like many Stratsys CSV exports.
    if (typeof copy[7] === 'number') copy[7] = `${String(copy[7]).slice(0, 4)}-${String(copy[7]).slice(4)}`;
    return copy;
  });
  const text = [INDICATOR_HEADER, ...rows].map((r) => r.map(csvCell).join(';')).join('\r\n') + '\r\n';
  const bytes = iconv.encode(text, 'windows-1252');
  if (iconv.decode(bytes, 'windows-1252') !== text) throw new Error(`${file}: tecken som inte finns i Windows-1252`);
  writeFileSync(file, bytes);
  return bytes.length;
}

async function main(argv) {
  const outIndex = argv.indexOf('--out');
  const outDir = outIndex >= 0 ? path.resolve(argv[outIndex + 1]) : path.resolve(HERE, '..', 'fixtures', 'region-exempel', 'mal');
  const quiet = argv.includes('--quiet');
  mkdirSync(outDir, { recursive: true });
  if (GOALS.length !== 17 || INDICATORS.length !== 25 || UPPDRAG.length !== 8 || MEASURES.length !== 10 || PROJECTS.length !== 10 || CONTROLS.length !== 4) {
    throw new Error('fel antal poster i exemplet');
  }
  const sizes = {
    'mal.xlsx': await writeWorkbook(path.join(outDir, 'mal.xlsx')),
    'indikatorer-2024-04.csv': writeAprilCsv(path.join(outDir, 'indikatorer-2024-04.csv')),
  };
  if (!quiet) {
    for (const [f, n] of Object.entries(sizes)) console.log(`${f}: ${n} byte`);
    console.log(`${TOP.length} regionmål, ${GOALS.length} delmål, ${INDICATORS.length} indikatorer, ${UPPDRAG.length} uppdrag, ` +
      `${MEASURES.length} åtgärder, ${PROJECTS.length} projekt, ${CONTROLS.length} kontrollmoment`);
  }
}

await main(process.argv.slice(2));
