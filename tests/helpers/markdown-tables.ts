/** Reads pipe tables out of Markdown: heading text above each table → rows of trimmed cell texts. */
export interface MdTable {
  readonly heading: string;
  readonly header: string[];
  readonly rows: string[][];
}

function cells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).map((c) => c.replace(/\\\|/g, '|').trim());
}

export function parseMarkdownTables(md: string): MdTable[] {
  const lines = md.split(/\r?\n/);
  const out: MdTable[] = [];
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^#{1,6} /.test(line) || /^\*\*[^|]+\*\*$/.test(line.trim())) heading = line.replace(/^#+ /, '').replace(/\*\*/g, '').trim();
    if (line.trim().startsWith('|') && lines[i + 1]?.trim().match(/^\|\s*:?-{3,}/)) {
      const header = cells(line);
      const rows: string[][] = [];
      let j = i + 2;
      for (; j < lines.length && lines[j]!.trim().startsWith('|'); j++) rows.push(cells(lines[j]!));
      out.push({ heading, header, rows });
      i = j - 1;
    }
  }
  return out;
}

/** Cell text as a reader sees it: no bold markers, no indentation, plain spaces, no footnote asterisk. */
export function plainCell(s: string): string {
  return s.replace(/\*\*/g, '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+\*$/, '').trim();
}
