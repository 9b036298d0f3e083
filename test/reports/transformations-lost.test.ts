// Transformation (metamorphic) tests of the reports adapter, generated with fast-check
// (test/helpers/report-transformations.ts: the seller model, the styles, the oracle): a file
// dropped, a cell blanked, a byte damaged or a file made older loses information, so it may only
// give unknown or an input error: never ready, and no check that failed passes.

import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { AS_OF, CaseFolder, DAY, expected, files, losing, onlyStricter, outcome, SCALE } from '../helpers/report-transformations.js';

const folder = new CaseFolder();
afterAll(() => folder.remove());

describe('transformations of report folders', () => {
  it('never says ready, nor passes a failing check, when a file is dropped, a cell blanked, a byte damaged or a file made older', async () => {
    await fc.assert(
      fc.asyncProperty(losing, fc.constantFrom('drop', 'blank', 'damage', 'older'), async ({ seller, style, file, where, what }, change) => {
        const before = expected(seller);
        const list = files(seller, style);
        const target = list[file % list.length]!;
        let dir: string;
        if (change === 'drop') {
          // Without the settlement report the balance is the seller's to attest (and this test
          // attests it): dropping the only data that shows money owed is what --attest covers.
          fc.pre(!(target.kind === 'settlement' && seller.reasons.some((r) => r === 'owed' || r === 'reserve')));
          dir = folder.write(list.filter((f) => f !== target), style);
        } else if (change === 'blank') {
          const rows = target.lines.length - 1;
          fc.pre(rows > 0);
          const line = 1 + (where % rows);
          const column = what % target.lines[line]!.length;
          const lines = target.lines.map((cells, i) => (i === line ? cells.map((c, j) => (j === column ? '' : c)) : cells));
          dir = folder.write(list.map((f) => (f === target ? { ...f, lines } : f)), style);
        } else if (change === 'damage') {
          const CONTROL = [0x00, 0x01, 0x02, 0x07, 0x08, 0x0b, 0x0c, 0x0e, 0x1a, 0x1b, 0x1f, 0x7f];
          dir = folder.write(list, style, (name, bytes) => {
            if (name !== target.name) return bytes;
            const copy = Buffer.from(bytes);
            const i = where % copy.length;
            // A line break damaged runs two rows together: see the report's note on All Orders.
            fc.pre(copy[i] !== 0x0a && copy[i] !== 0x0d);
            // A byte of a UTF-16 character damaged makes another printable character, not a
            // control one: a changed column name no reader can tell from a real one.
            fc.pre(!style.encoding.startsWith('utf-16'));
            copy[i] = CONTROL[what % CONTROL.length]!;
            return copy;
          });
        } else {
          dir = folder.write(list, style);
          const old = new Date(Date.parse(`${AS_OF}T08:00:00Z`) - (4 + (what % 60)) * DAY);
          utimesSync(join(dir, target.name), old, old);
        }
        expect(onlyStricter(before, await outcome(dir))).toBe(true);
      }),
      { numRuns: 300 * SCALE },
    );
  });
});
