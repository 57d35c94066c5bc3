/**
 * Word → PDF with LibreOffice (`soffice --headless --convert-to pdf`). Each conversion runs with a user profile of
 * its own in a temporary folder, so parallel runs (and a LibreOffice the user has open) don't clash, and is stopped
 * after a timeout. When LibreOffice is not installed the error says, in Swedish, how to install it.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { access, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, delimiter, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeDiagnostic, type MessageArgs } from '../messages/catalogue.js';
import { renderMessages } from '../messages/render.js';
import { DiagnosticError, type Diagnostic } from '../model/diagnostics.js';

export interface ConvertToPdfOptions {
  /** Stop LibreOffice after this long. Default 120 s (a first start of LibreOffice can take 20 s). */
  readonly timeoutMs?: number;
  /** The soffice program to run. Default: `findSoffice()`. */
  readonly soffice?: string;
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
 * Converts a .docx to PDF in `outDir` and returns the PDF's path (`outDir/<name>.pdf`).
 * @throws PdfConversionError when LibreOffice is missing, fails, times out or writes no PDF.
 */
export async function convertToPdf(docxPath: string, outDir: string, options: ConvertToPdfOptions = {}): Promise<string> {
  const soffice = options.soffice ?? findSoffice();
  if (soffice === null) throw fail('render.pdf.libreoffice-missing');
  const input = resolve(docxPath);
  const out = resolve(outDir);
  await access(input, constants.R_OK);
  const file = basename(input);
  const pdfPath = join(out, `${basename(input, extname(input))}.pdf`);
  const timeoutMs = options.timeoutMs ?? 120_000;
  const profile = await mkdtemp(join(tmpdir(), 'rapport-lo-'));
  try {
    const startedAt = Date.now();
    const { code, stderr, timedOut } = await run(
      soffice,
      [
        '--headless',
        '--norestore',
        '--nolockcheck',
        '--nodefault',
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        '--convert-to',
        'pdf:writer_pdf_Export',
        '--outdir',
        out,
        input,
      ],
      timeoutMs,
    );
    if (timedOut) throw fail('render.pdf.timeout', { file, seconds: String(Math.round(timeoutMs / 100) / 10).replace('.', ',') });
    if (code !== 0) throw fail('render.pdf.failed', { file, code: code ?? 'okänd', detail: lastLines(stderr) });
    const written = await stat(pdfPath).catch(() => null);
    if (!written || written.mtimeMs < startedAt - 2000) throw fail('render.pdf.no-output', { file, detail: lastLines(stderr) });
    return pdfPath;
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

/**
 * A Word file's bytes → the PDF's bytes, converted in a private temporary folder that is removed afterwards; `name`
 * is the Word file's name there, without `.docx`.
 * @throws PdfConversionError as `convertToPdf`.
 */
export async function docxToPdf(docx: Uint8Array, name: string, options: ConvertToPdfOptions = {}): Promise<Uint8Array> {
  const tmp = await mkdtemp(join(tmpdir(), 'rapport-pdf-'));
  try {
    const docxPath = join(tmp, `${name}.docx`);
    await writeFile(docxPath, docx);
    return await readFile(await convertToPdf(docxPath, tmp, options));
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

function run(cmd: string, args: readonly string[], timeoutMs: number): Promise<{ code: number | null; stderr: string; timedOut: boolean }> {
  return new Promise((resolvePromise, reject) => {
    // A process group of its own (detached) so a timeout can stop soffice and the helpers it starts.
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32', windowsHide: true });
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', () => undefined);
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 20_000) stderr += d.toString('utf8');
    });
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (e.code === 'ENOENT') reject(fail('render.pdf.libreoffice-missing'));
      else reject(fail('render.pdf.failed', { file: basename(args[args.length - 1] ?? ''), code: e.code ?? 'okänd', detail: e.message }));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stderr, timedOut });
    });
  });
}
