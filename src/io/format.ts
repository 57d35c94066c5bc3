import type { SourceInput } from '../model/records.js';
import { sniffFormat } from './decode.js';

/** How a source file is read: as delimited text or as an xlsx workbook. */
export type TableFormat = 'csv' | 'xlsx';

/**
 * The format to read a source as. `auto`: `.xlsx`/`.xlsm` → xlsx, `.csv`/`.txt`/`.tsv`/`.skv` → csv (an xlsx
 * renamed .csv is then reported by the decoder, not silently read), otherwise by magic bytes.
 */
export function resolveFormat(input: SourceInput, declared: 'auto' | 'csv' | 'xlsx' = 'auto'): TableFormat {
  if (declared !== 'auto') return declared;
  const ext = /\.([^./\\]+)$/.exec(input.displayName)?.[1]?.toLowerCase() ?? '';
  if (ext === 'xlsx' || ext === 'xlsm') return 'xlsx';
  if (ext === 'csv' || ext === 'txt' || ext === 'tsv' || ext === 'skv') return 'csv';
  return sniffFormat(input.bytes) === 'zip' ? 'xlsx' : 'csv';
}
