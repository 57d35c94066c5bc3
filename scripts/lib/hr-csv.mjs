// CSV in the shape of the Heroma extracts: Windows-1252, `;`, CRLF, a line break after the last line.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';

/** The bytes of a file of these lines (each already joined with `;`). */
export function encodeCsv(lines) {
  return iconv.encode(lines.join('\r\n') + '\r\n', 'windows-1252');
}

/** Writes `lines` (each already joined with `;`) to `dir/name`. */
export function writeCsv(dir, name, lines) {
  writeFileSync(path.join(dir, name), encodeCsv(lines));
}

/** The text of a Windows-1252 file. */
export function readCsvText(file) {
  return iconv.decode(readFileSync(file), 'windows-1252');
}
