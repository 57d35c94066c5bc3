/**
 * The roles an export can play and the columns each role reads, with the header names regions use for them
 * (Raindance, Heroma and Stratsys exports, and the variants people type into their own extracts). Keys are the
 * configuration's column keys, so a match goes straight into `rapport.config.yaml`.
 *
 * Matching is on a header key: lower case, NFC, a unit in the header ("Utfall kr", "Budget (tkr)") removed — the
 * unit is kept apart and becomes the source's `unit`.
 */
import type { ValueKind } from './profile.js';

export type RoleId =
  | 'ledger'
  | 'organisation'
  | 'accountGroups'
  | 'investments'
  | 'forecasts'
  | 'employments'
  | 'absence'
  | 'hiredStaff'
  | 'rehab'
  | 'workEnvironment'
  | 'goals'
  | 'indicators'
  | 'uppdrag'
  | 'measures'
  | 'projects'
  | 'internalControl';

export interface ColumnRole {
  /** The config's column key. */
  readonly key: string;
  /** What it is, in Swedish, for the summary. */
  readonly label: string;
  readonly kind: ValueKind;
  /** Header keys (see `headerKey`) that name this column for certain. */
  readonly synonyms: readonly string[];
  /** A looser match on the header key; a column found this way is listed for the user to check. */
  readonly pattern?: RegExp;
  readonly required?: boolean;
  /** May be found from the data alone when no header names it (the only column of its kind left). */
  readonly byData?: boolean;
}

export interface FileRole {
  readonly id: RoleId;
  /** Swedish, for the summary. */
  readonly label: string;
  readonly columns: readonly ColumnRole[];
  /** Groups of keys of which at least one must be found (e.g. some amount in a ledger). */
  readonly anyOf?: readonly (readonly string[])[];
}

/** Header → matching key: lower case, NFC, NBSP as space, a currency unit removed, spaces collapsed. */
export function headerKey(header: string): string {
  return header
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\(\s*(?:t?kr|mnkr|sek)\s*\)/g, ' ')
    .replace(/(^|\s)(?:t?kr|mnkr|sek)\.?(?=\s|$)/g, ' ')
    .replace(/[_:]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The unit a header names ("Utfall tkr" → tkr), or null. */
export function headerUnit(header: string): 'kr' | 'tkr' | 'mnkr' | null {
  const m = /(?:^|[\s(])(tkr|mnkr|kr|sek)(?=[\s).]|$)/i.exec(header);
  if (!m) return null;
  const u = m[1]!.toLowerCase();
  return u === 'sek' ? 'kr' : (u as 'kr' | 'tkr' | 'mnkr');
}

const COST_CENTRE: ColumnRole = {
  key: 'costCentre',
  label: 'ansvar (kod)',
  kind: 'code',
  synonyms: ['ansvar', 'ansvarsnummer', 'ansvarsnr', 'ansvar nr', 'ansvarskod', 'ansvar kod', 'ansvars-id', 'ansvarsid', 'kostnadsställe', 'kst', 'ansv', 'ansvar id'],
  pattern: /^ansvar|kostnadsst/,
  required: true,
};
const COST_CENTRE_NAME: ColumnRole = {
  key: 'costCentreName',
  label: 'ansvarets namn',
  kind: 'name',
  synonyms: ['ansvar (t)', 'ansvarsnamn', 'ansvar namn', 'ansvar text', 'ansvarstext', 'ansvarsbenämning', 'ansvar benämning', 'benämning ansvar', 'kostnadsställe namn', 'kostnadsställets namn'],
  pattern: /ansvar.*(\(t\)|namn|text|benämning)|benämning/,
};
const ACCOUNT: ColumnRole = {
  key: 'account',
  label: 'konto (kod)',
  kind: 'code',
  synonyms: ['konto', 'kontonr', 'kontonummer', 'konto nr', 'kontokod', 'konto kod', 'kto', 'konto id'],
  pattern: /^konto(?!.*(\(t\)|namn|text|benämning))/,
  required: true,
};
const ACCOUNT_NAME: ColumnRole = {
  key: 'accountName',
  label: 'kontots namn',
  kind: 'name',
  synonyms: ['konto (t)', 'kontonamn', 'konto namn', 'kontotext', 'konto text', 'kontobenämning', 'konto benämning', 'benämning konto'],
  pattern: /konto.*(\(t\)|namn|text|benämning)/,
};
const REPORT_ROW_SYNONYMS = ['rad', 'rapportrad', 'resultaträkningsrad', 'rr-rad', 'rr rad', 'radnamn', 'rad i resultaträkningen', 'gruppering', 'kontogrupp', 'rapportgrupp', 'grupp'];
const PERIOD_SYNONYMS = ['period', 'månad', 'bokföringsperiod', 'redovisningsperiod', 'per', 'period (ååååmm)', 'år och månad', 'årmånad', 'år-månad', 'bokf period', 'löneperiod'];

const amount = (key: string, label: string, synonyms: readonly string[], pattern?: RegExp): ColumnRole => ({
  key,
  label,
  kind: 'amount',
  synonyms,
  ...(pattern ? { pattern } : {}),
});

const EMPLOYEE: ColumnRole = {
  key: 'employee',
  label: 'anställd (id, pseudonymiseras)',
  kind: 'any',
  synonyms: ['personnummer', 'anställningsnummer', 'anst nr', 'anstnr', 'anställningsnr', 'anställnings-id', 'pnr', 'person-id', 'medarbetar-id', 'personid'],
  required: true,
};
const PERSON_COLUMNS: readonly ColumnRole[] = [
  EMPLOYEE,
  { key: 'gender', label: 'kön', kind: 'text', synonyms: ['kön', 'kon'] },
  { key: 'birthDate', label: 'födelsedatum', kind: 'date', synonyms: ['födelsedatum', 'född', 'födelsedag', 'födelsedatum (ååååmmdd)'] },
  { key: 'age', label: 'ålder', kind: 'number', synonyms: ['ålder'] },
  COST_CENTRE,
];
const hours = (key: string, label: string, synonyms: readonly string[], required = false): ColumnRole => ({ key, label, kind: 'number', synonyms, ...(required ? { required } : {}) });
const SCHEDULED = hours('scheduledHours', 'schemalagd tid (timmar)', ['schemalagd tid', 'ordinarie arbetstid', 'schematid', 'schemalagda timmar', 'ord arbetstid', 'schemalagd arbetstid']);

function hrRoles(): FileRole[] {
  return [
    {
      id: 'employments',
      label: 'anställningar (Heroma)',
      columns: [
        ...PERSON_COLUMNS,
        { key: 'period', label: 'period', kind: 'period', synonyms: PERIOD_SYNONYMS, required: true },
        { key: 'form', label: 'anställningsform', kind: 'text', synonyms: ['anställningsform', 'anst form', 'anställningstyp', 'anställningsslag'], required: true },
        hours('employmentRate', 'sysselsättningsgrad', ['sysselsättningsgrad', 'tjänstgöringsgrad', 'syssgrad', 'sysselsättningsgrad %']),
        { key: 'start', label: 'anställd från', kind: 'date', synonyms: ['anställd from', 'anställd fr.o.m.', 'anställningsdatum', 'anställd från', 'startdatum anställning'] },
        { key: 'end', label: 'anställd till', kind: 'date', synonyms: ['anställd tom', 'anställd t.o.m.', 'anställd till', 'slutdatum anställning', 'avgångsdatum'] },
        { key: 'endReason', label: 'avgångsorsak', kind: 'text', synonyms: ['avgångsorsak', 'slutorsak', 'orsak avgång', 'avslutsorsak'] },
        { ...SCHEDULED, required: true },
        hours('workedHours', 'arbetad tid (timmar)', ['arbetad tid', 'arbetade timmar', 'arbetad tid timmar'], true),
        hours('overtimeHours', 'övertid/mertid (timmar)', ['övertid/mertid', 'övertid', 'mertid', 'övertid och mertid']),
        hours('hourlyPaidHours', 'timavlönad tid (timmar)', ['timavlönad tid', 'timavlönade timmar', 'timlön timmar']),
        hours('onCallHours', 'jour/beredskap (timmar)', ['jour/beredskap', 'jour och beredskap', 'jour', 'beredskap']),
      ],
    },
    {
      id: 'absence',
      label: 'frånvaro (Heroma)',
      columns: [
        ...PERSON_COLUMNS,
        { key: 'type', label: 'frånvaroorsak', kind: 'text', synonyms: ['frånvaroorsak', 'orsak', 'frånvarotyp', 'frånvaroart', 'typ av frånvaro', 'frånvaroslag'], required: true },
        { key: 'from', label: 'från och med', kind: 'date', synonyms: ['fr.o.m.', 'from', 'fr o m', 'från', 'från och med', 'from datum', 'frånvaro from'], required: true },
        { key: 'to', label: 'till och med', kind: 'date', synonyms: ['t.o.m.', 'tom', 't o m', 'till', 'till och med', 'tom datum', 'frånvaro tom'], required: true },
        hours('extent', 'omfattning %', ['omfattning %', 'omfattning', 'omfattning (%)', 'frånvaroprocent', 'procent']),
        SCHEDULED,
        hours('absenceHours', 'frånvarotimmar', ['frånvarotimmar', 'frånvarotid', 'frånvaro timmar', 'sjuktimmar', 'timmar']),
      ],
    },
    {
      id: 'hiredStaff',
      label: 'inhyrd personal',
      columns: [
        { key: 'period', label: 'period', kind: 'period', synonyms: PERIOD_SYNONYMS, required: true },
        COST_CENTRE,
        hours('hours', 'timmar', ['timmar', 'antal timmar', 'inhyrda timmar']),
        amount('cost', 'kostnad', ['kostnad', 'belopp', 'kostnad inhyrd personal']),
      ],
      anyOf: [['hours', 'cost']],
    },
    {
      id: 'rehab',
      label: 'rehabiliteringsärenden',
      columns: [
        COST_CENTRE,
        { key: 'opened', label: 'startdatum', kind: 'date', synonyms: ['startdatum', 'öppnat', 'påbörjat', 'ärende startat', 'start'], required: true },
        { key: 'closed', label: 'avslutsdatum', kind: 'date', synonyms: ['avslutsdatum', 'avslutat', 'slutdatum', 'ärende avslutat'], required: true },
      ],
    },
    {
      id: 'workEnvironment',
      label: 'arbetsmiljöavvikelser',
      columns: [
        COST_CENTRE,
        { key: 'date', label: 'datum', kind: 'date', synonyms: ['datum', 'händelsedatum', 'inträffade'], required: true },
        { key: 'kind', label: 'typ (tillbud, arbetsskada, risk)', kind: 'text', synonyms: ['typ', 'händelsetyp', 'avvikelsetyp', 'ärendetyp'], required: true },
        { key: 'category', label: 'kategori', kind: 'text', synonyms: ['kategori', 'orsakskategori'] },
      ],
    },
  ];
}

const text = (key: string, label: string, synonyms: readonly string[], required = false): ColumnRole => ({ key, label, kind: 'any', synonyms, ...(required ? { required } : {}) });

function goalRoles(): FileRole[] {
  const assessment = text('assessment', 'bedömning', ['bedömning', 'prognos måluppfyllelse', 'måluppfyllelse']);
  const analysis = text('analysis', 'analys', ['analys', 'kommentar analys']);
  return [
    {
      id: 'goals',
      label: 'mål (målsystem, t.ex. Stratsys)',
      columns: [
        text('id', 'delmålets id', ['delmål-id', 'delmålsid', 'delmål id', 'mål-id'], true),
        text('topGoal', 'övergripande mål', ['regionmål', 'fokusområde', 'målområde', 'övergripande mål'], true),
        text('name', 'delmål', ['delmål', 'nämndmål', 'mål'], true),
        assessment,
        analysis,
      ],
    },
    {
      id: 'indicators',
      label: 'indikatorer (målsystem)',
      columns: [
        text('id', 'indikatorns id', ['indikator-id', 'indikatorid', 'indikator id'], true),
        text('goalId', 'delmålets id', ['delmål-id', 'delmålsid', 'delmål id', 'mål-id'], true),
        text('name', 'indikator', ['indikator', 'nyckeltal', 'indikatornamn'], true),
        text('unit', 'enhet', ['enhet']),
        text('direction', 'riktning', ['riktning']),
        text('target', 'målvärde', ['målvärde', 'mål'], true),
        text('occasions', 'redovisningstillfällen', ['redovisas', 'redovisningstillfälle', 'redovisningstillfällen']),
        text('period', 'period', ['period']),
        text('outcome', 'utfall', ['utfall', 'värde', 'resultat'], true),
        assessment,
        analysis,
      ],
    },
    {
      id: 'uppdrag',
      label: 'uppdrag (målsystem)',
      columns: [
        text('id', 'id', ['id', 'nr', 'uppdrags-id']),
        text('text', 'uppdrag', ['uppdrag', 'uppdragstext'], true),
        text('addressedTo', 'riktas till', ['riktas till']),
        text('origin', 'uppdrag från', ['uppdrag från', 'uppdragsgivare']),
        text('status', 'status', ['status'], true),
        analysis,
        text('periodicity', 'periodicitet', ['periodicitet']),
        text('endDate', 'slutdatum', ['slutdatum']),
      ],
    },
    {
      id: 'measures',
      label: 'åtgärder (målsystem)',
      columns: [
        text('number', 'nummer', ['nr', 'nummer'], true),
        text('text', 'åtgärd', ['åtgärd'], true),
        text('area', 'målområde', ['målområde']),
        text('timeline', 'tidplan', ['tidplan']),
        text('status', 'status', ['status'], true),
        text('comment', 'kommentar', ['kommentar']),
      ],
    },
    {
      id: 'projects',
      label: 'projekt (målsystem)',
      columns: [
        text('priority', 'prioritet', ['prio', 'prioritet']),
        text('name', 'projekt', ['projekt', 'projektnamn'], true),
        text('owner', 'ägare', ['ägare/pl', 'ägare', 'projektledare']),
        text('time', 'tid', ['tid'], true),
        text('resource', 'resurs', ['resurs'], true),
        text('quality', 'kvalitet', ['kvalitet'], true),
        text('comment', 'kommentar', ['kommentar']),
      ],
    },
    {
      id: 'internalControl',
      label: 'intern kontroll (målsystem)',
      columns: [
        text('area', 'granskningsområde', ['granskningsområde', 'kontrollmoment'], true),
        text('regulation', 'regelverk', ['berört reglemente, policy eller regler', 'reglemente', 'regelverk']),
        text('method', 'metod', ['metod för granskningen', 'metod']),
        text('result', 'resultat', ['resultat av granskningen', 'resultat']),
        text('actions', 'åtgärder', ['åtgärder']),
        text('status', 'status', ['status']),
      ],
    },
  ];
}

function economyRoles(): FileRole[] {
  return [
  {
    id: 'ledger',
    label: 'huvudbok (Raindance)',
    columns: [
      COST_CENTRE,
      COST_CENTRE_NAME,
      ACCOUNT,
      ACCOUNT_NAME,
      { key: 'period', label: 'period (år och månad)', kind: 'period', synonyms: PERIOD_SYNONYMS, pattern: /period|månad/, byData: true },
      { key: 'year', label: 'år', kind: 'year', synonyms: ['år', 'räkenskapsår', 'bokföringsår', 'redovisningsår', 'årtal'] },
      { key: 'month', label: 'månad (nummer)', kind: 'month', synonyms: ['månad', 'mån', 'period', 'månadsnummer', 'månadsnr'] },
      amount('actual', 'utfall', ['utfall', 'utfall period', 'utfall månad', 'periodens utfall', 'belopp', 'bokfört', 'bokfört belopp', 'redovisat', 'verkligt utfall'], /utfall/),
      amount('budget', 'budget', ['budget', 'periodiserad budget', 'budget period', 'budget månad', 'periodbudget'], /budget/),
      amount('forecast', 'prognos', ['prognos', 'prognos period', 'prognos månad'], /prognos/),
    ],
    anyOf: [['period', 'year'], ['actual', 'budget', 'forecast']],
  },
  {
    id: 'organisation',
    label: 'organisation (ansvar och nivåer)',
    columns: [
      COST_CENTRE,
      { ...COST_CENTRE_NAME, key: 'name', synonyms: [...COST_CENTRE_NAME.synonyms, 'namn', 'benämning'], required: true },
    ],
  },
  {
    id: 'accountGroups',
    label: 'kontogruppering (konto → rad i resultaträkningen)',
    columns: [
      ACCOUNT,
      ACCOUNT_NAME,
      { key: 'reportRow', label: 'rad i resultaträkningen', kind: 'text', synonyms: REPORT_ROW_SYNONYMS, required: true },
      { key: 'section', label: 'avsnitt (intäkter/kostnader)', kind: 'text', synonyms: ['avsnitt', 'sektion', 'huvudgrupp', 'huvudrubrik', 'del', 'typ', 'intäkt/kostnad'], required: true },
    ],
  },
  {
    id: 'investments',
    label: 'investeringar',
    columns: [
      { key: 'project', label: 'projekt (kod)', kind: 'code', synonyms: ['projekt', 'projektnr', 'projektnummer', 'projekt nr', 'projektkod', 'projekt-id', 'projektid', 'investeringsprojekt'], required: true },
      { key: 'projectName', label: 'projektets namn', kind: 'name', synonyms: ['projekt (t)', 'projektnamn', 'projekt namn', 'projektbenämning', 'benämning', 'projekttext'], required: true },
      { key: 'area', label: 'investeringsområde', kind: 'text', synonyms: ['investeringsområde', 'område', 'investeringskategori', 'kategori', 'investeringsslag'], required: true },
      { ...COST_CENTRE, required: false },
      amount('actual', 'utfall ackumulerat', ['utfall ack', 'utfall', 'ackumulerat utfall', 'utfall ackumulerat', 'ack utfall', 'utfall hittills'], /utfall/),
      amount('forecast', 'prognos helår', ['prognos helår', 'prognos', 'helårsprognos', 'årsprognos'], /prognos/),
      amount('budget', 'årsbudget (inkl. överförda medel)', ['årsbudget', 'budget', 'budget helår', 'budget inkl överförda medel', 'årsbudget inkl överförda medel'], /budget/),
    ],
    anyOf: [['actual'], ['forecast'], ['budget']],
  },
  {
    id: 'forecasts',
    label: 'helårsprognoser',
    columns: [
      { key: 'occasion', label: 'prognostillfälle', kind: 'period', synonyms: ['prognostillfälle', 'tillfälle', 'prognosperiod', 'prognosmånad', 'period', 'månad'], required: true },
      COST_CENTRE,
      { ...ACCOUNT, required: false },
      { key: 'reportRow', label: 'rad i resultaträkningen', kind: 'text', synonyms: REPORT_ROW_SYNONYMS },
      { ...amount('forecast', 'helårsprognos', ['prognos', 'helårsprognos', 'prognos helår', 'årsprognos'], /prognos/), required: true },
    ],
    anyOf: [['account', 'reportRow']],
  },
  ];
}


/** Every role, in the order ties are broken. */
export const ROLES: readonly FileRole[] = [...economyRoles(), ...hrRoles(), ...goalRoles()];

export function roleById(id: RoleId): FileRole {
  return ROLES.find((r) => r.id === id)!;
}
