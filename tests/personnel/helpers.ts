/**
 * Small builders for hand-made HR data: every test states its employees, months and sick-leave intervals in a few
 * lines, so the expected figures can be computed by hand next to them.
 */
import { defaultPersonnelRules, type PersonnelRules } from '../../src/config/personnel-schema.js';
import { parseIsoDay, monthsBetween } from '../../src/model/calendar.js';
import type {
  EmploymentMonth, Gender, LeaveCategory, Person, PersonnelData, SickLeaveRecord,
} from '../../src/model/personnel.js';

export function day(iso: string): number {
  const d = parseIsoDay(iso);
  if (d === null) throw new Error(`bad date ${iso}`);
  return d;
}

export function h(hours: number): number {
  return Math.round(hours * 100);
}

export interface EmpOptions {
  readonly costCentre?: string;
  readonly form?: string;
  readonly scheduled?: number;
  readonly worked?: number;
  readonly overtime?: number;
  readonly hourlyPaid?: number;
  readonly onCall?: number;
  readonly start?: string | null;
  readonly end?: string | null;
  readonly leave?: LeaveCategory | null;
}

export class HrBuilder {
  readonly persons: Person[] = [];
  readonly employments: EmploymentMonth[] = [];
  readonly sickLeave: SickLeaveRecord[] = [];
  private row = 2;

  person(gender: Gender | null, birth: string | null = '1980-06-15'): number {
    this.persons.push({ gender, birthDay: birth === null ? null : day(birth), age: null });
    return this.persons.length - 1;
  }

  /** `count` persons of one gender and birth date. */
  people(count: number, gender: Gender | null, birth = '1980-06-15'): number[] {
    return Array.from({ length: count }, () => this.person(gender, birth));
  }

  /** An employment row for each month from..to (YYYYMM). Hours in whole hours. */
  employ(employee: number, from: number, to: number, o: EmpOptions = {}): void {
    for (const m of monthsBetween(from, to)) {
      const scheduled = o.scheduled ?? 160;
      this.employments.push({
        employee,
        period: m,
        costCentre: o.costCentre ?? 'A1',
        form: o.form ?? 'Tillsvidareanställda',
        employmentRate: 10000,
        start: o.start ? day(o.start) : null,
        end: o.end ? day(o.end) : null,
        leaveCategory: o.end ? (o.leave === undefined ? 'external' : o.leave) : null,
        scheduled: h(scheduled),
        worked: h(o.worked ?? scheduled),
        overtime: h(o.overtime ?? 0),
        hourlyPaid: h(o.hourlyPaid ?? 0),
        onCall: h(o.onCall ?? 0),
        row: this.row++,
      });
    }
  }

  sick(employee: number, from: string, to: string, hours: number, costCentre = 'A1', extent: number | null = 10000): void {
    this.sickLeave.push({ employee, costCentre, from: day(from), to: day(to), extent, hours: h(hours), row: this.row++ });
  }

  data(): PersonnelData {
    return {
      persons: this.persons,
      employments: this.employments,
      sickLeave: this.sickLeave,
      hiredStaff: null,
      rehab: null,
      workEnvironment: null,
      columns: { overtime: true, hourlyPaid: true, onCall: true },
    };
  }
}

export function rules(patch: (r: PersonnelRules) => PersonnelRules = (r) => r): PersonnelRules {
  return patch(defaultPersonnelRules());
}

/** Percent of a ratio as a float, for readable assertions (exact ratios are asserted separately). */
export function pct(r: { num: number; den: number } | null): number | null {
  return r === null ? null : (r.num / r.den) * 100;
}
