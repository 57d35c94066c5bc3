/**
 * The command line: `rapport generate | validate | init`. Each command is a short orchestrator in commands/;
 * this file only declares them (Swedish help), and maps failures to exit codes in one place.
 *
 * A command's module (and with it exceljs, docx, the readers) is loaded only when that command runs, so `--help`
 * and `--version` start as fast as Node itself.
 */
import { Command, CommanderError, Help } from 'commander';
import { exitCode } from './exit-codes.js';
import { UsageError } from './usage-error.js';
import { nearestName } from '../model/nearest.js';
import { DiagnosticError } from '../model/diagnostics.js';

/** commander's own words, in Swedish. */
function swedishHelp(text: string): string {
  return text
    .replace(/^Usage:/m, 'Användning:')
    .replace(/^Options:/m, 'Flaggor:')
    .replace(/^Commands:/m, 'Kommandon:')
    .replace(/^Arguments:/m, 'Argument:')
    .replace(/\[options\]/g, '[flaggor]')
    .replace(/\[command\]/g, '[kommando]')
    .replace(/\(default: ([^)]*)\)/g, '(standard: $1)');
}

function swedishError(err: CommanderError, program: Command): string {
  const m = /'([^']*)'/.exec(err.message);
  const what = m?.[1] ?? '';
  switch (err.code) {
    case 'commander.unknownOption': return `Okänd flagga ${what}. Se "rapport --help".`;
    case 'commander.unknownCommand': {
      const near = nearestName(what, program.commands.map((c) => c.name()));
      return `Okänt kommando ${what}.${near ? ` Menade du "rapport ${near}"?` : ''} Se "rapport --help".`;
    }
    case 'commander.optionMissingArgument': return `Flaggan ${what} behöver ett värde.`;
    case 'commander.missingMandatoryOptionValue': return `Flaggan ${what} måste anges.`;
    case 'commander.excessArguments': return 'För många argument. Se "rapport --help".';
    case 'commander.missingArgument': return `Argument saknas: ${what}.`;
    default: return err.message.replace(/^error: /, '');
  }
}

/**
 * Commands that read the sources start the ledger's aggregation worker first thing, before their own code loads
 * (~150 ms): a large ledger's reader then finds it running instead of waiting for it to boot (60–120 ms on a small
 * VM). A run whose ledger is small never gives it work; it waits idle (measured: ~0,1 s of the other CPU, ~15 MiB)
 * and never keeps the process alive. See pipeline/prestart.ts for the table it prepares when the ledger is large.
 */
async function prestartWorkers(): Promise<void> {
  const { availableParallelism } = await import('node:os');
  if (availableParallelism() >= 2) (await import('../sources/ledger/aggregate.js')).prestartAggregation();
}

/** A repeatable option's values (`--allow a --allow b,c`). */
function collect(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];
}

/**
 * `--period latest`: replaced by the latest closed period of the configuration's calendar before the command runs.
 * False (with the exit code set) when it cannot be resolved.
 */
async function latest(o: { period?: string; config?: string }, setCode: (code: number) => void): Promise<boolean> {
  if (o.period !== 'latest') return true;
  const resolved = await (await import('./commands/calendar.js')).resolveLatestPeriod(o.config);
  if (typeof resolved === 'number') {
    setCode(resolved);
    return false;
  }
  o.period = resolved;
  return true;
}

export function buildProgram(setCode: (code: number) => void): Command {
  const program = new Command();
  const configure = (cmd: Command): Command =>
    cmd
      .configureHelp({ formatHelp: (c, h) => swedishHelp(Help.prototype.formatHelp.call(h, c, h)) })
      .helpOption('-h, --help', 'visa hjälp')
      .exitOverride()
      .configureOutput({ outputError: () => {} });
  configure(program)
    .name('rapport')
    .description('Gör delårsrapporter och årsrapporter av regionens exporter (Raindance, Heroma, målsystem).')
    .version('0.1.0', '-V, --version', 'visa versionen')
    .helpCommand('help [kommando]', 'visa hjälp för ett kommando')
    .showHelpAfterError(false)
    .showSuggestionAfterError(false);

  configure(program.command('generate'))
    .description('gör rapporten för en period (alla enheter, eller en med --unit)')
    .option('-p, --period <ÅÅÅÅ-MM>', 'rapportperioden, till exempel 2024-08, eller latest: senast stängda perioden enligt bokslutskalendern')
    .option('-c, --config <fil>', 'konfigurationsfilen', 'rapport.config.yaml')
    .option('-u, --unit <id>', 'gör rapporten bara för denna enhet (id som i organisationen, till exempel regionstyrelsen)')
    .option('-o, --out <mapp>', 'mappen rapporterna skrivs till (standard: output.dir i konfigurationen)')
    .option('-f, --format <lista>', 'format, kommaseparerade: docx, xlsx, pdf, md, json (standard: output.formats i konfigurationen)')
    .option('-t, --template <fil>', 'organisationens Word-mall (.docx/.dotx) för docx och pdf (standard: output.template)')
    .option('--final', 'slutlig version: vägra publicera om obligatoriska texter saknas')
    .option('--overwrite', 'skriv över Word-rapporter som har ändrats efter att de skapades (annars stoppar generate med slutkod 73)')
    .option('--strict', 'behandla varningar som fel')
    .option('--allow <kod>', 'godkänn en namngiven avvikelse i avstämningen (t.ex. reconcile.periods-outside); kan upprepas. Rapporten anger det på titelsidan', collect, [])
    .option('--json', 'maskinläsbar utdata (JSON) i stället för text')
    .option('--check <mapp>', 'skriv inget: jämför med sparade rapporter (json, md) i mappen och lista varje siffra och text som ändrats (slutkod 65 vid skillnad)')
    .action(async (o) => {
      await prestartWorkers();
      if (!(await latest(o, setCode))) return;
      if (o.check !== undefined) setCode(await (await import('./commands/check.js')).checkSamples(o));
      else setCode(await (await import('./commands/generate.js')).generate(o));
    });

  configure(program.command('validate'))
    .description('läs och kontrollera alla källor utan att skriva något')
    .option('-p, --period <ÅÅÅÅ-MM>', 'rapportperioden (standard: senaste månaden med utfall)')
    .option('-c, --config <fil>', 'konfigurationsfilen', 'rapport.config.yaml')
    .option('--strict', 'behandla varningar som fel')
    .option('--allow <kod>', 'godkänn en namngiven avvikelse i avstämningen; kan upprepas', collect, [])
    .option('--json', 'maskinläsbar utdata (JSON) i stället för text')
    .action(async (o) => {
      await prestartWorkers();
      if (!(await latest(o, setCode))) return;
      setCode(await (await import('./commands/validate.js')).validate(o));
    });

  configure(program.command('explain'))
    .description('visa var en siffra i rapporten kommer ifrån: källraderna, reglerna och räkningen som ger den')
    .option('-p, --period <ÅÅÅÅ-MM>', 'rapportperioden, till exempel 2024-08')
    .option('-c, --config <fil>', 'konfigurationsfilen', 'rapport.config.yaml')
    .option('-u, --unit <id>', 'enheten vars rapport siffran står i (standard: hela organisationen)')
    .option('--figure <tabell/rad/kolumn>', 'siffran: tabellens id, radens och kolumnens namn, till exempel "resultat/Personalkostnader/Ack utfall innev år"')
    .option('--all', 'lista alla källrader (annars de första 20 per del, och summor per konto)')
    .option('--json', 'maskinläsbar utdata (JSON) med alla källrader')
    .action(async (o) => {
      if (!(await latest(o, setCode))) return;
      setCode(await (await import('./commands/explain.js')).explain(o));
    });

  configure(program.command('calendar'))
    .description('visa bokslutskalendern: senast stängda period och kommande datum (månadsbokslut, prognoser, rapporter)')
    .option('-c, --config <fil>', 'konfigurationsfilen', 'rapport.config.yaml')
    .option('--date <ÅÅÅÅ-MM-DD>', 'räkna från detta datum (standard: i dag)')
    .option('--months <antal>', 'hur många månader framåt som visas', '3')
    .option('--json', 'maskinläsbar utdata (JSON)')
    .action(async (o) => {
      setCode(await (await import('./commands/calendar.js')).calendar(o));
    });

  configure(program.command('init'))
    .description('skriv en kommenterad startkonfiguration (rapport.config.yaml), med --from utifrån regionens exporter')
    .option('--from <mapp>', 'mappen med exporterna (csv, xlsx): känn igen filer och kolumner, skriv konfigurationen och kontrollera den')
    .option('--file <fil>', 'filen som skrivs', 'rapport.config.yaml')
    .option('--layout <namn>', 'utgå från en inbyggd rapportlayout (t.ex. standard): kopieras till layout.yaml bredvid konfigurationen')
    .option('--force', 'skriv över en befintlig fil')
    .option('--json', 'maskinläsbar utdata (JSON)')
    .action(async (o) => {
      setCode(await (await import('./commands/init.js')).init(o));
    });
  configure(program.command('accessibility'))
    .description('kontrollera tillgängligheten i ett Word-dokument (.docx): språk, titel, rubriker, alternativtext, tabellrubriker, kontrast')
    .argument('<fil>', 'dokumentet som kontrolleras')
    .option('--strict', 'behandla varningar som fel')
    .option('--json', 'maskinläsbar utdata (JSON)')
    .action(async (file: string, o) => {
      setCode(await (await import('./commands/accessibility.js')).accessibility(file, o));
    });
  const texts = configure(program.command('texts')).description('texter som skrivs i Word-rapporten och läses tillbaka till textmappen');
  configure(texts.command('import'))
    .description('läs in texterna från rapporter som skrivits i Word till textmappen (berattelser/<enhet>/<nyckel>.md)')
    .argument('<filer...>', 'Word-rapporterna (.docx) som rapport generate har skapat')
    .requiredOption('-p, --period <ÅÅÅÅ-MM>', 'rapportperioden dokumenten gäller, till exempel 2024-08')
    .option('-c, --config <fil>', 'konfigurationsfilen', 'rapport.config.yaml')
    .option('-u, --unit <id>', 'läs bara in dokument för denna enhet')
    .option('--changes <accept|reject>', 'spårade ändringar: godkänn (accept) eller avvisa (reject) alla')
    .option('--force', 'skriv över textfiler som har ändrats sedan dokumentet skapades')
    .option('--json', 'maskinläsbar utdata (JSON)')
    .action(async (files: string[], o) => {
      setCode(await (await import('./commands/texts.js')).textsImport(files, o));
    });
  const template = configure(program.command('template')).description('Word-mallar med platshållare för organisationens egen layout');
  configure(template.command('init'))
    .description('skriv en startmall (.docx) med alla slags platshållare')
    .argument('[fil]', 'mallfilen som skrivs', 'rapportmall.docx')
    .option('--force', 'skriv över en befintlig fil')
    .option('--json', 'maskinläsbar utdata (JSON)')
    .action(async (file: string, o) => {
      setCode(await (await import('./commands/template.js')).templateInitCommand(file, o));
    });
  configure(template.command('check'))
    .description('kontrollera en mall: okända platshållare och hjälpfunktioner, saknade format, tillgänglighet')
    .argument('<fil>', 'mallen (.docx eller .dotx)')
    .option('--json', 'maskinläsbar utdata (JSON)')
    .action(async (file: string, o) => {
      setCode(await (await import('./commands/template.js')).templateCheckCommand(file, o));
    });
  return program;
}

/** Runs the CLI and returns the exit code (bin/rapport sets it). */
export async function main(argv: readonly string[]): Promise<number> {
  let code = 0;
  const program = buildProgram((c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      process.stderr.write(`fel: ${swedishError(e, program)}\n`);
      return exitCode({ diagnostics: [], failure: 'usage' });
    }
    if (e instanceof UsageError) {
      process.stderr.write(`fel: ${e.message}\n`);
      return exitCode({ diagnostics: [], failure: 'usage' });
    }
    if (e instanceof DiagnosticError) {
      // A step that could not go on (an input that cannot be read mid-run): its Swedish diagnostics, its exit code.
      for (const d of e.diagnostics) process.stderr.write(`fel${d.location ? ` ${d.location.file}` : ''}: ${d.message} [${d.code}]\n`);
      return exitCode({ diagnostics: e.diagnostics, failure: e.failure });
    }
    process.stderr.write(`Oväntat fel: ${(e as Error).stack ?? String(e)}\nDetta är ett fel i rapport; rapportera det gärna.\n`);
    return 70;
  }
}
