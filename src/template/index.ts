/**
 * Organisations' own Word templates: fill one with a report (`fillTemplate`), check one (`templateCheck`), write the
 * starter (`templateInit`). The placeholder syntax is described in fixtures/templates/README.md.
 */
export { fillTemplate, sanitiseModel, type FillTemplateOptions } from './fill.js';
export { templateCheck, templateCheckExitCode } from './check.js';
export { templateInit, DEFAULT_TEMPLATE_FILE, type TemplateInitResult } from './init.js';
export { buildStarterTemplate, EXAMPLE_BRAND, EXAMPLE_TEMPLATE_OPTIONS, type Brand, type StarterOptions } from './starter.js';
export { TemplateError, findingToDiagnostic, type TemplateFinding } from './findings.js';
export { buildTemplateContext, templateContextSchema, TEMPLATE_VARIABLES, type TemplateContext } from './context.js';
export { TEMPLATE_HELPERS, DEFAULT_LIMITS, type TemplateLimits } from './expressions.js';
export { TEMPLATE_BLOCKS } from './blocks.js';
