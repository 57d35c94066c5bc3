#!/usr/bin/env node
// Generates the Heroma-shaped HR extracts of the seed 003 example (Region Halland, Regionkontoret, uppföljningsrapport
// 1 2023) in fixtures/halland-regionkontoret-2023-04/heroma/:
//
//   anstallningar.csv  one row per employment and month, 2021-04 … 2023-03 (the HR period of the April report is
//                      March: one month's lag; two years make the rolling 12 months a year back complete)
//   franvaro.csv       sick-leave intervals, one row per interval and month (as Heroma can split them)
//
// Employee numbers only (H20001 …): no names, no personnummer. Shaped like real exports: Windows-1252, `;`, CRLF,
// decimal comma, dates YYYY-MM-DD, empty cell = no value.
//
// The data are built so that rapport, with the fixture's rapport.config.yaml, computes exactly the figures seed 003
// publishes in section 4 (Medarbetare), each rounded to two decimals, half away from zero:
//
//   personalomsättning R12 (april 2022–mars 2023) = leavers × 12 / Σ tillsvidare headcount at the 12 month-ends
//     total 56 × 12 / 6 026 = 11,15 %; pension 8 → 1,59 %; internal 22 → 4,38 %; external 26 → 5,18 %
//     women 35 × 12 / 3 370 = 12,46 %; men 21 × 12 / 2 656 = 9,49 %; 20–29 år 7 × 12 / 242 = 34,71 % (about 20
//     employees on average: a small group, but above "högst tio", so the figure may be published); every other
//     age group below the 11 % target
//   sjukfrånvaro januari–mars 2023 = sick hours / scheduled hours = 2,58 %
//
// How the headcount is controlled: every (gender, age group) cell is a set of positions. A position is held by one
// employee at a time; a leaver is replaced by a new employee the next day, so the position is counted at every
// month-end. A cell whose Σ headcount is not a multiple of 12 gets one position created during the window (counted
// from its first month-end). Age groups are by age on 31 December 2023 (rapport's default `ageAt: yearEnd`).
//
// Deterministic: every value comes from a PRNG keyed by what it describes; re-running gives byte-identical files.
// Usage: node scripts/generate-halland-hr.mjs [--out DIR] [--check]
//   --check  compute the published figures from the generated rows (the same definitions) and fail if one differs

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DAY, addMonths, dayOf, firstDay, iso, isWeekday, lastDay, monthOf, weekdays } from './lib/calendar.mjs';
import { writeCsv } from './lib/hr-csv.mjs';
import { keyedRng } from './lib/random.mjs';

const SEED = 'halland-regionkontoret-2023-04/heroma/v1';
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const args = process.argv.slice(2);
const outDir = args.includes('--out') ? path.resolve(args[args.indexOf('--out') + 1]) : path.join(ROOT, 'fixtures/halland-regionkontoret-2023-04/heroma');

const rng = keyedRng(SEED);

const FIRST_MONTH = 202104;
const LAST_MONTH = 202303;
const MONTHS = [];
for (let m = FIRST_MONTH; m <= LAST_MONTH; m = addMonths(m, 1)) MONTHS.push(m);
const WINDOW = MONTHS.slice(12); // 2022-04 … 2023-03: rolling 12 months of the April 2023 report
const PREV_WINDOW = MONTHS.slice(0, 12);
const START = firstDay(FIRST_MONTH);
const END = lastDay(LAST_MONTH);

// ---------------------------------------------------------------------------------------------------------------
// The cells: Σ month-end headcount over the window and the leavers by reason (see the header)

const AGE_GROUPS = [
  { label: '20–29 år', born: [1995, 2001] },
  { label: '30–39 år', born: [1985, 1993] },
  { label: '40–49 år', born: [1975, 1983] },
  { label: '50–59 år', born: [1965, 1973] },
  { label: '60 år eller äldre', born: [1957, 1963] },
];
// [gender, age group, Σ headcount, pension, internal, external]
const CELLS = [
  ['K', 0, 134, 0, 2, 2], ['M', 0, 108, 0, 1, 2],
  ['K', 1, 860, 0, 4, 5], ['M', 1, 688, 0, 2, 3],
  ['K', 2, 912, 0, 4, 5], ['M', 2, 720, 0, 3, 2],
  ['K', 3, 820, 0, 4, 3], ['M', 3, 656, 0, 2, 2],
  ['K', 4, 644, 5, 0, 1], ['M', 4, 484, 3, 0, 1],
];
const REASON = { pension: 'Ålderspension', internal: 'Annan förvaltning', external: 'Egen begäran' };
// Ansvar of the uppdrag Regionkontoret (organisation.csv); staff works there, not in Förtroendevalda or Utvecklingsmedel.
const ANSVAR = [['100100', 0.3], ['100200', 0.5], ['100300', 0.2]];

// ---------------------------------------------------------------------------------------------------------------
// Employees and employments

/** Employees by number; each has one employment (a span of days) with an optional end and reason. */
const employees = [];
function newEmployee(gender, born, ansvar, start, rate, form = 'Tillsvidare') {
  const r = rng('person', employees.length);
  const birth = dayOf(born, r.int(1, 12), r.int(1, 28));
  const e = { no: `H${20001 + employees.length}`, gender, birth, ansvar, start, end: null, reason: '', rate, form };
  employees.push(e);
  return e;
}

function pickAnsvar(r) {
  let x = r.next();
  for (const [code, w] of ANSVAR) {
    if (x < w) return code;
    x -= w;
  }
  return ANSVAR[0][0];
}

const rateOf = (r) => (r.chance(0.88) ? 100 : r.pick([75, 80, 90]));
const bornIn = (r, [a, b]) => r.int(a, b);
/** An earlier hire date for someone in place when the extract starts. */
const earlyStart = (r) => dayOf(r.int(1998, 2020), r.int(1, 12), 1);

for (const [ci, [gender, ag, sum, pension, internal, external]] of CELLS.entries()) {
  const group = AGE_GROUPS[ag];
  const n = Math.ceil(sum / 12);
  const vacant = n * 12 - sum; // month-ends before the created position is filled
  const positions = [];
  for (let p = 0; p < n; p++) {
    const r = rng('position', ci, p);
    const created = p === n - 1 && vacant > 0;
    const ansvar = pickAnsvar(r);
    const start = created ? firstDay(WINDOW[vacant]) : earlyStart(r);
    // Holders before the window: one in six positions changed hands during the previous year (see below).
    positions.push({ ansvar, holders: [newEmployee(gender, bornIn(r, group.born), ansvar, start, rateOf(r))], created });
  }
  // Leavers of the window, on positions that exist the whole window; a position may change hands twice.
  const reasons = [...Array(pension).fill('pension'), ...Array(internal).fill('internal'), ...Array(external).fill('external')];
  const open = positions.filter((p) => !p.created);
  reasons.forEach((reason, k) => {
    const r = rng('leaver', ci, k);
    const pos = open[r.int(0, open.length - 1)];
    const holder = pos.holders[pos.holders.length - 1];
    const from = Math.max(firstDay(WINDOW[0]), holder.start + 60);
    if (from > END) throw new Error('no room for a leaver');
    const end = r.int(from, END);
    holder.end = end;
    holder.reason = REASON[reason];
    if (reason === 'pension') holder.birth = dayOf(r.int(1956, 1958), r.int(1, 12), r.int(1, 28));
    // The successor starts the next day; one starting after the extract's last month has no rows.
    if (end + 1 <= END) pos.holders.push(newEmployee(gender, bornIn(r, group.born), pos.ansvar, end + 1, rateOf(r)));
  });
}

// The previous year (2021-04 … 2022-03): some positions changed hands then, giving the turnover of a year earlier.
// The earlier holder is inserted before the first holder, who becomes the successor hired the next day.
{
  const prevReasons = ['pension', 'pension', 'pension', 'pension', 'pension', 'pension',
    ...Array(15).fill('internal'), ...Array(21).fill('external')];
  const firstHolders = employees.filter((e) => e.start < START && e.form === 'Tillsvidare');
  prevReasons.forEach((reason, k) => {
    const r = rng('previous', k);
    const successor = firstHolders.splice(r.int(0, firstHolders.length - 1), 1)[0];
    const end = r.int(START + 10, lastDay(PREV_WINDOW[11]));
    const born = reason === 'pension' ? r.int(1955, 1957) : new Date(successor.birth * DAY).getUTCFullYear() + r.int(-6, 6);
    const before = newEmployee(successor.gender, born, successor.ansvar, earlyStart(r), rateOf(r));
    before.end = end;
    before.reason = REASON[reason];
    successor.start = end + 1;
  });
}

// A few fixed-term employees (visstid): counted in sick leave, not in the turnover (its forms are tillsvidare).
for (let k = 0; k < 14; k++) {
  const r = rng('visstid', k);
  newEmployee(r.chance(0.6) ? 'K' : 'M', r.int(1975, 1998), pickAnsvar(r), dayOf(2021, r.int(1, 3), 1), 100, 'Visstid');
}

// ---------------------------------------------------------------------------------------------------------------
// Scheduled hours (centihours: 8 h a weekday × sysselsättningsgrad) and sick leave

const active = (e, from, to) => e.start <= to && (e.end === null || e.end >= from);
const spanIn = (e, ym) => [Math.max(e.start, firstDay(ym)), Math.min(e.end ?? END, lastDay(ym))];
const dayHours = (e) => 8 * e.rate; // centihours per weekday
function scheduled(e, ym) {
  if (!active(e, firstDay(ym), lastDay(ym))) return 0;
  const [a, b] = spanIn(e, ym);
  return weekdays(a, b) * dayHours(e);
}

/** Sick intervals per employee: { from, to, extent } (days inside the employment, not overlapping). */
const sick = new Map();
const busy = (e, a, b) => (sick.get(e.no) ?? []).some((s) => s.from <= b + 6 && s.to >= a - 6);
function addSick(e, from, to, extent) {
  const list = sick.get(e.no) ?? [];
  list.push({ from, to, extent });
  sick.set(e.no, list);
}

// Spells: short ones often, longer ones rarely; older employees a little more often (seed: "de äldsta åldersgrupperna
// har en något högre sjukfrånvaro"), women and men alike.
for (const e of employees) {
  const r = rng('sick', e.no);
  const age = 2023 - new Date(e.birth * DAY).getUTCFullYear();
  const perYear = 1.6 + (age >= 50 ? 0.7 : 0) + (age >= 60 ? 0.4 : 0);
  const from = Math.max(e.start, START);
  const to = Math.min(e.end ?? END, END);
  if (to - from < 30) continue;
  const spells = Math.round((perYear * (to - from + 1)) / 365 * (0.6 + r.next() * 0.8));
  for (let k = 0; k < spells; k++) {
    const len = r.chance(0.8) ? r.int(1, 4) : r.chance(0.8) ? r.int(5, 14) : r.int(15, 40);
    const a = r.int(from, to - len + 1);
    const b = a + len - 1;
    if (busy(e, a, b)) continue;
    addSick(e, a, b, r.chance(0.9) ? 100 : 50);
  }
}

/** Sick hours (centihours) of one interval within [a, b]. */
const sickHours = (e, s, a, b) => {
  const lo = Math.max(s.from, a);
  const hi = Math.min(s.to, b);
  return hi < lo ? 0 : (weekdays(lo, hi) * dayHours(e) * s.extent) / 100;
};

// January–March 2023 to 2,58 %: one-day spells are added (or the last ones taken away) until the rate, rounded to
// two decimals, is the published one.
const Q1 = [firstDay(202301), lastDay(202303)];
function q1Totals() {
  let sch = 0;
  let hrs = 0;
  for (const e of employees) {
    for (const ym of [202301, 202302, 202303]) sch += scheduled(e, ym);
    for (const s of sick.get(e.no) ?? []) hrs += sickHours(e, s, Q1[0], Q1[1]);
  }
  return { sch, hrs };
}
const rate2 = ({ sch, hrs }) => Math.round((hrs * 10000) / sch); // percent × 100 (positive, no ties here)
{
  const inQ1 = employees.filter((e) => active(e, Q1[0], Q1[1]));
  let k = 0;
  while (rate2(q1Totals()) < 258) {
    const r = rng('topup', k++);
    const e = inQ1[r.int(0, inQ1.length - 1)];
    const d = r.int(Math.max(e.start, Q1[0]), Math.min(e.end ?? END, Q1[1]));
    if (!isWeekday(d) || busy(e, d, d)) continue;
    addSick(e, d, d, 100);
  }
  if (rate2(q1Totals()) !== 258) throw new Error(`sjukfrånvaro jan–mar 2023: ${rate2(q1Totals()) / 100} %, inte 2,58 %`);
}

// ---------------------------------------------------------------------------------------------------------------
// Files

const num = (centi) => (centi / 100).toFixed(2).replace('.', ',');
const employmentRows = [];
for (const ym of MONTHS) {
  for (const e of employees) {
    if (!active(e, firstDay(ym), lastDay(ym))) continue;
    const sch = scheduled(e, ym);
    let sickH = 0;
    for (const s of sick.get(e.no) ?? []) sickH += sickHours(e, s, firstDay(ym), lastDay(ym));
    // Worked time: scheduled less sick leave and holidays (most of them in July), a little extra now and then.
    const r = rng('worked', e.no, ym);
    const holiday = ym % 100 === 7 ? Math.round(sch * 0.75) : ym % 100 === 8 || ym % 100 === 6 ? Math.round(sch * 0.15) : Math.round(sch * r.next() * 0.06);
    const worked = Math.max(0, sch - sickH - holiday + (r.chance(0.2) ? r.int(1, 8) * 100 : 0));
    employmentRows.push([
      e.no, e.gender, iso(e.birth), e.ansvar, ym, e.form, e.rate, iso(e.start), e.end === null ? '' : iso(e.end), e.end === null ? '' : e.reason,
      num(sch), num(Math.round(worked)),
    ].join(';'));
  }
}
const absenceRows = [];
for (const e of employees) {
  for (const s of (sick.get(e.no) ?? []).sort((a, b) => a.from - b.from)) {
    // One row per interval and month.
    for (let a = s.from; a <= s.to; a = lastDay(monthOf(a)) + 1) {
      const b = Math.min(s.to, lastDay(monthOf(a)));
      const sch = weekdays(a, b) * dayHours(e);
      absenceRows.push([e.no, e.gender, iso(e.birth), e.ansvar, 'Sjuk', iso(a), iso(b), s.extent, num(sch), num((sch * s.extent) / 100)].join(';'));
    }
  }
}

mkdirSync(outDir, { recursive: true });
const write = (name, header, lines) => writeCsv(outDir, name, [header, ...lines]);
write('anstallningar.csv', 'Anställningsnr;Kön;Födelsedatum;Ansvar;Period;Anställningsform;Sysselsättningsgrad;Anställd from;Anställd tom;Avgångsorsak;Schemalagd tid;Arbetad tid', employmentRows);
write('franvaro.csv', 'Anställningsnr;Kön;Födelsedatum;Ansvar;Frånvaroorsak;Fr.o.m.;T.o.m.;Omfattning %;Schemalagd tid;Frånvarotimmar', absenceRows);

// ---------------------------------------------------------------------------------------------------------------
// --check: the published figures from the rows just written, by the same definitions

if (args.includes('--check')) {
  const tv = employees.filter((e) => e.form === 'Tillsvidare');
  const ageGroup = (e) => {
    const age = 2023 - new Date(e.birth * DAY).getUTCFullYear();
    return age <= 29 ? 0 : age <= 39 ? 1 : age <= 49 ? 2 : age <= 59 ? 3 : 4;
  };
  const turnover = (pick) => {
    let heads = 0;
    for (const ym of WINDOW) heads += tv.filter((e) => pick(e) && active(e, lastDay(ym), lastDay(ym))).length;
    const leavers = tv.filter((e) => pick(e) && e.end !== null && e.end >= firstDay(WINDOW[0]) && e.end <= END);
    return { heads, leavers };
  };
  const pct = (l, h) => (Math.round((l * 12 * 10000) / h) / 100).toFixed(2);
  const all = turnover(() => true);
  const by = (reason) => pct(all.leavers.filter((e) => e.reason === REASON[reason]).length, all.heads);
  const women = turnover((e) => e.gender === 'K');
  const men = turnover((e) => e.gender === 'M');
  const ages = AGE_GROUPS.map((_, i) => turnover((e) => ageGroup(e) === i));
  const got = {
    total: pct(all.leavers.length, all.heads), pension: by('pension'), internal: by('internal'), external: by('external'),
    women: pct(women.leavers.length, women.heads), men: pct(men.leavers.length, men.heads), age2029: pct(ages[0].leavers.length, ages[0].heads),
    sick: (rate2(q1Totals()) / 100).toFixed(2),
  };
  const want = { total: '11.15', pension: '1.59', internal: '4.38', external: '5.18', women: '12.46', men: '9.49', age2029: '34.71', sick: '2.58' };
  const others = ages.slice(1).map((a) => Number(pct(a.leavers.length, a.heads)));
  console.log(JSON.stringify({ got, others, employees: employees.length, rows: employmentRows.length, absence: absenceRows.length }));
  if (JSON.stringify(got) !== JSON.stringify(want) || others.some((v) => v >= 11)) {
    console.error('the generated extracts do not give the published figures');
    process.exit(1);
  }
}
