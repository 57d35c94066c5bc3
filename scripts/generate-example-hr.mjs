#!/usr/bin/env node
// Generates synthetic Heroma-shaped HR extracts for the example region "Region Exempel" in
// fixtures/region-exempel/heroma/, matching the ansvar of fixtures/region-exempel/organisation.csv:
//
//   anstallningar.csv          one row per employment and month, 2022-08 … 2024-08 (about 2 000 employees; the
//                              months of 2022 make the rolling 12 months a year back complete for August 2024)
//   franvaro.csv               absence intervals: sick leave (whole and partial days, spells over month and year
//                              ends, re-sickness within a few days), plus semester and VAB rows that are skipped
//   inhyrd-personal.csv        hired staff cost per month and ansvar (turned into hours with an hour price)
//   rehabiliteringsarenden.csv rehabilitation cases opened from long spells
//   arbetsmiljoavvikelser.csv  incidents and risks per ansvar
//
// Shaped like real exports: Windows-1252, `;`, CRLF, decimal comma, dates YYYY-MM-DD, empty cell = no value.
// Every person is fictional. Personnummer are built from the birth date with a check digit that is deliberately
// WRONG (Luhn + 5), so they cannot belong to anyone; names are random pairs from common Swedish first and last
// names. A test searches the report for every one of them.
//
// Deterministic: every value comes from a PRNG keyed by what it describes; re-running gives byte-identical files.
// Usage: node scripts/generate-example-hr.mjs [--out DIR] [--quiet]

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addMonths, dayOf, firstDay, iso, isWeekday, lastDay, weekdays, ymd } from './lib/calendar.mjs';
import { readCsvText, writeCsv } from './lib/hr-csv.mjs';
import { keyedRng } from './lib/random.mjs';

const SEED = 'region-exempel/heroma/v1';
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const FIRST_MONTH = 202208;
const LAST_MONTH = 202408;
const LAST_DAY = '2024-08-31';

// ---------------------------------------------------------------------------------------------------------------
// Deterministic randomness and the calendar (day numbers, UTC)

const rng = keyedRng(SEED);
const months = [];
for (let m = FIRST_MONTH; m <= LAST_MONTH; m = addMonths(m, 1)) months.push(m);
const END = dayOf(2024, 8, 31);

// ---------------------------------------------------------------------------------------------------------------
// Organisation

function readOrganisation() {
  const text = readCsvText(path.join(ROOT, 'fixtures/region-exempel/organisation.csv'));
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const [header, ...rows] = lines;
  const cols = header.split(';');
  const idx = (name) => cols.indexOf(name);
  return rows
    .map((l) => {
      const f = l.split(';');
      return { code: f[idx('Ansvar')], name: f[idx('Ansvar (T)')], area: f[idx('Delområde')], admin: f[idx('Förvaltning')] };
    })
    // The Finansförvaltning ansvar carries only skatteintäkter, statsbidrag and finansiella poster (class 8): no staff.
    .filter((a) => a.name !== 'Finansförvaltning');
}

/** Target headcount and character of an ansvar, from its name and förvaltning. */
function profile(a) {
  const r = rng('size', a.code);
  const n = a.name;
  let size = 0;
  let women = 0.6;
  let onCall = 0;
  let hired = 0;
  let kind = 'office';
  if (/anslag|Pensioner|Läkemedel inom|Utomlänsvård|Skolskjuts|Kultursamverkan|EU-program|Busstrafik|tågtrafik|Båttrafik|Anropsstyrd/.test(n)) size = 0;
  else if (/Förtroendevalda/.test(n)) size = 4;
  else if (/Beställare primärvård/.test(n)) size = 4;
  else if (/Beställare tandvård/.test(n)) size = 3;
  else if (/Regionarkiv|Revision/.test(n)) size = r.int(5, 8);
  else if (a.admin === 'Regionkontoret') size = r.int(9, 22);
  else if (a.admin === 'Digitalisering och service') {
    if (a.area === 'Digitalisering') {
      size = r.int(12, 34);
      women = 0.35;
    } else if (/Lokalvård/.test(n)) size = 55;
    else if (/Måltid/.test(n)) size = 38;
    else size = r.int(8, 24);
  } else if (a.admin === 'Primärvård') {
    women = 0.82;
    kind = 'care';
    if (/Vårdcentral/.test(n)) {
      size = r.int(13, 24);
      hired = r.chance(0.35) ? r.int(60, 260) : 0;
    } else if (/Folktandvården|Specialisttandvård/.test(n)) size = r.int(10, 16);
    else if (/Jourcentral/.test(n)) {
      size = 24;
      onCall = 0.4;
    } else size = r.int(7, 18);
  } else if (a.admin === 'Länssjukhuset') {
    women = 0.78;
    kind = 'care';
    if (/Sjukhusledning|Patientsäkerhet/.test(n)) size = r.int(8, 14);
    else if (/Tolkcentral/.test(n)) size = 9;
    else if (/Käkkirurgi/.test(n)) size = 10;
    else if (/Hudklinik/.test(n)) size = 11;
    else size = r.int(16, 38);
    if (/Akut|Operation|Anestesi|Förlossning|Ambulans|Kirurg|Medicinklinik|Psykiatrisk akut/.test(n)) onCall = 0.35;
    if (/psykiatri|Psykiatri|Akutmottagning/.test(n)) kind = 'psych';
    hired = /Vuxenpsykiatri slutenvård/.test(n) ? 900 : r.chance(0.3) ? r.int(80, 500) : 0;
  } else if (a.admin === 'Kollektivtrafik') {
    size = r.int(6, 16);
    women = 0.5;
  } else {
    size = r.int(6, 18);
    women = 0.6;
  }
  // Fixed small units keep their size (they show the small-group rule); the rest are scaled to about 2 000.
  const fixed = /Tolkcentral|Käkkirurgi|Hudklinik|Regionarkiv|Revision|Beställare|Förtroendevalda/.test(n);
  return { size: fixed ? size : Math.round(size * 0.8), women, onCall, hired, kind };
}

// ---------------------------------------------------------------------------------------------------------------
// People

const WOMEN = ['Anna', 'Eva', 'Maria', 'Karin', 'Sara', 'Lena', 'Kerstin', 'Emma', 'Ingrid', 'Malin', 'Jenny', 'Linnea', 'Elin', 'Annika', 'Johanna', 'Sofia', 'Ida', 'Hanna', 'Birgitta', 'Ulrika', 'Camilla', 'Therese', 'Frida', 'Åsa', 'Märta', 'Agneta', 'Helena', 'Louise', 'Matilda', 'Nora'];
const MEN = ['Lars', 'Anders', 'Johan', 'Per', 'Erik', 'Karl', 'Peter', 'Mikael', 'Jan', 'Fredrik', 'Daniel', 'Mattias', 'Magnus', 'Andreas', 'Stefan', 'Jonas', 'Oskar', 'Henrik', 'Björn', 'Niklas', 'Göran', 'Håkan', 'Viktor', 'Emil', 'Axel', 'Örjan', 'Tobias', 'Simon', 'Linus', 'Gustav'];
const LAST = ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson', 'Pettersson', 'Jonsson', 'Jansson', 'Hansson', 'Bengtsson', 'Jönsson', 'Lindberg', 'Jakobsson', 'Magnusson', 'Lindström', 'Olofsson', 'Lindqvist', 'Lindgren', 'Berg', 'Axelsson', 'Bergström', 'Lundberg', 'Lundqvist', 'Mattsson', 'Berglund', 'Fredriksson', 'Sandberg', 'Henriksson', 'Forsberg', 'Sjöberg', 'Wallin', 'Engström', 'Danielsson', 'Håkansson', 'Åberg', 'Öberg', 'Nyström', 'Holmberg', 'Strand', 'Sundberg', 'Ekström', 'Hedlund', 'Söderberg', 'Falk', 'Åkesson'];

/** Luhn check digit of nine digits. */
function luhn(digits) {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let v = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (v > 9) v -= 9;
    sum += v;
  }
  return (10 - (sum % 10)) % 10;
}

const usedPnr = new Set();
/** A personnummer that cannot be real: the check digit is off by five. */
function personnummer(birth, woman, r) {
  const b = ymd(birth);
  const yy = String(b.y % 100).padStart(2, '0');
  const mm = String(b.m).padStart(2, '0');
  const dd = String(b.d).padStart(2, '0');
  for (;;) {
    const serial2 = String(r.int(0, 99)).padStart(2, '0');
    let g = r.int(0, 4) * 2 + (woman ? 0 : 1);
    const serial = `${serial2}${g}`;
    const wrong = (luhn(`${yy}${mm}${dd}${serial}`) + 5) % 10;
    const pnr = `${b.y}${mm}${dd}-${serial}${wrong}`;
    if (!usedPnr.has(pnr)) {
      usedPnr.add(pnr);
      return pnr;
    }
    g = 0;
  }
}

let personSeq = 0;
/** A new person aged 21–64 on `refDay`. */
function newPerson(tag, women, refDay) {
  const r = rng('person', tag);
  const woman = r.chance(women);
  const ry = ymd(refDay).y;
  // A public-sector age profile: about a third over 50.
  const age = r.chance(0.3) ? r.int(50, 64) : r.int(21, 52);
  const birth = dayOf(ry - age, r.int(1, 12), r.int(1, 28));
  const first = woman ? r.pick(WOMEN) : r.pick(MEN);
  const name = `${first} ${r.pick(LAST)}`;
  const id = personSeq++;
  return { id, woman, birth, name, pnr: personnummer(birth, woman, r), sickiness: 0.4 + r.next() * 1.6 };
}

const ageOn = (birth, day) => {
  const b = ymd(birth);
  const d = ymd(day);
  return d.y - b.y - (d.m < b.m || (d.m === b.m && d.d < b.d) ? 1 : 0);
};

// ---------------------------------------------------------------------------------------------------------------
// Simulation

const org = readOrganisation();
const profiles = new Map(org.map((a) => [a.code, profile(a)]));
const staffed = org.filter((a) => profiles.get(a.code).size > 0);

const employments = []; // { person, code, form, rate, start, end, reason }
const active = new Map(); // code → Set of employment

function hire(code, day, form, tag, person, refDay = day) {
  const p = profiles.get(code);
  const r = rng('hire', tag);
  const pers = person ?? newPerson(tag, p.women, refDay);
  const rate = form === 'Timavlönad' ? null : r.pick([100, 100, 100, 100, 100, 90, 80, 80, 75, 50]);
  let end = null;
  let reason = '';
  if (form === 'Visstid') {
    end = Math.min(day + r.int(90, 360), dayOf(2026, 12, 31));
    reason = 'Anställningstiden utgår';
  }
  const e = { person: pers, code, form, rate, start: day, end, plannedEnd: end, reason, onCall: r.chance(p.onCall) };
  employments.push(e);
  if (!active.has(code)) active.set(code, new Set());
  active.get(code).add(e);
  return e;
}

// Initial staff: employed before 2022, with start dates spread over earlier years.
for (const a of staffed) {
  const p = profiles.get(a.code);
  for (let i = 0; i < p.size; i++) {
    const r = rng('initial', a.code, i);
    const form = r.chance(0.84) ? 'Tillsvidare' : r.chance(0.55) ? 'Visstid' : 'Timavlönad';
    const ref = firstDay(FIRST_MONTH);
    const e = hire(a.code, ref, form, `init-${a.code}-${i}`, undefined, ref);
    // Employed since some time after the person turned 20 (visstid: during the last year).
    const from20 = Math.max(1990, ymd(e.person.birth).y + 20);
    e.start = form === 'Visstid' ? ref - r.int(30, 300) : dayOf(r.int(Math.min(from20, 2022), 2022), r.int(1, 7), 1);
    if (e.plannedEnd !== null) e.end = e.plannedEnd = Math.max(e.start + 120, ref + r.int(20, 300));
  }
}

const codes = staffed.map((a) => a.code);
/** Internal moves go to units of ordinary size (the small fixed units keep their size). */
const movable = codes.filter((c) => profiles.get(c).size >= 12);

for (const ym of months) {
  const first = firstDay(ym);
  const last = lastDay(ym);
  for (const code of codes) {
    const p = profiles.get(code);
    const set = active.get(code) ?? new Set();
    for (const e of [...set]) {
      const r = rng('leave', code, e.person.id, ym);
      if (e.end !== null && e.end <= last) {
        set.delete(e);
        continue;
      }
      if (e.form !== 'Tillsvidare' && e.form !== 'Timavlönad') continue;
      const age = ageOn(e.person.birth, last);
      let reason = null;
      if (e.form === 'Tillsvidare' && age >= 62 && r.chance(age >= 65 ? 0.5 : 0.03)) reason = 'Pension';
      else if (r.chance(e.form === 'Timavlönad' ? 0.02 : 0.0085)) reason = r.chance(0.38) ? 'Intern rörlighet' : 'Egen begäran';
      if (!reason) continue;
      const endDay = r.chance(0.5) ? last : r.int(first + 9, last);
      e.end = endDay;
      e.reason = reason;
      set.delete(e);
      if (reason === 'Intern rörlighet' && endDay < END) {
        // A new job elsewhere in the region from the next day: the same person, a new employment.
        const target = rng('move', e.person.id, ym).pick(movable.filter((c) => c !== code));
        const moved = hire(target, endDay + 1, 'Tillsvidare', `move-${e.person.id}-${ym}`, e.person);
        moved.start = endDay + 1;
      }
    }
    // Hires keep the unit at its size, with slow growth (about 1,5 % a year).
    const growth = 1 + 0.015 * ((months.indexOf(ym)) / 12);
    const target = Math.round(p.size * growth);
    let k = 0;
    while (set.size < target) {
      const r = rng('newhire', code, ym, k);
      const form = r.chance(0.68) ? 'Tillsvidare' : r.chance(0.8) ? 'Visstid' : 'Timavlönad';
      hire(code, r.chance(0.6) ? first : r.int(first, last), form, `new-${code}-${ym}-${k}`);
      k++;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Absence: sick spells per person, July semester, some VAB.

const SEASON = [1.45, 1.4, 1.2, 1.0, 0.85, 0.7, 0.45, 0.7, 0.95, 1.05, 1.2, 1.35];
const absences = []; // { e, type, from, to, extent }
const spellsByPerson = new Map();

for (const e of employments) {
  if (e.form === 'Timavlönad') continue;
  const from = Math.max(e.start, firstDay(FIRST_MONTH));
  const to = Math.min(e.end ?? END, END);
  if (from > to) continue;
  const p = profiles.get(e.code);
  let busyUntil = from - 1;
  for (let d = from; d <= to; d++) {
    if (d <= busyUntil) continue;
    const r = rng('sick', e.person.id, e.code, d);
    const m = ymd(d).m;
    const base = 0.0024 * e.person.sickiness * SEASON[m - 1] * (p.kind === 'care' ? 1.15 : p.kind === 'psych' ? 1.3 : 1);
    if (!r.chance(base)) continue;
    const u = r.next();
    let len;
    if (u < 0.78) len = r.int(1, 7);
    else if (u < 0.93) len = r.int(8, 30);
    else if (u < 0.985) len = r.int(31, 120);
    else len = r.int(121, 480);
    const spellTo = Math.min(d + len - 1, to);
    if (len > 45 && r.chance(0.5)) {
      // A long spell that goes over to part-time sick leave.
      const split = d + Math.floor((spellTo - d) * (0.3 + r.next() * 0.4));
      absences.push({ e, type: 'Sjuk', from: d, to: split, extent: 100 });
      if (split < spellTo) absences.push({ e, type: 'Sjuk', from: split + 1, to: spellTo, extent: r.pick([75, 50, 50, 25]) });
    } else {
      absences.push({ e, type: 'Sjuk', from: d, to: spellTo, extent: len <= 7 && r.chance(0.06) ? 50 : 100 });
    }
    if (!spellsByPerson.has(e.person.id)) spellsByPerson.set(e.person.id, []);
    spellsByPerson.get(e.person.id).push({ e, from: d, to: spellTo });
    busyUntil = spellTo;
    // Re-sickness a few days later now and then (joined into one spell by the 5-day rule).
    if (len <= 7 && r.chance(0.08) && spellTo + 3 <= to) {
      const again = spellTo + r.int(2, 5);
      const againTo = Math.min(again + r.int(1, 4), to);
      if (again <= againTo) {
        absences.push({ e, type: 'Sjuk', from: again, to: againTo, extent: 100 });
        busyUntil = againTo;
      }
    }
  }
  // Four weeks of semester in July, and VAB now and then: other absence types the reader skips.
  for (const y of [2022, 2023, 2024]) {
    const s = dayOf(y, 7, 1 + rng('sem', e.person.id, y).int(0, 7));
    const t = s + 27;
    if (s >= from && t <= to && !absences.some((a) => a.e === e && a.type === 'Sjuk' && a.to >= s && a.from <= t)) {
      absences.push({ e, type: 'Semester', from: s, to: t, extent: 100 });
    }
  }
  const rv = rng('vab', e.person.id, e.code);
  if (rv.chance(0.25)) {
    const d = from + rv.int(0, Math.max(0, to - from));
    if (isWeekday(d) && !absences.some((a) => a.e === e && a.to >= d && a.from <= d)) absences.push({ e, type: 'VAB', from: d, to: d, extent: 100 });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Rows

const dec = (n) => {
  const s = (Math.round(n * 100) / 100).toFixed(2).replace('.', ',');
  return s === '-0,00' ? '0,00' : s;
};
const dailyHours = (rate) => (8 * rate) / 100;

/** Hours of absence of an employment within [from, to] by type. */
function absenceHours(e, from, to, type) {
  let h = 0;
  for (const a of absByEmp.get(e) ?? []) {
    if (a.type !== type) continue;
    const s = Math.max(a.from, from);
    const t = Math.min(a.to, to);
    if (s > t) continue;
    h += weekdays(s, t) * dailyHours(e.rate) * (a.extent / 100);
  }
  return h;
}
const absByEmp = new Map();
for (const a of absences) {
  if (!absByEmp.has(a.e)) absByEmp.set(a.e, []);
  absByEmp.get(a.e).push(a);
}

const empLines = ['Personnummer;Namn;Kön;Födelsedatum;Ansvar;Period;Anställningsform;Sysselsättningsgrad;Anställd from;Anställd tom;Avgångsorsak;Schemalagd tid;Arbetad tid;Övertid/mertid;Timavlönad tid;Jour/beredskap'];
for (const ym of months) {
  const first = firstDay(ym);
  const last = lastDay(ym);
  const rows = [];
  for (const e of employments) {
    if (e.start > last || (e.end !== null && e.end < first)) continue;
    const r = rng('month', e.person.id, e.code, ym);
    const s = Math.max(e.start, first);
    const t = Math.min(e.end ?? last, last);
    let scheduled = 0;
    let worked = 0;
    let overtime = 0;
    let hourly = 0;
    let onCall = 0;
    if (e.form === 'Timavlönad') {
      hourly = r.chance(0.7) ? r.int(4, ym % 100 >= 6 && ym % 100 <= 8 ? 120 : 50) + r.int(0, 3) * 0.25 : 0;
      worked = hourly;
    } else {
      scheduled = weekdays(s, t) * dailyHours(e.rate);
      const absent = absenceHours(e, s, t, 'Sjuk') + absenceHours(e, s, t, 'Semester') + absenceHours(e, s, t, 'VAB');
      overtime = r.chance(0.25) ? r.int(1, 14) + r.int(0, 3) * 0.25 : 0;
      onCall = e.onCall ? r.int(2, 16) : 0;
      worked = Math.max(0, scheduled - absent) + overtime;
    }
    const endNow = e.end !== null && e.end <= last;
    const showEnd = e.form === 'Visstid' ? e.end : endNow ? e.end : null;
    rows.push([
      e.person.pnr, e.person.name, e.person.woman ? 'K' : 'M', iso(e.person.birth), e.code, String(ym), e.form,
      e.rate === null ? '' : String(e.rate), iso(e.start), showEnd === null ? '' : iso(showEnd), endNow ? e.reason : '',
      dec(scheduled), dec(worked), dec(overtime), dec(hourly), dec(onCall),
    ].join(';'));
  }
  empLines.push(...rows);
}

const absLines = ['Personnummer;Namn;Kön;Födelsedatum;Ansvar;Frånvaroorsak;Fr.o.m.;T.o.m.;Omfattning %;Schemalagd tid;Frånvarotimmar'];
absences.sort((a, b) => a.from - b.from || a.e.person.id - b.e.person.id);
for (const a of absences) {
  const e = a.e;
  const sched = weekdays(a.from, a.to) * dailyHours(e.rate);
  const hours = sched * (a.extent / 100);
  // Now and then the extract leaves the hours blank: scheduled × extent gives them.
  const blank = rng('blank', e.person.id, a.from).chance(0.1);
  absLines.push([
    e.person.pnr, e.person.name, e.person.woman ? 'K' : 'M', iso(e.person.birth), e.code, a.type, iso(a.from), iso(a.to),
    String(a.extent), dec(sched), blank ? '' : dec(hours),
  ].join(';'));
}

// Hired staff: monthly cost for the units that hire.
const hiredLines = ['Period;Ansvar;Kostnad'];
for (const ym of months) {
  for (const code of codes) {
    const p = profiles.get(code);
    if (!p.hired) continue;
    const r = rng('hired', code, ym);
    const m = ym % 100;
    const season = m === 7 ? 1.8 : m === 6 || m === 8 ? 1.3 : 1;
    const trend = ym >= 202401 ? 0.85 : 1;
    const hours = Math.round(p.hired * season * trend * (0.7 + r.next() * 0.6));
    hiredLines.push(`${ym};${code};${dec(hours * 1100)}`);
  }
}

// Rehabilitation cases: opened on day 45 of spells of at least 45 days, closed two weeks after the spell.
const rehabLines = ['Ärende;Personnummer;Ansvar;Startdatum;Avslutsdatum'];
let caseNo = 1;
const spells = [...spellsByPerson.values()].flat().sort((a, b) => a.from - b.from || a.e.person.id - b.e.person.id);
for (const s of spells) {
  if (s.to - s.from + 1 < 45) continue;
  const opened = s.from + 44;
  const closed = s.to + 14 <= END ? s.to + 14 : null;
  rehabLines.push(`R${String(caseNo++).padStart(5, '0')};${s.e.person.pnr};${s.e.code};${iso(opened)};${closed === null ? '' : iso(closed)}`);
}

// Work-environment incidents and risks.
const envLines = ['Ansvar;Datum;Typ;Kategori'];
for (const ym of months) {
  for (const code of codes) {
    const p = profiles.get(code);
    const r = rng('env', code, ym);
    const n = Math.floor(p.size * (p.kind === 'psych' ? 0.03 : p.kind === 'care' ? 0.012 : 0.005) + r.next());
    for (let i = 0; i < n; i++) {
      const day = firstDay(ym) + r.int(0, lastDay(ym) - firstDay(ym));
      const isRisk = r.chance(0.35);
      const kind = isRisk ? 'Risk' : r.chance(0.8) ? 'Tillbud' : 'Arbetsskada';
      const cat = p.kind === 'psych' && r.chance(0.6) ? 'Hot och våld' : p.kind === 'care' && r.chance(0.3) ? 'Stickskada' : r.chance(0.5) ? 'Belastning' : 'Övrigt';
      envLines.push(`${code};${iso(day)};${kind};${cat}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Write

const args = process.argv.slice(2);
const outIdx = args.indexOf('--out');
const outDir = outIdx >= 0 ? path.resolve(args[outIdx + 1]) : path.join(ROOT, 'fixtures/region-exempel/heroma');
mkdirSync(outDir, { recursive: true });
const write = (name, lines) => writeCsv(outDir, name, lines);
write('anstallningar.csv', empLines);
write('franvaro.csv', absLines);
write('inhyrd-personal.csv', hiredLines);
write('rehabiliteringsarenden.csv', rehabLines);
write('arbetsmiljoavvikelser.csv', envLines);

if (!args.includes('--quiet')) {
  const activeAt = (ym) => employments.filter((e) => e.form !== 'Timavlönad' && e.start <= lastDay(ym) && (e.end === null || e.end >= lastDay(ym))).length;
  console.log(`personer: ${personSeq}, anställningar: ${employments.length}`);
  console.log(`anställda (månadsavlönade) 2023-07: ${activeAt(202307)}, 2024-07: ${activeAt(202407)}`);
  console.log(`rader: anställningar ${empLines.length - 1}, frånvaro ${absLines.length - 1}, inhyrd ${hiredLines.length - 1}, rehab ${rehabLines.length - 1}, arbetsmiljö ${envLines.length - 1}`);
}
