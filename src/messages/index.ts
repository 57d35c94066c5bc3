import { makeDiagnostic, type MessageArgs } from './catalogue.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { configMessages } from './config.js';
import { calcMessages } from './calc.js';
import { ioMessages } from './io.js';
import { sourcesMessages } from './sources.js';
import { personnelMessages } from './personnel.js';
import { goalsMessages } from './goals.js';
import { renderMessages } from './render.js';
import { templateMessages } from './template.js';
import { setupMessages } from './setup.js';
import { reconcileMessages } from './reconcile.js';
import { layoutMessages } from './layout.js';
import { textsMessages } from './texts.js';
import { outputMessages } from './output.js';
import { checkMessages } from './check.js';
import { calendarMessages } from './calendar.js';
import { koladaMessages } from './kolada.js';

/** All diagnostic codes of the tool. Areas add their own files and list them here. */
export const catalogue = {
  ...configMessages,
  ...calcMessages,
  ...ioMessages,
  ...sourcesMessages,
  ...personnelMessages,
  ...goalsMessages,
  ...renderMessages,
  ...templateMessages,
  ...setupMessages,
  ...reconcileMessages,
  ...layoutMessages,
  ...textsMessages,
  ...outputMessages,
  ...checkMessages,
  ...calendarMessages,
  ...koladaMessages,
} as const;

/** Every diagnostic code (a union of string literals: a misspelt code does not compile). */
export type Code = keyof typeof catalogue;

/** The parameters of a code: exactly the `{name}` placeholders of its text. */
export type { ParamsOf, MessageArgs } from './catalogue.js';

/**
 * A diagnostic from the catalogue: `diag('io.file-not-found', { file, path }, { file })`. The parameters are checked
 * against the code's text by the compiler.
 */
export function diag<C extends Code>(code: C, ...args: MessageArgs<(typeof catalogue)[C]['text']>): Diagnostic {
  return makeDiagnostic(catalogue, code, ...args);
}

/**
 * Every text must be one string literal (no `'…' + '…'`): a text of type `string` would have no placeholders the
 * compiler can see, and its parameters would go unchecked. This line fails to compile naming such a code.
 */
type UntypedText = { [C in Code]: string extends (typeof catalogue)[C]['text'] ? C : never }[Code];
export const everyTextIsLiteral: [UntypedText] extends [never] ? true : UntypedText = true;
