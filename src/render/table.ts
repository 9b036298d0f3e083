// The one table of close-account: columns measured in display cells (kanji take two), the
// whole fitted to the terminal's width by wrapping the widest cells within their own column.

import { displayWidth, longestUnbreakable, wrapLine } from '../io/text-layout.js';

export interface TableOptions {
  /** The terminal's width in cells. */
  width: number;
  /** Spaces before each row. */
  indent?: number;
  /** Spaces between columns. */
  gap?: number;
  /** Colours a cell's text once laid out (colour codes never count as width). */
  style?: (text: string, row: number, column: number) => string;
  /**
   * The first row names the columns. When even the narrowest columns that keep every word whole
   * do not fit, each row is shown as a block of "name: value" lines instead.
   */
  header?: boolean;
}

/** Column widths that fit `available` cells: the widest columns give way first, never below their floor. */
function fitColumns(natural: number[], floors: number[], available: number): number[] {
  const widths = [...natural];
  let total = widths.reduce((a, b) => a + b, 0);
  while (total > available) {
    const shrinkable = widths.map((w, c) => (w > floors[c]! ? w : -1));
    const widest = shrinkable.indexOf(Math.max(...shrinkable));
    if (shrinkable[widest]! < 0) break;
    widths[widest] = widths[widest]! - 1;
    total -= 1;
  }
  return widths;
}

/** Each row as a block: its first cell, then "name: value" for the others, wrapped to the width. */
function renderBlocks(rows: string[][], options: TableOptions): string {
  const [names, ...data] = rows;
  const indent = ' '.repeat(options.indent ?? 0);
  return data
    .map((row, r) => {
      const title = options.style ? options.style(row[0] ?? '', r + 1, 0) : (row[0] ?? '');
      const fields = row.slice(1).map((value, i) => wrapLine(`${indent}  ${names![i + 1] ?? ''}: ${value}`, options.width).join('\n'));
      return [indent + title, ...fields].join('\n');
    })
    .join('\n');
}

export function renderTable(rows: string[][], options: TableOptions): string {
  if (rows.length === 0) return '';
  const indent = options.indent ?? 0;
  const gap = options.gap ?? 2;
  const columns = Math.max(...rows.map((r) => r.length));
  const natural = Array.from({ length: columns }, (_, c) => Math.max(...rows.map((r) => displayWidth(r[c] ?? ''))));
  // A column never gets narrower than its longest word (ids are never cut), nor than ten cells
  // (Chinese and Japanese could break after every character, which no one can read).
  const floors = Array.from({ length: columns }, (_, c) => Math.min(natural[c]!, Math.max(10, ...rows.map((r) => longestUnbreakable(r[c] ?? '')))));
  const available = options.width - indent - gap * (columns - 1);
  if (options.header && rows.length > 1 && floors.reduce((a, b) => a + b, 0) > available) return renderBlocks(rows, options);
  const widths = fitColumns(natural, floors, available);
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
