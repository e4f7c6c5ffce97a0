// CSV as spreadsheets open it: UTF-8 with a BOM, CRLF, every field quoted. A field starting
// with = + - @ is prefixed with ' so a spreadsheet never runs it as a formula (CSV injection).

const BOM = '\uFEFF';

function field(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function writeCsv(rows: string[][]): Buffer {
  return Buffer.from(BOM + rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n', 'utf8');
}

/** RFC 4180 reader (quoted fields, doubled quotes, CRLF or LF). */
export function parseCsv(bytes: Uint8Array): string[][] {
  let s = Buffer.from(bytes).toString('utf8');
  if (s.startsWith(BOM)) s = s.slice(1);
  const rows: string[][] = [];
  let row: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          cur += '"';
          i++;
        } else quoted = false;
      } else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cur);
      cur = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(cur);
      rows.push(row);
      row = [];
      cur = '';
    } else cur += ch;
  }
  if (cur !== '' || row.length > 0) {
    row.push(cur);
    rows.push(row);
  }
  return rows;
}
