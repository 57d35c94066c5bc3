/** docs/diagnostics.md: the message catalogue as documentation (one row per code), generated so it cannot drift. */
import { catalogue } from '../messages/index.js';

const SEVERITY = { error: 'fel', warning: 'varning', info: 'info' } as const;

export function diagnosticsMarkdown(): string {
  const rows = Object.entries(catalogue)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, def]) => `| \`${code}\` | ${SEVERITY[def.severity]} | ${def.text.replace(/\|/g, '\\|')} |`);
  return [
    '# Diagnostics',
    '',
    'Every error and warning `rapport` can report, generated from `src/messages/` (`npm run schema` regenerates it).',
    'Errors stop the run (exit 65 for data, 78 for configuration, 73 when `generate` would overwrite a Word report someone',
    'has written in: `generate.report-edited`, `generate.report-unknown`) and name file, sheet, row, column and the raw value;',
    'warnings let the run go on and are listed in its summary (`--strict` makes them errors). `{name}` marks a value',
    'filled in from the case at hand.',
    '',
    '| code | severity | message |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
