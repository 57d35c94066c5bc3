/**
 * Findings → the text of a commented `rapport.config.yaml`, in the shape of the starter (templates/rapport.config.yaml):
 * every setting with a Swedish comment, the region's own column names and file paths, and "kontrollera" on every
 * line that is a guess. Written by hand rather than by a YAML library so that the comments sit where they belong;
 * values are quoted whenever a plain scalar could be misread.
 */
import type { Grid } from './grid.js';
import type { Findings } from './inspect.js';
import type { RoleMatch } from './recognise.js';
import { roleById, type RoleId } from './roles.js';

/** A YAML scalar: plain when unambiguous, else double-quoted (JSON strings are valid YAML). */
export function yamlScalar(s: string): string {
  const plain =
    /^[\p{L}\p{N}][\p{L}\p{N} ()./%&+'-]*$/u.test(s) &&
    !/\s$/.test(s) &&
    !/^(true|false|null|yes|no|on|off|y|n)$/i.test(s) &&
    !/^[-+]?(\d[\d_]*)?([.]\d+)?([eE][-+]?\d+)?$/.test(s) &&
    !/^0[xo]/i.test(s);
  return plain ? s : JSON.stringify(s);
}

/** The section kinds in the region's words (config/schema.ts SECTION_KINDS). */
const SECTION_KIND_WORDS: Record<string, string> = {
  income: 'intäkter', cost: 'kostnader', taxes: 'skatteintäkter', grants: 'generella statsbidrag och utjämning',
  financialIncome: 'finansiella intäkter', financialCosts: 'finansiella kostnader',
};

function list(values: readonly string[]): string {
  return `[${values.map(yamlScalar).join(', ')}]`;
}

function comment(text: string): string {
  return text === '' ? '' : `   # ${text}`;
}

class Lines {
  readonly out: string[] = [];
  line(indent: number, text: string, note = ''): void {
    this.out.push(`${' '.repeat(indent)}${text}${comment(note)}`);
  }
  blank(): void {
    this.out.push('');
  }
}

const ENCODING_NOTE: Record<string, string> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252 (ANSI)',
};

/** file, format, encoding, delimiter, sheet of one source, as found. */
function fileLines(l: Lines, indent: number, grid: Grid): void {
  const titles = grid.titleRows > 0 ? `; rubrikraden är rad ${grid.headerRow}, raderna ovanför hoppas över` : '';
  l.line(indent, `file: ${yamlScalar(grid.file)}`, 'exporten, relativ till den här filen');
  if (grid.format === 'csv') {
    l.line(indent, 'format: csv', 'textfil med avgränsare');
    const enc = grid.encoding === 'utf-8' || grid.encoding === 'windows-1252' ? grid.encoding : 'auto';
    const note = enc === 'auto' ? `teckenkodning: ${grid.encoding ?? 'okänd'} med byte-ordningsmarkering` : `teckenkodning: ${ENCODING_NOTE[enc]}${grid.hadBom ? ' med byte-ordningsmarkering (BOM)' : ''}`;
    l.line(indent, `encoding: ${enc}`, note);
    const name = grid.delimiter === '\t' ? 'tabb' : grid.delimiter === ',' ? 'komma' : 'semikolon';
    l.line(indent, `delimiter: ${JSON.stringify(grid.delimiter ?? ';')}`, `avgränsare: ${name}${titles}`);
  } else {
    l.line(indent, 'format: xlsx', 'Excel-arbetsbok');
    // Named even when it is the only sheet, so that a sheet added to the workbook later changes nothing.
    if (grid.sheet) l.line(indent, `sheet: ${yamlScalar(grid.sheet)}`, `bladet som läses${grid.manySheets ? ' (arbetsboken har flera)' : ''}${titles}`);
  }
}

/** The columns of a source: found ones by their header, `absent` ones as "" (not read). */
function columnLines(l: Lines, indent: number, m: RoleMatch, keys: readonly string[], absent: readonly string[] = []): void {
  l.line(indent, 'columns:', 'kolumnrubriker i er fil');
  for (const key of keys) {
    const c = m.columns.get(key);
    const zeros = c && m.profiles[c.index]!.leadingZero ? '; inledande nollor behålls' : '';
    if (c) l.line(indent + 2, `${key}: ${yamlScalar(c.header)}`, `${c.label}${zeros}${c.check ? ' – kontrollera' : ''}`);
    else if (absent.includes(key)) {
      const label = m.role.columns.find((cr) => cr.key === key)?.label ?? key;
      l.line(indent + 2, `${key}: ""`, `${label}: finns inte i filen, läses inte`);
    }
  }
}

function keysOf(role: RoleId): string[] {
  return roleById(role).columns.map((c) => c.key);
}

function checked(f: Findings, path: string): string {
  return f.diagnostics.some((d) => d.code === 'setup.setting-check' && d.message.includes(path)) ? ' – kontrollera' : '';
}

function economyLines(l: Lines, f: Findings): void {
  const s = f.sources;
  l.line(0, 'sources:');
  l.line(2, '# Huvudboken: saldo per ansvar, konto och period.');
  l.line(2, 'ledger:');
  if (s.ledger) {
    const m = s.ledger;
    fileLines(l, 4, m.grid);
    const set = f.settings.ledger!;
    l.line(4, `sign: ${set.sign}`, (set.sign === 'ledger' ? 'debet positivt: kostnader +, intäkter − (som Raindance exporterar)' : 'intäkter positiva, kostnader negativa') + checked(f, 'sources.ledger.sign'));
    l.line(4, `unit: ${set.unit}`, 'enheten beloppen har i filen' + checked(f, 'sources.ledger.unit'));
    l.line(4, 'duplicates: error', 'en saldoexport har en rad per ansvar, konto och period');
    const yearMonth = !m.columns.has('period');
    const keys = yearMonth ? ['costCentre', 'costCentreName', 'account', 'accountName', 'period', 'year', 'month', 'actual', 'budget', 'forecast'] : keysOf('ledger').filter((k) => k !== 'year' && k !== 'month');
    columnLines(l, 4, m, keys, ['costCentreName', 'accountName', 'period', 'actual', 'budget', 'forecast']);
  } else missingFile(l, 4, 'data/raindance-saldo.csv');
  l.blank();

  l.line(2, '# Organisationen: varje ansvar med sina överordnade nivåer, lägsta nivån först.');
  l.line(2, 'organisation:');
  if (s.organisation) {
    fileLines(l, 4, s.organisation.grid);
    columnLines(l, 4, s.organisation, ['costCentre', 'name']);
    const lv = f.levels?.levels ?? [];
    const counts = f.levels?.counts ?? [];
    l.line(6, `levels: ${list(lv)}`, `nivåer lägst först (${counts.map((c, i) => `${c} ${lv[i]}`).join(', ')})`);
  } else {
    missingFile(l, 4, 'data/organisation.csv');
    l.line(4, 'columns:');
    l.line(6, 'levels: [Delområde, Område]', 'ange organisationsfilens nivåkolumner, lägsta först');
  }
  l.blank();

  l.line(2, '# Kontogruppering: varje konto hör till exakt en rad i resultaträkningen; radernas ordning i filen är');
  l.line(2, '# ordningen i rapporten. Ett konto som saknas här är ett fel – inget förs tyst till "Övrigt".');
  l.line(2, 'accountGroups:');
  if (s.accountGroups) {
    fileLines(l, 4, s.accountGroups.grid);
    columnLines(l, 4, s.accountGroups, keysOf('accountGroups'), ['accountName']);
  } else missingFile(l, 4, 'data/kontogrupper.csv');

  if (s.investments) {
    l.blank();
    l.line(2, '# Investeringar per projekt.');
    l.line(2, 'investments:');
    fileLines(l, 4, s.investments.grid);
    l.line(4, `unit: ${f.settings.investments!.unit}`, 'enheten beloppen har i filen' + checked(f, 'sources.investments.unit'));
    columnLines(l, 4, s.investments, keysOf('investments'), ['actual', 'forecast', 'budget']);
  }
  if (s.forecasts) {
    const set = f.settings.forecasts!;
    l.blank();
    l.line(2, '# Helårsprognoser per prognostillfälle; rapporten använder det senaste tillfället till och med perioden.');
    l.line(2, 'forecasts:');
    fileLines(l, 4, s.forecasts.grid);
    l.line(4, `sign: ${set.sign}`, (set.sign === 'report' ? 'intäkter positiva, kostnader negativa' : 'debet positivt: kostnader +, intäkter −') + checked(f, 'sources.forecasts.sign'));
    l.line(4, `unit: ${set.unit}`, 'enheten beloppen har i filen' + checked(f, 'sources.forecasts.unit'));
    columnLines(l, 4, s.forecasts, keysOf('forecasts'));
  }
}

function missingFile(l: Lines, indent: number, placeholder: string): void {
  l.line(indent, `file: ${placeholder}`, 'kontrollera: ingen sådan fil hittades i mappen – ange er export');
}

const GOAL_KEYS: ReadonlyArray<readonly [RoleId | 'previousIndicators', RoleId, string]> = [
  ['goals', 'goals', 'Mål och delmål.'],
  ['indicators', 'indicators', 'Indikatorer med målvärden och utfall.'],
  ['previousIndicators', 'indicators', 'Föregående rapports indikatorexport: id jämförs (namnbyte, borttagen indikator).'],
  ['uppdrag', 'uppdrag', 'Uppdrag med status.'],
  ['measures', 'measures', 'Åtgärder med tidplan och status.'],
  ['projects', 'projects', 'Projekt med tid, resurs och kvalitet.'],
  ['internalControl', 'internalControl', 'Intern kontroll.'],
];

function goalLines(l: Lines, f: Findings): void {
  if (!f.sources.goals) return;
  l.blank();
  l.line(0, '# Målstyrning (avsnitt 2.3) ur målsystemets exporter. Kolumner som inte finns i filerna står som "" och läses inte.');
  l.line(0, 'goals:');
  l.line(2, 'sources:');
  for (const [key, role, text] of GOAL_KEYS) {
    const m = f.sources[key];
    if (!m) continue;
    l.line(4, `# ${text}`);
    l.line(4, `${key}:`);
    fileLines(l, 6, m.grid);
    columnLines(l, 6, m, keysOf(role), keysOf(role));
  }
  l.line(2, 'rules:');
  l.line(4, 'thresholds: { helt: 100, delvis: 80 }', 'procent av målvärdet: minst 100 uppfylls helt, 80–99 delvis');
  l.line(4, 'goalRule: worst', 'worst | majority | average: hur ett delmål bedöms ur sina indikatorer');
  l.line(4, 'occasionMonths: { D1: 4, D2: 8, Å: 12 }', 'rapportmånad för delår 1, delår 2 och år');
  l.line(4, 'maxLagMonths: 1', 'utfall får släpa en månad (t.ex. sjukfrånvaro)');
  l.line(4, 'defaultDirection: higher', 'riktning för indikatorer utan angiven riktning');
}

function personnelLines(l: Lines, f: Findings): void {
  const s = f.sources;
  if (!s.employments || !s.absence) return;
  const set = f.settings;
  l.blank();
  l.line(0, '# Personal (avsnitt 2.4) ur Heroma-uttag. Personuppgifter pseudonymiseras vid läsning och visas aldrig;');
  l.line(0, '# grupper med tio eller färre döljs. Övriga val (släpning, åldersgrupper, sjukfrånvarons intervall, sekretess)');
  l.line(0, '# har standardvärden, se docs/config.md.');
  l.line(0, 'personnel:');
  if (set.forms) {
    l.line(2, 'staff:');
    l.line(4, 'forms:', 'anställningsformer ur filen, i prioritetsordning' + checked(f, 'personnel.staff.forms'));
    for (const form of set.forms) {
      l.line(6, `- { label: ${yamlScalar(form.label)}, codes: ${list(form.codes)}, headcount: ${form.headcount} }`, form.headcount ? 'räknas i antal anställda' : 'räknas inte i antal anställda');
    }
  }
  if (set.reasons) {
    const forms = set.forms?.some((x) => x.label === 'Tillsvidareanställda') ? ['Tillsvidareanställda'] : (set.forms ?? []).slice(0, 1).map((x) => x.label);
    l.line(2, 'turnover:');
    if (forms.length > 0) l.line(4, `forms: ${list(forms)}`, 'anställningsformer vars avgångar ger personalomsättningen');
    l.line(4, 'reasons:', 'avgångsorsaker ur filen per slag' + checked(f, 'personnel.turnover.reasons'));
    l.line(6, `pension: ${list(set.reasons.pension)}`, 'pensionsavgångar');
    l.line(6, `internal: ${list(set.reasons.internal)}`, 'interna avgångar');
    l.line(6, `external: ${list(set.reasons.external)}`, 'externa avgångar');
    l.line(6, `none: ${list(set.reasons.none)}`, 'ingen avgång (t.ex. byte av anställningsform)');
  }
  l.line(2, 'sources:');
  const person = (role: RoleId): void => {
    const cols = set.personalColumns[role];
    if (cols && cols.length > 0) l.line(6, `personalColumns: ${list(cols)}`, 'kolumner med personuppgifter som aldrig läses eller visas');
  };
  l.line(4, '# En rad per anställning och månad.');
  l.line(4, 'employments:');
  fileLines(l, 6, s.employments.grid);
  person('employments');
  columnLines(l, 6, s.employments, keysOf('employments'), ['gender', 'birthDate', 'start', 'end', 'endReason']);
  l.line(4, '# En rad per frånvaroperiod; bara sjukfrånvaro räknas.');
  l.line(4, 'absence:');
  fileLines(l, 6, s.absence.grid);
  person('absence');
  if (set.sickTypes) l.line(6, `sickTypes: ${list(set.sickTypes)}`, 'frånvaroorsaker som är sjukfrånvaro');
  columnLines(l, 6, s.absence, keysOf('absence'), ['gender', 'birthDate', 'extent', 'scheduledHours', 'absenceHours']);
  if (s.hiredStaff) {
    l.line(4, '# Inhyrd personal per månad och ansvar.');
    l.line(4, 'hiredStaff:');
    fileLines(l, 6, s.hiredStaff.grid);
    person('hiredStaff');
    columnLines(l, 6, s.hiredStaff, keysOf('hiredStaff'));
    if (set.hourPrice !== null) l.line(6, `hourPrice: ${set.hourPrice}`, 'kronor per timme för att räkna om kostnad till timmar – kontrollera');
  }
  if (s.rehab) {
    l.line(4, 'rehab:');
    fileLines(l, 6, s.rehab.grid);
    person('rehab');
    columnLines(l, 6, s.rehab, keysOf('rehab'));
  }
  if (s.workEnvironment) {
    l.line(4, 'workEnvironment:');
    fileLines(l, 6, s.workEnvironment.grid);
    person('workEnvironment');
    columnLines(l, 6, s.workEnvironment, keysOf('workEnvironment'));
    if (set.incidentKinds && set.incidentKinds.length > 0) l.line(6, `incidentKinds: ${list(set.incidentKinds)}`, 'typer som räknas som händelser');
    if (set.riskKinds && set.riskKinds.length > 0) l.line(6, `riskKinds: ${list(set.riskKinds)}`, 'typer som räknas som risker');
  }
}

/** The configuration file's text. `from`: the folder as the user named it, for the heading. */
export function renderConfig(f: Findings, from: string): string {
  const l = new Lines();
  const set = f.settings;
  l.line(0, `# Konfiguration för rapport, skriven av "rapport init --from ${from}" utifrån exporterna i mappen.`);
  l.line(0, '# Sökvägar är relativa till den här filen. Nycklarna är på engelska; värdena är era egna kolumnnamn.');
  l.line(0, '# Rader märkta "kontrollera" är gissningar som init också skrev ut: rätta dem här om något är fel.');
  l.line(0, '# Fullständig beskrivning: docs/config.md och JSON-schemat docs/config.schema.json.');
  l.blank();
  l.line(0, 'organisation:');
  l.line(2, `name: ${yamlScalar(set.organisationName)}`, 'regionens namn, står på titelsidan' + checked(f, 'organisation.name'));
  l.line(2, `unit: ${yamlScalar(set.rootUnit)}`, 'roten i organisationsträdet: hela organisationen');
  l.blank();
  l.line(0, 'report:');
  l.line(2, '# diarienummer: RS 2024/0000   # skrivs på titelsidan');
  l.line(2, '# author: Ekonomistaben');
  l.line(2, '# Nivåer som får en egen rapport när ingen --unit anges: "root" (hela organisationen) och nivånamn ur');
  l.line(2, '# sources.organisation.columns.levels.');
  l.line(2, `unitLevels: ${list(set.unitLevels)}`, checked(f, 'report.unitLevels').replace(/^ – /, ''));
  l.blank();
  economyLines(l, f);
  l.blank();
  l.line(0, '# Resultaträkningens avsnitt i tryckordning (ur kontogrupperingen); income = intäkter, cost = kostnader; under verksamhetens nettokostnad taxes, grants, financialIncome, financialCosts.');
  l.line(0, 'sections:');
  for (const s of set.sections) {
    l.line(2, `- name: ${yamlScalar(s.name)}`, 'avsnittets namn i kontogrupperingen');
    l.line(4, `kind: ${s.kind}`, SECTION_KIND_WORDS[s.kind]);
  }
  l.blank();
  l.line(0, '# Enheter per tabell: kr | tkr | mnkr.');
  l.line(0, 'units:');
  l.line(2, 'result: tkr', '3.1 Ekonomiskt resultat');
  l.line(2, 'netCost: mnkr', '3.2 Nettokostnad per verksamhetsområde');
  l.line(2, 'investments: mnkr', '4 Investeringar');
  l.line(2, 'text: mnkr', 'belopp i de automatiska textförslagen');
  l.blank();
  l.line(0, 'output:');
  l.line(2, 'dir: rapporter', 'mappen rapporterna skrivs till (relativ till den här filen)');
  l.line(2, 'formats: [docx, xlsx, json, md]', 'Word, Excel, JSON och Markdown; pdf kan läggas till');
  l.blank();
  l.line(0, '# Mapp med analystexter skrivna av ansvariga: <mapp>/<enhet>/<avsnitt>.md (behöver inte finnas ännu)');
  l.line(0, 'narrative: berattelser', 'relativ till den här filen');
  l.line(0, '# Egna textmallar (Handlebars) som ersätter de inbyggda i templates/:');
  l.line(0, '# templates: mallar');
  goalLines(l, f);
  personnelLines(l, f);
  return l.out.map((s) => s.replace(/\s+$/, '')).join('\n') + '\n';
}
