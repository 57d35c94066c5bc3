/**
 * Records of the Heroma-shaped HR extracts, as the readers hand them to the pure core (`src/calc/personnel`).
 *
 * Identities never get this far: the readers replace the employee id (personnummer or anställningsnummer) with a
 * small integer, `employee`, that only links the rows of one run; names are never read. Hours are integer
 * hundredths of an hour ("centihours": 7,60 h = 760), so sums are exact. Dates are day numbers (days since
 * 1970-01-01, see `src/model/calendar.ts`).
 *
 * Glossary: sjukfrånvaro = sick leave; ordinarie/schemalagd arbetstid = scheduled hours; omfattning = extent;
 * anställningsform = form of employment; avgångsorsak = reason for leaving; sysselsättningsgrad = employment rate;
 * timavlönade = hourly-paid; övertid/mertid = overtime; jour/beredskap = on call; inhyrd personal = hired staff;
 * rehabiliteringsärende = rehabilitation case; arbetsmiljöavvikelse = work-environment incident or risk.
 */

export type Gender = 'K' | 'M';

/** What is known of one (pseudonymised) person: only what the figures need. */
export interface Person {
  readonly gender: Gender | null;
  /** Day number of the birth date, when the extract has one. */
  readonly birthDay: number | null;
  /** Age as given by the extract, when it has ages instead of birth dates. */
  readonly age: number | null;
}

/** Reason-for-leaving components (seed 003); `none` = the employment ended but the person did not leave. */
export type LeaveCategory = 'pension' | 'internal' | 'external' | 'none';

/** One employment in one month (the employment extract has a row per employment and month). */
export interface EmploymentMonth {
  readonly employee: number;
  /** YYYYMM */
  readonly period: number;
  readonly costCentre: string;
  /** Label of the form of employment (from `staff.forms`). */
  readonly form: string;
  /** Sysselsättningsgrad in hundredths of a percent (100 % = 10000), when given. */
  readonly employmentRate: number | null;
  readonly start: number | null;
  readonly end: number | null;
  readonly leaveCategory: LeaveCategory | null;
  /** Centihours. */
  readonly scheduled: number;
  readonly worked: number;
  readonly overtime: number;
  readonly hourlyPaid: number;
  readonly onCall: number;
  readonly row: number;
}

/** One sick-leave interval of the absence extract (other absence types are skipped by the reader). */
export interface SickLeaveRecord {
  readonly employee: number;
  readonly costCentre: string;
  /** Inclusive day numbers. */
  readonly from: number;
  readonly to: number;
  /** Extent in hundredths of a percent (50 % = 5000), when given. */
  readonly extent: number | null;
  /** Sick-leave hours of the interval (centihours): the column's value, or scheduled hours × extent. */
  readonly hours: number;
  readonly row: number;
}

/** Hired staff (inhyrd personal) hours of one month and ansvar. */
export interface HiredStaffRecord {
  readonly period: number;
  readonly costCentre: string;
  /** Centihours, converted from cost with the configured hour price where the file has costs. */
  readonly hours: number;
  readonly row: number;
}

export interface RehabCase {
  readonly costCentre: string;
  readonly opened: number;
  readonly closed: number | null;
  readonly row: number;
}

export interface WorkEnvironmentEvent {
  readonly costCentre: string;
  readonly day: number;
  readonly kind: 'incident' | 'risk';
  readonly category: string | null;
  readonly row: number;
}

/** Everything read from the HR extracts of one run. `persons[employee]` describes each pseudonymised employee. */
export interface PersonnelData {
  readonly persons: readonly Person[];
  readonly employments: readonly EmploymentMonth[];
  readonly sickLeave: readonly SickLeaveRecord[];
  readonly hiredStaff: readonly HiredStaffRecord[] | null;
  readonly rehab: readonly RehabCase[] | null;
  readonly workEnvironment: readonly WorkEnvironmentEvent[] | null;
  /** The categories the arbetsmiljö table always lists, in order (`workEnvironment.categories`); null or absent: those found. */
  readonly workEnvironmentCategories?: readonly string[] | null;
  /** Which optional hour columns the employment extract has (the report leaves out rows it has no data for). */
  readonly columns: { readonly overtime: boolean; readonly hourlyPaid: boolean; readonly onCall: boolean };
}

/**
 * How a configured arbetsmiljö category (`workEnvironment.categories`) matches the export's values: whatever their
 * case, surrounding spaces and Unicode form ("Hot och våld" written with a combining ring matches too).
 */
export function categoryKey(name: string): string {
  return name.normalize('NFC').trim().toLocaleLowerCase('sv');
}
