import { makeDiagnostic, type Catalogue } from './catalogue.js';
import type { Diagnostic, Severity, SourceLocation } from '../model/diagnostics.js';
import { configMessages } from './config.js';
import { calcMessages } from './calc.js';
import { ioMessages } from './io.js';
import { sourcesMessages } from './sources.js';
import { personnelMessages } from './personnel.js';
import { goalsMessages } from './goals.js';
import { renderMessages } from './render.js';
import { templateMessages } from './template.js';

/** All diagnostic codes of the tool. Areas add their own files and list them here. */
export const catalogue: Catalogue = {
  ...configMessages,
  ...calcMessages,
  ...ioMessages,
  ...sourcesMessages,
  ...personnelMessages,
  ...goalsMessages,
  ...renderMessages,
  ...templateMessages,
};

export function diag(
  code: string,
  params: Readonly<Record<string, string | number>> = {},
  location?: SourceLocation,
  value?: string,
  severity?: Severity,
): Diagnostic {
  return makeDiagnostic(catalogue, code, params, location, value, severity);
}
