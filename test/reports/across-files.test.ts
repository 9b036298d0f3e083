// One rule for rows that several report files share (the Date Range reader's claims and charges,
// the settlement reader's reserves): a row two files share counts once, a row one file repeats as
// often as that file has it. So each row counts as often as the one file that has it most.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acrossFiles, RowsAcrossFiles } from '../../src/adapters/reports/across-files.js';

const files = fc.array(fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 8 }), { maxLength: 5 });
const count = (rows: readonly string[]) => rows.reduce((m, r) => m.set(r, (m.get(r) ?? 0) + 1), new Map<string, number>());

describe('rows across files', () => {
  it('each row is kept as often as the file that has it most, in the order first met; the items kept are those rows', () => {
    fc.assert(
      fc.property(files, (readings) => {
        const kept = acrossFiles(readings.map((rows, f) => ({ items: rows.map((row, i) => `${row}@${f}.${i}`), rows })));
        const most = new Map<string, number>();
        for (const rows of readings) for (const [row, n] of count(rows)) most.set(row, Math.max(n, most.get(row) ?? 0));
        expect(count(kept.map((item) => item.split('@')[0]!))).toEqual(count([...most].flatMap(([row, n]) => Array<string>(n).fill(row))));
        // What is kept is in the files' order: never a later copy instead of the first.
        expect([...kept].sort((x, y) => order(x) - order(y))).toEqual(kept);
      }),
      { numRuns: 300 },
    );
    function order(item: string): number {
      const [f, i] = item.split('@')[1]!.split('.').map(Number);
      return f! * 100 + i!;
    }
  });

  it('is the same rule streamed, one file after another (as the settlement reader reads reserves)', () => {
    const rows = new RowsAcrossFiles();
    const first = rows.nextFile();
    expect(['r', 'r', 's'].map(first)).toEqual([true, true, true]);
    const again = rows.nextFile();
    expect(['r', 's', 'r', 'r'].map(again)).toEqual([false, false, false, true]);
  });
});
