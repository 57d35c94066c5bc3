/**
 * The code that runs exceljs inside a `worker_thread` (see `xlsx.ts` for why). It is kept as a CommonJS source
 * string run with `eval: true` so the same code works from `src/` under the test runner and from `dist/` after the
 * build, without a loader for TypeScript in the worker. It does as little as possible: load the workbook and post
 * every sheet's raw cell values (structured-cloneable: strings, numbers, booleans, Dates and exceljs' plain
 * value objects). All interpretation happens in typed code in the main thread.
 *
 * Cell notes are never read, so a crafted note cannot reach the main thread; and whatever exceljs does to
 * prototypes inside the worker stays in the worker's own realm.
 */

export interface WorkerInput {
  readonly exceljsPath: string;
  readonly bytes: Uint8Array;
  readonly maxRows: number;
  readonly maxColumns: number;
}

export interface WorkerSheetInfo {
  readonly name: string;
  readonly state: string;
}

export interface WorkerRow {
  readonly r: number;
  readonly hidden: boolean;
  /** Flat pairs: column number (1-based), raw exceljs value. */
  readonly cells: unknown[];
}

/** One sheet's content, or why it was not read. */
export type WorkerSheet =
  | {
      readonly kind: 'sheet';
      readonly name: string;
      readonly state: string;
      readonly autoFilter: boolean;
      readonly rows: WorkerRow[];
    }
  | { readonly kind: 'too-large'; readonly name: string; readonly what: 'rows' | 'columns'; readonly limit: number };

/**
 * The whole workbook: every sheet is read in one pass, so several sources on sheets of one workbook (the goal
 * export has six) cost one worker and one parse, not one each.
 */
export type WorkerOutput =
  | { readonly kind: 'workbook'; readonly date1904: boolean; readonly sheets: WorkerSheet[] }
  | { readonly kind: 'failed'; readonly message: string };

export const WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const ExcelJS = require(workerData.exceljsPath);
(async () => {
  try {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(workerData.bytes.buffer, workerData.bytes.byteOffset, workerData.bytes.byteLength));
    const sheets = [];
    for (const ws of wb.worksheets.filter(Boolean)) {
      const name = String(ws.name);
      const rows = [];
      let tooLarge = null;
      ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
        if (tooLarge) return;
        if (rows.length >= workerData.maxRows) { tooLarge = { what: 'rows', limit: workerData.maxRows }; return; }
        const cells = [];
        row.eachCell({ includeEmpty: false }, (cell, col) => {
          if (col > workerData.maxColumns) { tooLarge = { what: 'columns', limit: workerData.maxColumns }; return; }
          // A merged range repeats the master's value in every cell; only the master counts.
          if (cell.isMerged && cell.master && cell.master.address !== cell.address) return;
          cells.push(col, cell.value);
        });
        rows.push({ r: rowNumber, hidden: !!row.hidden, cells });
      });
      if (tooLarge) sheets.push({ kind: 'too-large', name, what: tooLarge.what, limit: tooLarge.limit });
      else sheets.push({ kind: 'sheet', name, state: String(ws.state || 'visible'), autoFilter: !!ws.autoFilter, rows });
    }
    parentPort.postMessage({ kind: 'workbook', date1904: !!(wb.properties && wb.properties.date1904), sheets });
  } catch (e) {
    parentPort.postMessage({ kind: 'failed', message: String((e && e.message) || e).slice(0, 300) });
  }
})();
`;
