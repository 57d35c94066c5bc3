import type { AccountGroupsSourceSpec } from '../config/schema.js';
import { diag } from '../messages/index.js';
import type { AccountGroupRow, ReadResult, SourceInput } from '../model/records.js';
import { normaliseHeader, openTable, readText, type ReadOptions, fileOf } from './table.js';

/**
 * The account grouping ("kontogrupper") → `AccountGroupRow[]` in file order (the order report rows are printed in).
 * Every account maps to exactly one report row: an account listed twice is `accounts.mapped-twice` (a configuration
 * error, exit 78), even when both lines name the same row. Account, report row and section are required; the
 * account name column may be absent.
 */
export async function readAccountGroups(input: SourceInput, spec: AccountGroupsSourceSpec, options: ReadOptions = {}): Promise<ReadResult<AccountGroupRow[]>> {
  const file = input.displayName;
  const cols = spec.columns;
  const { table, sink } = await openTable(
    input,
    {
      ...fileOf(spec),
      required: [cols.account, cols.reportRow, cols.section],
      optional: [cols.accountName],
    },
    options,
  );
  const out: AccountGroupRow[] = [];
  const first = new Map<string, AccountGroupRow>();
  for (const row of table.rows) {
    const account = readText(table, row, cols.account, true, sink);
    const accountName = readText(table, row, cols.accountName, false, sink) ?? '';
    const reportRow = readText(table, row, cols.reportRow, true, sink);
    const section = readText(table, row, cols.section, true, sink);
    if (account === undefined || reportRow === undefined || section === undefined) continue;
    const earlier = first.get(account);
    if (earlier) {
      sink.add(
        diag(
          'accounts.mapped-twice',
          { account, first: `${earlier.reportRow} (rad ${earlier.row})`, second: `${reportRow} (rad ${row.row})` },
          table.at(row.row, normaliseHeader(cols.account)),
          account,
        ),
      );
      continue;
    }
    const rec: AccountGroupRow = { account, accountName, reportRow, section, row: row.row };
    first.set(account, rec);
    out.push(rec);
  }
  return { value: out, diagnostics: sink.finish(file) };
}
