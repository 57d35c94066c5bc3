/** Heroma-shaped HR extracts: loading, reading and pseudonymising. See `load.ts` for the entry point. */
export { personnelSources, readPersonnelInputs, type LoadPersonnelResult, type PersonnelInputs } from './load.js';
export { readAbsence, readEmployments, newHrReadContext, type HrReadContext } from './read-hr.js';
export { readHiredStaff, readRehab, readWorkEnvironment } from './read-small.js';
export { Pseudonymiser, PersonRegistry, redactDiagnostics, REDACTED } from './identity.js';
export type * from '../../model/personnel.js';
