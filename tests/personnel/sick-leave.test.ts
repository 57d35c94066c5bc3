import { describe, expect, it } from 'vitest';
import { calculatePersonnel } from '../../src/calc/personnel/index.js';
import { changeInPoints } from '../../src/calc/personnel/privacy.js';
import { formatPercent } from '../../src/model/format.js';
import { HrBuilder, rules } from './helpers.js';

/** Report period August 2024 → HR period July 2024 (one month lag). */
const AUG = { year: 2024, month: 8 };

describe('sick-leave KPIs (hand-computed)', () => {
  /**
   * 12 women born 1990 and 12 men born 1970, 160 h scheduled each month Jan–Jul 2024 (and the two years before, so
   * every window is covered). Year to date: each group 12 × 160 × 7 = 13 440 h, total 26 880 h.
   * Sick leave 2024 (8 h a day):
   *   W0  3 days  (2–4 Jan)                  24 h
   *   W1  10 days 50 % (5–14 Feb, 4 h/day)   40 h  partial-day sick leave
   *   W2  70 days (1 Mar – 9 May)           560 h  long-term (≥ 60 days)
   *   M0  5 days  (6–10 May)                 40 h
   *   M1  2 days  (30–31 Jul)                16 h
   *   M2  4 days  (28 Jun – 1 Jul)           32 h  crosses a month boundary
   * Women 624 h / 13 440 h = 4,642857 % → 4,64; men 88 / 13 440 = 0,654762 % → 0,65;
   * total 712 / 26 880 = 2,648810 % → 2,65; långtid 560 / 712 = 78,651685 % → 78,65.
   */
  function build(): HrBuilder {
    const b = new HrBuilder();
    const women = b.people(12, 'K', '1990-05-01');
    const men = b.people(12, 'M', '1970-05-01');
    for (const e of [...women, ...men]) b.employ(e, 202201, 202407);
    b.sick(women[0]!, '2024-01-02', '2024-01-04', 24);
    b.sick(women[1]!, '2024-02-05', '2024-02-14', 40, 'A1', 5000);
    b.sick(women[2]!, '2024-03-01', '2024-05-09', 560);
    b.sick(men[0]!, '2024-05-06', '2024-05-10', 40);
    b.sick(men[1]!, '2024-07-30', '2024-07-31', 16);
    b.sick(men[2]!, '2024-06-28', '2024-07-01', 32);
    return b;
  }

  // The attributable-figure rule is off here to check the arithmetic; it is tested below and in privacy.test.ts.
  const noDominance = rules((x) => ({ ...x, privacy: { ...x.privacy, dominancePercent: null } }));
  const r = calculatePersonnel(build().data(), noDominance, { period: AUG, unitCostCentres: ['A1'] }).results;
  const ytd = r.sickLeave.ytd;

  it('total = sick hours / scheduled hours', () => {
    expect(ytd.total.ratio).toEqual({ num: 71200, den: 2688000 });
    expect(formatPercent(ytd.total.ratio, 2)).toBe('2,65');
  });

  it('andel långtid = hours in spells ≥ 60 days / all sick hours', () => {
    expect(ytd.longTermShare.ratio).toEqual({ num: 56000, den: 71200 });
    expect(formatPercent(ytd.longTermShare.ratio, 2)).toBe('78,65');
  });

  it('women and men, each over their own scheduled hours', () => {
    expect(ytd.women.ratio).toEqual({ num: 62400, den: 1344000 });
    expect(ytd.men.ratio).toEqual({ num: 8800, den: 1344000 });
    expect(formatPercent(ytd.women.ratio, 2)).toBe('4,64');
    expect(formatPercent(ytd.men.ratio, 2)).toBe('0,65');
  });

  it('age groups by age at year end: women 34 (30–49), men 54 (≥ 50), nobody ≤ 29', () => {
    const [young, mid, old] = ytd.ageGroups;
    expect(young!.suppressed).toBe('empty');
    expect(mid!.ratio).toEqual({ num: 62400, den: 1344000 });
    expect(old!.ratio).toEqual({ num: 8800, den: 1344000 });
  });

  it('duration bands add up to the total', () => {
    // W2's 70 days: day 1–14 = 112 h, day 15–70 = 448 h. Everything else is within day 1–14: 152 h.
    const [b1, b2, b3, b4] = ytd.bands;
    expect(b1!.ratio).toEqual({ num: 15200 + 11200, den: 2688000 });
    expect(b2!.ratio).toEqual({ num: 44800, den: 2688000 });
    expect(b3!.ratio).toEqual({ num: 0, den: 2688000 });
    expect(b4!.ratio).toEqual({ num: 0, den: 2688000 });
  });

  it('per month, spells crossing a month split by calendar days', () => {
    const jun = r.sickLeave.months.find((m) => m.period === 202406)!.figure;
    const jul = r.sickLeave.months.find((m) => m.period === 202407)!.figure;
    // M2: 28–30 Jun = 3 days (24 h), 1 Jul = 1 day (8 h). June: 24 scheduled months × 160 h = 3 840 h.
    expect(jun.ratio).toEqual({ num: 2400, den: 384000 });
    expect(jul.ratio).toEqual({ num: 800 + 1600, den: 384000 });
    // After the HR period: no data.
    expect(r.sickLeave.months.find((m) => m.period === 202408)!.figure).toEqual({ ratio: null, suppressed: null, population: 0 });
    // The chart shows last year too: no sick leave in 2023.
    expect(r.sickLeave.monthsPrev[0]!.figure.ratio).toEqual({ num: 0, den: 384000 });
  });

  it('the previous year is compared (no sick leave in 2023: 0 %) and the change in points', () => {
    expect(r.sickLeave.ytdPrev.total.ratio).toEqual({ num: 0, den: 2688000 });
    const change = changeInPoints(ytd.total, r.sickLeave.ytdPrev.total, 2);
    expect(formatPercent(change.ratio, 2)).toBe('2,65');
  });

  it('R12 = Σ sick hours / Σ scheduled hours over the 12 months to July', () => {
    // 12 months × 24 employees × 160 h = 46 080 h; sick hours the same 712 h.
    expect(r.sickLeave.r12.total.ratio).toEqual({ num: 71200, den: 4608000 });
    expect(formatPercent(r.sickLeave.r12.total.ratio, 2)).toBe('1,55');
    // Korttid (day 1–14): 152 + 112 = 264 h; medellång (15–59): 45 days × 8 = 360 h; lång (60–70): 11 × 8 = 88 h.
    expect(r.sickLeave.r12.classes.map((c) => c.ratio?.num)).toEqual([26400, 36000, 8800]);
  });

  it('andel medarbetare med 0 och högst 5 sjukdagar (R12)', () => {
    // Sick days: W0 3, W1 10, W2 70, M0 5, M1 2, M2 4 → 18 of 24 with 0 days; 18 + 4 (W0, M0, M1, M2) = 22 with ≤ 5.
    expect(r.sickLeave.r12.zeroDays.ratio).toEqual({ num: 18, den: 24 });
    expect(r.sickLeave.r12.fewDays.ratio).toEqual({ num: 22, den: 24 });
  });

  it('R12 a year ago is covered by the 2022–2023 data', () => {
    expect(r.sickLeave.r12Prev.total.ratio).toEqual({ num: 0, den: 4608000 });
  });

  it('with the default rules, figures made of one person\'s hours are not shown', () => {
    const d = calculatePersonnel(build().data(), rules(), { period: AUG, unitCostCentres: ['A1'] }).results.sickLeave;
    // All long-term hours are W2's: the share describes her.
    expect(d.ytd.longTermShare.suppressed).toBe('attributable');
    // Band dag 15–90 is W2's alone; another band (the smallest, dag 91–365 with 0 h) is hidden so that the
    // hidden one cannot be had from the total minus the others.
    expect(d.ytd.bands.map((b) => b.suppressed)).toEqual([null, 'attributable', 'complementary', null]);
    // Months whose sick leave is one person's: January (W0), February (W1), March and April (W2), June (M2).
    // May (W2 72 h + M0 40 h) and July (M1 16 h + M2 8 h) are shown; 2024 has five hidden months, so no month
    // can be recomputed from the total and no complementary suppression is needed.
    expect(d.months.slice(0, 7).map((m) => m.figure.suppressed)).toEqual(
      ['attributable', 'attributable', 'attributable', 'attributable', null, 'attributable', null],
    );
    // The totals stay visible.
    expect(d.ytd.total.ratio).toEqual({ num: 71200, den: 2688000 });
  });
});

describe('R12 is not an average of monthly rates', () => {
  it('weights months by their scheduled hours', () => {
    // 12 employees, Aug 2023 – Jun 2024 100 h/month each, July 2024 300 h each.
    // Aug 2023: 4 employees sick 25 h each = 100 h (8,33 % of that month). Other months 0 %.
    // R12 = 100 / (11 × 1 200 + 3 600) = 100 / 16 800 = 0,595 % — the average of monthly rates would be 0,69 %.
    const b = new HrBuilder();
    const es = b.people(12, 'K');
    for (const e of es) {
      b.employ(e, 202308, 202406, { scheduled: 100 });
      b.employ(e, 202407, 202407, { scheduled: 300 });
    }
    for (const e of es.slice(0, 4)) b.sick(e, '2023-08-07', '2023-08-09', 25);
    const r = calculatePersonnel(b.data(), rules(), { period: AUG, unitCostCentres: ['A1'] }).results;
    expect(r.sickLeave.r12.total.ratio).toEqual({ num: 10000, den: 1680000 });
    expect(formatPercent(r.sickLeave.r12.total.ratio, 2)).toBe('0,60');
    // Last year's windows are not covered by the data: blank, with a diagnostic.
    expect(r.sickLeave.r12Prev.total).toEqual({ ratio: null, suppressed: null, population: 0 });
  });
});

describe('only employees with scheduled time count', () => {
  it('leaves out sick hours without scheduled hours, and reports them', () => {
    const b = new HrBuilder();
    const es = b.people(12, 'K');
    for (const e of es) b.employ(e, 202401, 202407);
    // e0 on leave in March: no scheduled hours that month.
    b.employments.splice(b.employments.findIndex((x) => x.employee === es[0] && x.period === 202403), 1);
    b.sick(es[0]!, '2024-03-04', '2024-03-05', 16);
    b.sick(es[1]!, '2024-03-04', '2024-03-05', 16);
    b.sick(es[2]!, '2024-03-04', '2024-03-05', 16);
    const { results, diagnostics } = calculatePersonnel(b.data(), rules(), { period: AUG, unitCostCentres: ['A1'] });
    expect(results.sickLeave.ytd.total.ratio).toEqual({ num: 3200, den: (12 * 7 - 1) * 16000 });
    expect(diagnostics.map((d) => d.code)).toContain('personnel.sick.noSchedule');
  });

  it('an employee with scheduled time but zero hours in every month makes an empty group: suppressed, no NaN', () => {
    const b = new HrBuilder();
    const es = b.people(15, 'K');
    for (const e of es) b.employ(e, 202401, 202407, { scheduled: 0 });
    const { results } = calculatePersonnel(b.data(), rules(), { period: AUG, unitCostCentres: ['A1'] });
    expect(results.sickLeave.ytd.total).toEqual({ ratio: null, suppressed: 'empty', population: 0 });
    expect(JSON.stringify(results)).not.toMatch(/NaN|Infinity/);
  });
});

describe('HR lag', () => {
  it('the August report shows HR figures to July; the December report to December', () => {
    const b = new HrBuilder();
    for (const e of b.people(12, 'K')) b.employ(e, 202301, 202412);
    const aug = calculatePersonnel(b.data(), rules(), { period: AUG, unitCostCentres: ['A1'] });
    expect(aug.results.hrPeriod).toBe(202407);
    expect(aug.results.windows.ytd).toEqual({ from: 202401, to: 202407 });
    expect(aug.diagnostics.map((d) => d.code)).toContain('personnel.employments.afterHrPeriod');
    const dec = calculatePersonnel(b.data(), rules(), { period: { year: 2024, month: 12 }, unitCostCentres: ['A1'] }).results;
    expect(dec.hrPeriod).toBe(202412);
    expect(dec.windows.ytd).toEqual({ from: 202401, to: 202412 });
    const lag0 = calculatePersonnel(b.data(), rules((r) => ({ ...r, hrLag: { months: 0, noLagInDecember: true } })), { period: AUG, unitCostCentres: ['A1'] }).results;
    expect(lag0.hrPeriod).toBe(202408);
  });
});
