/**
 * Tools for authors of an organisation's own Word template: check one (`templateCheck`), write the starter
 * (`templateInit`, `buildStarterTemplate`). Filling a template with a report is the Word writer's
 * (`fillTemplate` in src/render/docx/); the placeholder syntax is described in fixtures/templates/README.md.
 */
export { templateCheck, templateCheckExitCode } from './check.js';
export { templateInit, DEFAULT_TEMPLATE_FILE, type TemplateInitResult } from './init.js';
export { buildStarterTemplate, EXAMPLE_BRAND, EXAMPLE_TEMPLATE_OPTIONS, type Brand, type StarterOptions } from './starter.js';
export { findingToDiagnostic, type TemplateFinding } from '../render/docx/index.js';
