/**
 * Word → PDF with LibreOffice (`soffice --headless --convert-to pdf`), tagged and PDF/UA. A batch of files is converted
 * by one LibreOffice start with a user profile of its own in a temporary folder, so parallel runs (and a LibreOffice
 * the user has open) don't clash — a large batch by one such start per CPU, side by side, each over its own part;
 * each file is stopped after a timeout. When LibreOffice is not installed the error
 * says, in Swedish, how to install it.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { access, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, delimiter, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeDiagnostic, type MessageArgs } from '../messages/catalogue.js';
import { renderMessages } from '../messages/render.js';
import { addFigureAltTexts, docxAltTexts } from './pdf-alt-text.js';
import { DiagnosticError, type Diagnostic } from '../model/diagnostics.js';

export interface ConvertToPdfOptions {
  /** Stop LibreOffice after this long. Default 120 s (a first start of LibreOffice can take 20 s). */
  readonly timeoutMs?: number;
  /** The soffice program to run. Default: `findSoffice()`. */
  readonly soffice?: string;
  /**
   * LibreOffice processes run side by side, each over its own part of the batch with its own profile (LibreOffice
   * converts on one core). Default: one per CPU, at most 4, and at most one per 20 files (a start costs seconds):
   * the example region's 11 reports are one start; 303 reports on 2 CPUs are two.
   */
  readonly lanes?: number;
}

const MAX_LANES = 4;
const FILES_PER_LANE = 20;

/** LibreOffice processes for a batch of `files` when `lanes` is not given (see ConvertToPdfOptions.lanes). */
export function defaultPdfLanes(files: number, cpus: number = availableParallelism()): number {
  return Math.max(1, Math.min(cpus, MAX_LANES, Math.floor(files / FILES_PER_LANE)));
}

/** A failed conversion: the diagnostic (`render.pdf.*`) with the Swedish message; the output cannot be created (exit 73). */
export class PdfConversionError extends DiagnosticError {
  constructor(diagnostic: Diagnostic) {
    super(diagnostic, 'cannot-create');
  }
}

function fail<C extends keyof typeof renderMessages>(code: C, ...args: MessageArgs<(typeof renderMessages)[C]['text']>): PdfConversionError {
  return new PdfConversionError(makeDiagnostic(renderMessages, code, ...args));
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Where LibreOffice's `soffice` is: `$RAPPORT_SOFFICE`, then `soffice`/`libreoffice` on the PATH, then the usual
 * install places on Linux, macOS and Windows. Null when it is not installed.
 */
export function findSoffice(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
  const given = env['RAPPORT_SOFFICE'];
  if (given && isExecutable(given)) return given;
  const names = platform === 'win32' ? ['soffice.exe', 'soffice.com', 'libreoffice.exe'] : ['soffice', 'libreoffice'];
  for (const dir of (env['PATH'] ?? env['Path'] ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  const places: string[] = [];
  if (platform === 'darwin') places.push('/Applications/LibreOffice.app/Contents/MacOS/soffice');
  else if (platform === 'win32') {
    for (const root of [env['ProgramFiles'], env['ProgramFiles(x86)'], 'C:\\Program Files']) {
      if (root) places.push(join(root, 'LibreOffice', 'program', 'soffice.exe'));
    }
  } else {
    places.push('/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice', '/snap/bin/libreoffice');
    try {
      for (const d of readdirSync('/opt')) if (/^libreoffice/i.test(d)) places.push(join('/opt', d, 'program', 'soffice'));
    } catch {
      // no /opt
    }
  }
  return places.find(isExecutable) ?? null;
}

/**
 * How LibreOffice writes the PDF (`writer_pdf_Export`'s options, as the JSON LibreOffice reads since 7.4): tagged and
 * PDF/UA, so screen readers get the headings, tables, figures and reading order, and the document's language and title
 * (DisplayDocTitle); bookmarks from the headings; no form fields (the Word file's content controls stay plain text).
 * An older LibreOffice ignores the options and writes an untagged PDF (`scripts/check-pdf.mjs` reports that).
 */
export const PDF_EXPORT_FILTER = `pdf:writer_pdf_Export:${JSON.stringify({
  UseTaggedPDF: { type: 'boolean', value: 'true' },
  PDFUACompliance: { type: 'boolean', value: 'true' },
  ExportBookmarks: { type: 'boolean', value: 'true' },
  DisplayPDFDocumentTitle: { type: 'boolean', value: 'true' },
  ExportFormFields: { type: 'boolean', value: 'false' },
  ExportNotes: { type: 'boolean', value: 'false' },
})}`;

/** One document of a batch: its PDF's path, or why it has none. */
export type PdfBatchResult =
  | { readonly input: string; readonly ok: true; readonly pdf: string }
  | { readonly input: string; readonly ok: false; readonly error: PdfConversionError };

/**
 * Converts a .docx to PDF in `outDir` and returns the PDF's path (`outDir/<name>.pdf`).
 * @throws PdfConversionError when LibreOffice is missing, fails, times out or writes no PDF.
 */
export async function convertToPdf(docxPath: string, outDir: string, options: ConvertToPdfOptions = {}): Promise<string> {
  const [result] = await convertManyToPdf([docxPath], outDir, options);
  if (!result!.ok) throw result!.error;
  return result!.pdf;
}

/**
 * Converts many .docx files to PDF in `outDir` with one LibreOffice start (one user profile for the whole batch, in a
 * temporary folder of its own): starting LibreOffice costs several seconds, converting a report about one. A large
 * batch is split into contiguous parts converted side by side, one LibreOffice start and profile each (`lanes`:
 * LibreOffice converts on one core). The files are converted in the order given; the timeout applies to each file (LibreOffice reports each file as it goes), and
 * when one file hangs LibreOffice is stopped, that file is reported as timed out and the files after it are converted
 * in a new start. A file LibreOffice cannot convert gets its own error; the others are converted all the same. The
 * results are in the order of `docxPaths`.
 * @throws PdfConversionError only when LibreOffice is missing (no file can be converted).
 */
export async function convertManyToPdf(docxPaths: readonly string[], outDir: string, options: ConvertToPdfOptions = {}): Promise<PdfBatchResult[]> {
  if (docxPaths.length === 0) return [];
  const soffice = options.soffice ?? findSoffice();
  if (soffice === null) throw fail('render.pdf.libreoffice-missing');
  const out = resolve(outDir);
  const inputs = docxPaths.map((p) => resolve(p));
  for (const input of inputs) await access(input, constants.R_OK);
  const timeoutMs = options.timeoutMs ?? 120_000;
  const results = new Map<number, PdfBatchResult>();
  // The batch in contiguous parts, one LibreOffice process (and profile) each, side by side.
  // Files of the same name would write the same PDF: such a batch keeps one process (its starts take them apart).
  const names = new Set(inputs.map((p) => pdfName(p).toLowerCase()));
  const lanes = names.size < inputs.length ? 1 : Math.max(1, Math.min(options.lanes ?? defaultPdfLanes(inputs.length), inputs.length));
  const parts = Array.from({ length: lanes }, (_, l) => {
    const from = Math.floor((l * inputs.length) / lanes);
    return Array.from({ length: Math.floor(((l + 1) * inputs.length) / lanes) - from }, (_, k) => from + k);
  });
  await Promise.all(parts.map((part) => convertLane(soffice, inputs, part, out, timeoutMs, results)));
  const converted = inputs.map((_, i) => results.get(i)!);
  for (const r of converted) if (r.ok) await restoreAltTexts(r.input, r.pdf);
  return converted;
}

/**
 * One LibreOffice process's part of a batch (`part`: indices into `inputs`), in order, with a profile of its own: as
 * many starts as the command-line length and the names need (`chunks`), and a new start after a file it hung or
 * stopped on. Each file's result goes into `results`.
 */
async function convertLane(soffice: string, inputs: readonly string[], part: readonly number[], out: string, timeoutMs: number, results: Map<number, PdfBatchResult>): Promise<void> {
  const profile = await mkdtemp(join(tmpdir(), 'rapport-lo-'));
  try {
    // Two starts in a row that convert nothing mean LibreOffice itself does not work here (not one file): the rest of
    // the part gets the last start's error instead of one start per file.
    let emptyStarts = 0;
    for (const chunk of chunks(part.map((i) => inputs[i]!))) {
      let todo = chunk.map((k) => part[k]!);
      while (todo.length > 0) {
        const batch = await runBatch(soffice, profile, todo.map((i) => inputs[i]!), out, timeoutMs);
        for (const [k, r] of batch.done.entries()) results.set(todo[k]!, r);
        todo = todo.slice(batch.done.length);
        emptyStarts = batch.done.some((r) => r.ok) ? 0 : emptyStarts + 1;
        if (emptyStarts >= 2 && todo.length > 0) {
          const detail = 'LibreOffice skrev ingen PDF i två starter i rad, så resten av omgången prövades inte.';
          for (const i of todo) results.set(i, { input: inputs[i]!, ok: false, error: fail('render.pdf.no-output', { file: basename(inputs[i]!), detail }) });
          todo = [];
        }
      }
    }
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

/** The Word file's alt texts onto the PDF's figures, which LibreOffice leaves without (`pdf-alt-text.ts`). */
async function restoreAltTexts(docxPath: string, pdfPath: string): Promise<void> {
  const pdf = new Uint8Array(await readFile(pdfPath));
  const fixed = addFigureAltTexts(pdf, docxAltTexts(new Uint8Array(await readFile(docxPath))));
  if (fixed !== pdf) await writeFile(pdfPath, fixed);
}

/**
 * Splits the inputs (their indices) into LibreOffice starts: files of the same name would write the same PDF, and a
 * command line has a length limit (32 767 characters on Windows), so each start gets distinct names and at most
 * 24 000 characters of paths.
 */
function chunks(inputs: readonly string[]): number[][] {
  const out: number[][] = [];
  let current: number[] = [];
  let names = new Set<string>();
  let length = 0;
  for (const [i, input] of inputs.entries()) {
    const name = pdfName(input).toLowerCase();
    if (current.length > 0 && (names.has(name) || length + input.length + 3 > 24_000)) {
      out.push(current);
      current = [];
      names = new Set();
      length = 0;
    }
    current.push(i);
    names.add(name);
    length += input.length + 3;
  }
  if (current.length > 0) out.push(current);
  return out;
}

function pdfName(input: string): string {
  return `${basename(input, extname(input))}.pdf`;
}

/**
 * One LibreOffice start over `inputs`. Gives the results of the files it got to, in order: all of them, or, when a file
 * took longer than `timeoutMs`, the files before it and that file (timed out); the caller starts again after it.
 */
async function runBatch(soffice: string, profile: string, inputs: readonly string[], out: string, timeoutMs: number): Promise<{ done: PdfBatchResult[] }> {
  const startedAt = Date.now();
  const { code, stdout, stderr, timedOut } = await run(
    soffice,
    [
      '--headless',
      '--norestore',
      '--nolockcheck',
      '--nodefault',
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--convert-to',
      PDF_EXPORT_FILTER,
      '--outdir',
      out,
      ...inputs,
    ],
    timeoutMs,
  );
  const written = await Promise.all(inputs.map((input) => completePdf(join(out, pdfName(input)), startedAt)));
  const detail = lastLines(stderr);
  const result = (k: number): PdfBatchResult => {
    const input = inputs[k]!;
    const file = basename(input);
    if (written[k]) return { input, ok: true, pdf: join(out, pdfName(input)) };
    if (code !== 0 && code !== null) return { input, ok: false, error: fail('render.pdf.failed', { file, code, detail }) };
    return { input, ok: false, error: fail('render.pdf.no-output', { file, detail }) };
  };
  if (!timedOut) {
    // LibreOffice ended before the end of its list (it crashed, or quit, after the last PDF it wrote): the files up to
    // that PDF are done and the caller starts again after it, so a crash costs only the file it happened on. When
    // this start wrote nothing at all, its first file gets its own error and the others go to a new start.
    const rest = written.lastIndexOf(true) + 1;
    if (rest < inputs.length) return { done: inputs.slice(0, Math.max(rest, 1)).map((_, k) => result(k)) };
    return { done: inputs.map((_, k) => result(k)) };
  }
  // Stopped: LibreOffice converts in the order given and says "convert <file> -> …" once it has loaded a file, before
  // it writes the PDF. The file it hung on is the last one it announced, if that one has no complete PDF, else the
  // first one after it without a PDF (hung while loading).
  const said = new Set(
    stdout
      .split('\n')
      .map((line) => /-> (.+) using filter/.exec(line)?.[1]?.split(/[\\/]/).pop()?.toLowerCase())
      .filter((n): n is string => n !== undefined),
  );
  const announced = inputs.map((input) => said.has(pdfName(input).toLowerCase()));
  const last = announced.lastIndexOf(true);
  let hung = last >= 0 && !written[last] ? last : inputs.findIndex((_, k) => k > last && !written[k]);
  if (hung < 0) hung = inputs.length - 1;
  const done = inputs.slice(0, hung).map((_, k) => result(k));
  const file = basename(inputs[hung]!);
  done.push({ input: inputs[hung]!, ok: false, error: fail('render.pdf.timeout', { file, seconds: String(Math.round(timeoutMs / 100) / 10).replace('.', ',') }) });
  return { done };
}

/** Whether `path` is a PDF written since `since` and complete (ends with `%%EOF`, so not cut off by a stop). */
async function completePdf(path: string, since: number): Promise<boolean> {
  const info = await stat(path).catch(() => null);
  if (!info || info.mtimeMs < since - 2000) return false;
  const bytes = await readFile(path);
  return bytes.subarray(Math.max(0, bytes.length - 1024)).toString('latin1').includes('%%EOF');
}

/**
 * A Word file's bytes → the PDF's bytes, converted in a private temporary folder that is removed afterwards; `name`
 * is the Word file's name there, without `.docx`.
 * @throws PdfConversionError as `convertToPdf`.
 */
export async function docxToPdf(docx: Uint8Array, name: string, options: ConvertToPdfOptions = {}): Promise<Uint8Array> {
  const [result] = await docxBatchToPdf([{ name, docx }], options);
  if (!result!.ok) throw result!.error;
  return result!.pdf;
}

/** One Word file of a batch (`name` without `.docx`), and its PDF or why it has none. */
export interface WordDocument {
  readonly name: string;
  readonly docx: Uint8Array;
}
export type PdfBytesResult = { readonly name: string; readonly ok: true; readonly pdf: Uint8Array } | { readonly name: string; readonly ok: false; readonly error: PdfConversionError };

/**
 * Many Word files' bytes → their PDFs' bytes with one LibreOffice start (`convertManyToPdf`), in a private temporary
 * folder that is removed afterwards. Results in the order given; a file that could not be converted has its error.
 * @throws PdfConversionError only when LibreOffice is missing.
 */
export async function docxBatchToPdf(documents: readonly WordDocument[], options: ConvertToPdfOptions = {}): Promise<PdfBytesResult[]> {
  if (documents.length === 0) return [];
  const tmp = await mkdtemp(join(tmpdir(), 'rapport-pdf-'));
  try {
    // Each Word file in a folder of its own, so two of the same name cannot overwrite each other.
    const paths = await Promise.all(
      documents.map(async (d, i) => {
        const dir = join(tmp, String(i));
        await mkdir(dir);
        const path = join(dir, `${d.name}.docx`);
        await writeFile(path, d.docx);
        return path;
      }),
    );
    const results = await convertManyToPdf(paths, join(tmp, 'pdf'), options);
    const out: PdfBytesResult[] = [];
    for (const [i, r] of results.entries()) {
      const name = documents[i]!.name;
      out.push(r.ok ? { name, ok: true, pdf: await readFile(r.pdf) } : { name, ok: false, error: r.error });
    }
    return out;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

function lastLines(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/javaldx|java may not function/i.test(l));
  return lines.slice(-3).join(' ');
}

function run(cmd: string, args: readonly string[], timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolvePromise, reject) => {
    // A process group of its own (detached) so a timeout can stop soffice and the helpers it starts.
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32', windowsHide: true });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const stopChild = () => {
      timedOut = true;
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    };
    // The timeout is per file: LibreOffice writes a line for each file it takes on (or fails), which restarts the clock.
    let timer = setTimeout(stopChild, timeoutMs);
    const progress = () => {
      if (timedOut) return;
      clearTimeout(timer);
      timer = setTimeout(stopChild, timeoutMs);
    };
    child.stdout.on('data', (d: Buffer) => {
      if (stdout.length < 1_000_000) stdout += d.toString('utf8');
      progress();
    });
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 20_000) stderr += d.toString('utf8');
      progress();
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (e.code === 'ENOENT') reject(fail('render.pdf.libreoffice-missing'));
      else reject(fail('render.pdf.failed', { file: basename(args[args.length - 1] ?? ''), code: e.code ?? 'okänd', detail: e.message }));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr, timedOut });
    });
  });
}
