/** docs/diagnostics.md: the message catalogue as documentation (one row per code), generated so it cannot drift. */
import { catalogue } from '../messages/index.js';

const SEVERITY = { error: 'fel', warning: 'varning', info: 'info' } as const;

/** The exit codes with their meaning in Swedish, as the README lists them. */
const EXIT_CODES: readonly (readonly [number, string])[] = [
  [0, 'Klart: rapporterna publicerades (eller kontrollen gick igenom).'],
  [64, 'Fel i kommandoraden: okänd flagga, ogiltig period eller okänd enhet.'],
  [65, 'Fel i indata: en exportfil innehåller fel; inget publicerades.'],
  [66, 'En indatafil saknas eller går inte att öppna.'],
  [73, 'Utdata kan inte skapas: utmappen är skrivskyddad, saknar skrivbehörighet eller är en fil.'],
  [74, 'In- eller utmatningsfel, t.ex. full disk; tidigare rapporter är orörda.'],
  [75, 'Tillfälligt hinder, försök igen: en annan körning publicerar redan till samma utmapp, eller en fil är öppen i ett annat program.'],
  [78, 'Fel i konfigurationen eller Word-mallen.'],
];

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
    '## Exit codes',
    '',
    'The exit code says how a command ended (sysexits.h; `src/cli/exit-codes.ts` maps every outcome to one):',
    '',
    '| code | meaning (as the user reads it) |',
    '| --- | --- |',
    ...EXIT_CODES.map(([code, text]) => `| ${code} | ${text} |`),
    '',
    '## Messages',
    '',
    '| code | severity | message |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
