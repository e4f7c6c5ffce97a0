/**
 * Spreadsheet tools Rekam did not write, for reading its exports back: LibreOffice Calc
 * (headless, Debian's libreoffice-calc-nogui) converting a file, and openpyxl reading an XLSX.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** LibreOffice converts `file` (in `dir`) to `to` into `dir`, with its own profile there. */
export function soffice(dir: string, file: string, to: string, infilter?: string): void {
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
      '--headless',
      ...(infilter ? [`--infilter=${infilter}`] : []),
      '--convert-to',
      to,
      '--outdir',
      dir,
      file,
    ],
    { cwd: dir, stdio: 'pipe', timeout: 120_000 },
  );
}

export interface OpenpyxlSheet {
  /** Every row as [value, openpyxl type name] pairs ('str', 'int', 'datetime', …). */
  rows: [string, string][][];
  /** The top-left cell below and right of the frozen panes ('A2'), or null. */
  freeze: string | null;
  paperSize: string | null;
}

/** The first sheet of an XLSX as openpyxl reads it. */
export function openpyxlSheet(file: string): OpenpyxlSheet {
  const script = `
import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
rows = [[[str(c.value) if c.value is not None else '', type(c.value).__name__] for c in r] for r in ws.iter_rows()]
paper = ws.page_setup.paperSize
print(json.dumps({"rows": rows, "freeze": ws.freeze_panes, "paperSize": str(paper) if paper is not None else None}))
`;
  return JSON.parse(
    execFileSync(PYTHON, ['-c', script, file], { encoding: 'utf8' }),
  ) as OpenpyxlSheet;
}
