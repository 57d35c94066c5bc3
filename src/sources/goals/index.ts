/** The goal follow-up's readers: records, parsers and the one entry the pipeline calls (`readGoalInputs`). */
export * from '../../model/goals.js';
export { goalFiles, readGoalInputs, type LoadedGoals } from './load-goals.js';
export { readGoals } from './read-goals.js';
export { readIndicators } from './read-indicators.js';
export { readUppdrag, readMeasures, readProjects, readInternalControl } from './read-lists.js';
export { compareIndicatorIds } from './compare-indicators.js';
