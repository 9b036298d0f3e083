// The one table of close-account: columns measured in display cells (kanji take two), the
// whole fitted to the terminal's width by wrapping the widest cells within their own column.

import { displayWidth, wrapLine } from './text-layout.js';

export interface TableOptions {
  /** The terminal's width in cells. */
  width: number;
  /** Spaces before each row. */
  indent?: number;
  /** Spaces between columns. */
  gap?: number;
  /** Colours a cell's text once laid out (colour codes never count as width). */
  style?: (text: string, row: number, column: number) => string;
}

/** Column widths that fit `available` cells: the widest columns give way first, down to a floor. */
function fitColumns(natural: number[], available: number): number[] {
  const widths = [...natural];
  const floor = 8;
  let total = widths.reduce((a, b) => a + b, 0);
  while (total > available) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest]! <= floor) break;
    widths[widest] = widths[widest]! - 1;
    total -= 1;
  }
  return widths;
}

export function renderTable(rows: string[][], options: TableOptions): string {
  if (rows.length === 0) return '';
  const indent = options.indent ?? 0;
  const gap = options.gap ?? 2;
  const columns = Math.max(...rows.map((r) => r.length));
  const natural = Array.from({ length: columns }, (_, c) => Math.max(...rows.map((r) => displayWidth(r[c] ?? ''))));
  const widths = fitColumns(natural, options.width - indent - gap * (columns - 1));
  const out: string[] = [];
  rows.forEach((row, r) => {
    const cells = widths.map((w, c) => wrapLine(row[c] ?? '', w).map((l) => l.trimStart()));
    const height = Math.max(...cells.map((c) => c.length));
    for (let line = 0; line < height; line++) {
      const parts = widths.map((w, c) => {
        const text = cells[c]![line] ?? '';
        const shown = options.style && text ? options.style(text, r, c) : text;
        return c === columns - 1 ? shown : shown + ' '.repeat(Math.max(0, w - displayWidth(text)));
      });
      out.push((' '.repeat(indent) + parts.join(' '.repeat(gap))).trimEnd());
    }
  });
  return out.join('\n');
}
