/**
 * A realistic ReportModel built by hand, shaped like seed 001 (Regionstyrelsen, delårsrapport per augusti 2024), for
 * the renderer tests: drafted summary paragraphs, narratives (one missing), the result table 3.1 with section,
 * subtotal and total rows, blanks and percent cells, the net-cost table 3.2 with subtotals, charts with their data
 * tables, the investment table and chart, status cells, a suppressed cell and counts. Figures are in öre with
 * remainders so that "exact value in the unit" can be told from "rounded".
 */
import { reportPeriod } from '../../src/report/period.js';
import type {
  Block,
  Cell,
  Chart,
  Column,
  Narrative,
  Paragraph,
  Ratio,
  ReportModel,
  Row,
  RowEmphasis,
  Section,
  StatusLevel,
  Table,
} from '../../src/report/model.js';

const TKR = 100_000;
const MNKR = 100_000_000;

/** Money in tkr with an öre remainder (so the exact value is not a whole tkr). */
export function tkr(value: number | null, remainderOre = 0): Cell {
  return { kind: 'money', ore: value === null ? null : value * TKR + remainderOre, unit: 'tkr' };
}

export function mnkr(value: number | null, remainderOre = 0): Cell {
  return { kind: 'money', ore: value === null ? null : value * MNKR + remainderOre, unit: 'mnkr' };
}

export function text(t: string): Cell {
  return { kind: 'text', text: t };
}

export function pct(ratio: Ratio | null, decimals = 1): Cell {
  return { kind: 'percent', ratio, decimals };
}

export function status(level: StatusLevel, label: string): Cell {
  return { kind: 'status', status: level, label };
}

/** Förändring % = current / previous − 1 on signed values, as an exact ratio with a positive denominator. */
export function change(current: number | null, previous: number | null): Ratio | null {
  if (current === null || previous === null || previous === 0) return null;
  const num = current - previous;
  return previous > 0 ? { num, den: previous } : { num: -num, den: -previous };
}

function row(cells: Cell[], emphasis: RowEmphasis = 'normal', level = 0): Row {
  return level > 0 ? { cells, emphasis, level } : { cells, emphasis };
}

function para(t: string, drafted = true): Paragraph {
  return { type: 'paragraph', text: t, drafted };
}

function narrative(key: string, markdown: string | null, required = true): Narrative {
  return { type: 'narrative', key, required, markdown };
}

function section(number: string, title: string, blocks: Block[], sections: Section[] = []): Section {
  return {
    id: number.replace(/\./g, '-'),
    number,
    title,
    level: number.split('.').length,
    blocks,
    sections,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 3.1 Ekonomiskt resultat (tkr), as seed 001's table: August deviation, accumulated columns, change %, year budget.

const RESULT_COLUMNS: Column[] = [
  { header: 'Gruppering', align: 'left' },
  { header: 'Avvikelse', group: 'Augusti', align: 'right' },
  { header: 'Ack utfall föreg år', group: 'Ackumulerat', align: 'right' },
  { header: 'Ack utfall innev år', group: 'Ackumulerat', align: 'right' },
  { header: 'Ack budget innev år', group: 'Ackumulerat', align: 'right' },
  { header: 'Avvikelse', group: 'Ackumulerat', align: 'right' },
  { header: 'Förändring utfall i %', align: 'right' },
  { header: 'Årsbudget', group: 'Helår', align: 'right' },
];

type ResultLine = [
  label: string,
  monthDev: number | null,
  prev: number | null,
  actual: number | null,
  budget: number | null,
  annual: number | null,
];

const INCOME: ResultLine[] = [
  ['Patientintäkter', null, 1, 0, null, null],
  ['Värdintäkt inkl lab/rtg', -107, 17_914, 16_730, 14_622, 21_934],
  ['Vårdvalet primärvård', -1_820, 10_076, 8_969, 19_664, 31_476],
  ['Försäljning av tjänster', 1_872, 173_498, 175_262, 172_345, 259_933],
  ['Övriga intäkter', 167, 314_603, 256_416, 228_985, 343_760],
];

const COSTS: ResultLine[] = [
  ['Personal', -11_262, -760_515, -768_426, -701_931, -1_086_437],
  ['Övriga personalkostnader', 623, -14_110, -15_287, -18_702, -28_208],
  ['Läkemedel', -382, -10_030, -8_888, -8_472, -11_682],
  ['Medicinskt o tandv mtrl', -1_240, -9_654, -11_311, -11_647, -17_470],
  ['Övrig direkt produktion', 2_432, -37_869, -31_883, -35_736, -53_610],
  ['Köp av verksamhet o tjänster', 5_678, -977_418, -1_043_079, -1_070_949, -1_646_714],
  ['Utomlänsvård', null, -1, -3, null, null],
  ['Fastighetskostnader', -11_613, -194_608, -199_646, -198_613, -311_129],
  ['IT/MT poster', -49_521, -310_057, -289_783, -253_564, -387_151],
  ['Övriga poster', 54_082, -181_129, -190_249, -191_653, -297_975],
  ['Avskrivningar m m', 12_315, -370_247, -414_107, -407_756, -3_603_712],
];

function resultRow([label, monthDev, prev, actual, budget, annual]: ResultLine, i: number, emphasis: RowEmphasis = 'normal'): Row {
  const dev = actual !== null && budget !== null ? actual - budget : actual !== null && budget === null ? null : null;
  // Remainders in öre differ per row so the exact values are not whole tkr.
  const r = (k: number) => ((i * 7919 + k * 104_729) % 99_999) - 49_999;
  return row(
    [
      text(label),
      tkr(monthDev, monthDev === null ? 0 : r(1)),
      tkr(prev, prev === null ? 0 : r(2)),
      tkr(actual, actual === null ? 0 : r(3)),
      tkr(budget, budget === null ? 0 : r(4)),
      tkr(dev),
      pct(change(actual, prev)),
      tkr(annual),
    ],
    emphasis,
    emphasis === 'normal' ? 1 : 0,
  );
}

function sumLines(lines: ResultLine[], label: string): ResultLine {
  const sum = (k: 1 | 2 | 3 | 4 | 5) => lines.reduce((s, l) => s + (l[k] ?? 0), 0);
  return [label, sum(1), sum(2), sum(3), sum(4), sum(5)];
}

function sectionRow(label: string, columns: number): Row {
  return row([text(label), ...Array.from({ length: columns - 1 }, () => tkr(null))], 'section');
}

export function resultTable(): Table {
  const rows: Row[] = [];
  rows.push(sectionRow('Verksamhetens intäkter', RESULT_COLUMNS.length));
  INCOME.forEach((l, i) => rows.push(resultRow(l, i)));
  const incomeTotal = sumLines(INCOME, 'Summa verksamhetens intäkter');
  rows.push(resultRow(incomeTotal, 90, 'subtotal'));
  rows.push(sectionRow('Verksamhetens kostnader', RESULT_COLUMNS.length));
  COSTS.forEach((l, i) => rows.push(resultRow(l, i + 10)));
  const costTotal = sumLines(COSTS, 'Summa verksamhetens kostnader');
  rows.push(resultRow(costTotal, 91, 'subtotal'));
  rows.push(resultRow(sumLines([incomeTotal, costTotal], 'Verksamhetens nettokostnader'), 92, 'total'));
  return {
    type: 'table',
    id: 'resultat',
    title: 'Ekonomiskt resultat per gruppering',
    columns: RESULT_COLUMNS,
    rows,
    notes: [
      'Belopp i tusental kronor (tkr). Avvikelse = utfall − budget; positivt värde är bättre än budget.',
      'Varje belopp är avrundat för sig, så summorna kan avvika med ±1 från summan av raderna.',
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Monthly accumulated result (line chart + its data table).

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug'];
const ACC_ACTUAL = [-301, -618, -941, -1_262, -1_580, -1_902, -2_203, -2_515];
const ACC_BUDGET = [-298, -610, -925, -1_240, -1_555, -1_868, -2_160, -2_463];

export function monthlyTable(): Table {
  return {
    type: 'table',
    id: 'resultat-manad',
    title: 'Ackumulerat resultat per månad',
    columns: [
      { header: 'Månad', align: 'left' },
      { header: 'Ack utfall', align: 'right' },
      { header: 'Ack budget', align: 'right' },
      { header: 'Avvikelse', align: 'right' },
    ],
    rows: MONTHS.map((m, i) =>
      row([text(m), mnkr(ACC_ACTUAL[i]!, 12_345_678), mnkr(ACC_BUDGET[i]!), mnkr(ACC_ACTUAL[i]! - ACC_BUDGET[i]!)]),
    ),
    notes: ['Belopp i miljoner kronor (mnkr).'],
  };
}

export function monthlyChart(): Chart {
  return {
    type: 'chart',
    id: 'resultat-manad-diagram',
    kind: 'line',
    title: 'Ackumulerat utfall och budget 2024',
    altText:
      'Linjediagram över ackumulerat utfall och ackumulerad budget januari–augusti 2024 i mnkr. Utfallet ligger under ' +
      'budget från mars och avvikelsen är −52 mnkr i augusti.',
    categories: MONTHS,
    series: [
      { name: 'Ack utfall', values: ACC_ACTUAL },
      { name: 'Ack budget', values: ACC_BUDGET },
    ],
    unit: 'mnkr',
    dataTableId: 'resultat-manad',
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 3.2 Ekonomisk analys: net cost per area (mnkr) with subtotals, and its column chart.

type NetLine = [label: string, prev: number, actual: number, dev: number, annual: number, emphasis: RowEmphasis, level: number];

const NET: NetLine[] = [
  ['Regionövergripande verksamhet', -1_685, -1_811, 1, -2_778, 'subtotal', 0],
  ['Regionförvaltningen gemensamt', -603, -637, -28, -922, 'normal', 1],
  ['Administrativ verksamhet', -130, -143, 5, -231, 'normal', 1],
  ['Primärvård beställning', -855, -923, 17, -1_454, 'normal', 1],
  ['Tandvård beställning', -98, -107, 7, -171, 'normal', 1],
  ['Digitalisering och service', -665, -705, -53, -1_008, 'subtotal', 0],
  ['Digitalisering', -379, -383, -32, -544, 'normal', 1],
  ['Service', -285, -322, -21, -464, 'normal', 1],
  ['Verksamhetens nettokostnader', -2_350, -2_515, -52, -3_786, 'total', 0],
];

export function netCostTable(): Table {
  return {
    type: 'table',
    id: 'nettokostnad',
    title: 'Nettokostnad per verksamhetsområde',
    columns: [
      { header: 'Verksamhetsområde', align: 'left' },
      { header: 'Utfall aug 2023', align: 'right' },
      { header: 'Utfall aug 2024', align: 'right' },
      { header: 'Nettokostnadsutv. %', align: 'right' },
      { header: 'Budgetavvikelse', align: 'right' },
      { header: 'Årsbudget', align: 'right' },
    ],
    rows: NET.map(([label, prev, actual, dev, annual, emphasis, level]) =>
      row([text(label), mnkr(prev, 3_300_000), mnkr(actual, -4_400_000), pct(change(actual, prev)), mnkr(dev), mnkr(annual)], emphasis, level),
    ),
    notes: ['Belopp i miljoner kronor (mnkr). Nettokostnadsutveckling = ack utfall i år / samma period föregående år − 1.'],
  };
}

export function netCostChart(): Chart {
  const areas = NET.filter((l) => l[5] === 'normal');
  return {
    type: 'chart',
    id: 'nettokostnad-diagram',
    kind: 'column',
    title: 'Nettokostnad per delområde, januari–augusti',
    altText:
      'Stapeldiagram över nettokostnaden per delområde januari–augusti 2023 och 2024 i mnkr. Primärvård beställning ' +
      'har störst nettokostnad, 923 mnkr, och Service ökar mest, 12,8 procent.',
    categories: areas.map((l) => l[0]),
    series: [
      { name: 'Utfall aug 2023', values: areas.map((l) => -l[1]) },
      { name: 'Utfall aug 2024', values: areas.map((l) => -l[2]) },
    ],
    unit: 'mnkr',
    dataTableId: 'nettokostnad',
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 4 Investeringsredovisning.

const INVEST: [string, number, number, number][] = [
  ['Fastighet', 402, 708, 648],
  ['MT', 71, 160, 175],
  ['IT', 26, 40, 70],
  ['Hjälpmedel', 22, 32, 32],
  ['Verksamhetsservice', 0, 4, 4],
  ['Regional utveckling', 1, 1, 1],
];

export function investmentTable(): Table {
  const total = INVEST.reduce((s, l) => [s[0], s[1] + l[1], s[2] + l[2], s[3] + l[3]] as [string, number, number, number], ['Totalt', 0, 0, 0]);
  return {
    type: 'table',
    id: 'investeringar',
    title: 'Investeringar 2024 per investeringsområde',
    columns: [
      { header: 'Investeringsområde', align: 'left' },
      { header: 'Utfall ack aug 2024', align: 'right' },
      { header: 'Prognos 2024', align: 'right' },
      { header: 'Årsbudget 2024', align: 'right' },
      { header: 'Prognosavvikelse', align: 'right' },
    ],
    rows: [...INVEST, total].map(([label, actual, forecast, budget], i) =>
      row([text(label), mnkr(actual, 2_100_000), mnkr(forecast), mnkr(budget), mnkr(budget - forecast)], i === INVEST.length ? 'total' : 'normal'),
    ),
    notes: ['Belopp i miljoner kronor (mnkr). Prognosavvikelse = årsbudget − prognos.'],
  };
}

export function investmentChart(): Chart {
  return {
    type: 'chart',
    id: 'investeringar-diagram',
    kind: 'column',
    title: 'Investeringar 2024: utfall, prognos och budget',
    altText:
      'Stapeldiagram över investeringar 2024 per område i mnkr: utfall till och med augusti, helårsprognos och ' +
      'årsbudget. Fastighet är störst med prognos 708 mnkr mot budget 648 mnkr.',
    categories: INVEST.map((l) => l[0]),
    series: [
      { name: 'Utfall ack aug', values: INVEST.map((l) => l[1]) },
      { name: 'Prognos', values: INVEST.map((l) => l[2]) },
      { name: 'Årsbudget', values: INVEST.map((l) => l[3]) },
    ],
    unit: 'mnkr',
    dataTableId: 'investeringar',
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 2.3 goals with status cells; 2.4 sick leave with a suppressed group and counts.

export function goalTable(): Table {
  return {
    type: 'table',
    id: 'mal',
    title: 'Bedömning av delmål per augusti',
    columns: [
      { header: 'Regionmål', align: 'left' },
      { header: 'Delmål', align: 'left' },
      { header: 'Bedömning', align: 'left' },
    ],
    rows: [
      row([text('Mål 1. Trygga uppväxtvillkor'), text('Regionstyrelsen förstärker den egna verksamhetens förmåga till civil beredskap'), status('helt', 'Uppfylls helt')]),
      row([text('Mål 2. Goda levnadsvillkor'), text('Verka för att öka kommunernas kompetens kring VHU inom LSS'), status('helt', 'Uppfylls helt')]),
      row([text('Mål 3. Ett attraktivt och hållbart Västerbotten'), text('Ökad effekthemtagning på beslutade initiativ i Utvecklingsportföljen'), status('delvis', 'Uppfylls delvis')]),
      row([text('Mål 4. Tillgänglig vård med god kvalitet och kontinuitet'), text('Våra chefers förutsättningar att leda är stärkta'), status('inte', 'Uppfylls inte')]),
      row([text('Mål 6. En hållbar miljö- och klimatregion'), text('Vår verksamhet minskar energianvändning och klimatpåverkan'), status('ingaData', 'Inga data')]),
    ],
    notes: ['Bedömning: ● uppfylls helt (minst 100 % av målvärdet), ◐ uppfylls delvis (80–99 %), ○ uppfylls inte (under 80 %), – inga data.'],
  };
}

export function sickLeaveTable(): Table {
  return {
    type: 'table',
    id: 'sjukfranvaro',
    title: 'Sjukfrånvaro januari–juli 2024',
    columns: [
      { header: 'Grupp', align: 'left' },
      { header: 'Sjukfrånvaro %', align: 'right' },
      { header: 'Antal anställda', align: 'right' },
      { header: 'Årsarbetare', align: 'right' },
    ],
    rows: [
      row([text('Kvinnor'), pct({ num: 601, den: 10_000 }, 2), { kind: 'count', value: 742 }, { kind: 'number', value: 688.4, decimals: 1 }]),
      row([text('Män'), pct({ num: 326, den: 10_000 }, 2), { kind: 'count', value: 435 }, { kind: 'number', value: 410.25, decimals: 1 }]),
      row([text('29 år eller yngre'), { kind: 'suppressed', note: 'Gruppen har högst tio anställda och redovisas inte.' }, { kind: 'count', value: null }, { kind: 'number', value: null, decimals: 1 }]),
      row([text('Totalt'), pct({ num: 475, den: 10_000 }, 2), { kind: 'count', value: 1_177 }, { kind: 'number', value: 1_098.65, decimals: 1 }], 'total'),
    ],
    notes: ['Sjukfrånvaro = sjukfrånvarotimmar / ordinarie arbetstid. Personaluppgifterna släpar en månad (till och med juli).'],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Narratives (Markdown written by people).

const PERIOD_MD = `Digitalisering och Service startade under sommaren en provuppställning med **digitaliserad incheckning** i det nya
psykiatrihuset på NUS. Framtidens Servicecenter planeras och fokus i arbetet har varit att samla ingångar och tjänster
för ärendehantering.

## Säkerhet och drift

Under perioden har det genomförts flera *säkerhetshöjande* åtgärder:

- en omfattande servermigrering för en robustare grund
- en serie mikroutbildningar inom säkerhet
  - för chefer
  - för medarbetare
- flexibla arbetsplatser på flera orter

Arbetet sker i tre steg:

1. Inventering av system
2. Migrering under hösten
3. Avveckling av gamla servrar

| Område | Status | Klart |
| --- | --- | ---: |
| Servermigrering | Pågående | 80 % |
| Utbildning | Klar | 100 % |
`;

const OUTLOOK_MD = `Den höga inflationen med påföljande räntehöjningar har fortfarande en åtstramande effekt på ekonomin. Riksbanken
har påbörjat sänkning av styrräntan och fler räntesänkningar väntas under året (se [SKR:s ekonomirapport](https://skr.se/ekonomirapporten)).

Utmaningen för regionstyrelsen 2024 och framåt ligger i att hantera stora utvecklingsinsatser som införandet av
vårdinformationsstödet Cosmic parallellt med arbetet att anpassa verksamheten till de ekonomiska förutsättningarna.`;

const ANALYSIS_MD = `Regionstyrelsens nettokostnader uppgår per augusti 2024 till 2 515 miljoner kronor vilket är en ökning med 166
miljoner kronor eller 7 procent jämfört med föregående år. Budgetavvikelsen är minus 52 miljoner kronor.

### Regionövergripande verksamhet

Inom området ingår delområdena Regionförvaltning gemensamt, Administrativ verksamhet, Primärvård beställning samt
Tandvård beställning. **Regionförvaltningen gemensamt** redovisar ett underskott mot budget på 28 miljoner kronor,
främst på grund av pensionskostnader.

### Digitalisering och service

Området uppvisar en negativ avvikelse mot budget på 53 miljoner kronor. Underskottet förklaras främst av
FVIS-programmet (32 miljoner kronor) och sjukresor (12 miljoner kronor).`;

const FORECAST_MD = `Totalt prognosticeras en negativ budgetavvikelse för 2024 på _104 miljoner kronor_ för regionstyrelsens
nettokostnader.`;

const INVEST_MD = `Investeringar i Fastigheter uppvisar en negativ avvikelse på 60 miljoner kronor i jämförelse med budget för 2024.
Avvikelsen härleds främst till tidsförskjutningar från föregående år.`;

const STAFF_MD = `Inom Regionförvaltningen är 1177 personer anställda. Jämfört med samma tid förra året har antalet anställda ökat
med 33 personer.`;

// ---------------------------------------------------------------------------------------------------------------

export interface SampleOptions {
  /** Fill every narrative (for `--final`). Default: narrative 2.2 is missing. */
  readonly allNarratives?: boolean;
}

export function sampleReport(options: SampleOptions = {}): ReportModel {
  const events = options.allNarratives
    ? 'Inflationens effekter fortsätter att påverka kostnadsutvecklingen. Upphandlingen av centrallager har avbrutits.'
    : null;
  return {
    version: 1,
    meta: {
      title: 'Delårsrapport per augusti',
      subtitle: 'Tertial 2 2024',
      organisation: 'Region Västerbotten',
      unit: 'Regionstyrelsen',
      unitId: 'RS',
      period: reportPeriod({ year: 2024, month: 8 }),
      kind: 'tertial2',
      reportDate: '2024-08-31',
      diarienummer: 'RS 2024/1234',
      author: 'Ekonomistaben',
      language: 'sv-SE',
    },
    caveats: ['Utfallet för augusti är preliminärt: periodiseringen av semesterlöneskulden görs i september.'],
    sections: [
      section('1', 'Sammanfattning', [
        para(
          'Regionstyrelsen redovisar efter andra tertialet en negativ budgetavvikelse på 52 miljoner kronor och en ' +
            'nettokostnadsutveckling på 7,1 procent. Prognosen för året är ett underskott mot budget på 104 miljoner kronor.',
        ),
        para(
          'Investeringsutgifterna uppgår efter augusti till 522 miljoner kronor och för året prognostiseras ett utfall ' +
            'på 945 miljoner kronor, vilket innebär en negativ avvikelse mot budget på 15 miljoner kronor.',
        ),
        para('Sjukfrånvaron över tolv månader har minskat från 4,85 procent till 4,75 procent.'),
        para('Av fem bedömda delmål bedöms fyra uppfyllas helt och ett delvis.', false),
      ]),
      section('2', 'Förvaltningsberättelse', [], [
        section('2.1', 'Perioden som gått', [narrative('forvaltningsberattelse/perioden', PERIOD_MD)]),
        section('2.2', 'Händelser av väsentlig betydelse', [narrative('forvaltningsberattelse/handelser', events)]),
        section('2.3', 'God ekonomisk hushållning och ekonomisk ställning', [
          para('Per augusti görs en uppföljning och bedömning av fem av regionstyrelsens 17 delmål.'),
          goalTable(),
        ]),
        section('2.4', 'Väsentliga personalförhållanden', [narrative('forvaltningsberattelse/personal', STAFF_MD), sickLeaveTable()]),
        section('2.5', 'Förväntad utveckling', [narrative('forvaltningsberattelse/utveckling', OUTLOOK_MD)]),
      ]),
      section('3', 'Driftredovisning', [], [
        section('3.1', 'Ekonomiskt resultat', [
          para('Regionstyrelsens ackumulerade resultat är −51,9 miljoner kronor mot budget.'),
          resultTable(),
          monthlyChart(),
          monthlyTable(),
        ]),
        section('3.2', 'Ekonomisk analys', [narrative('driftredovisning/analys', ANALYSIS_MD), netCostTable(), netCostChart()]),
        section('3.3', 'Prognos för verksamhetens nettokostnader', [narrative('driftredovisning/prognos', FORECAST_MD)]),
      ]),
      section('4', 'Investeringsredovisning', [investmentTable(), investmentChart(), narrative('investeringar/analys', INVEST_MD)]),
    ],
  };
}
