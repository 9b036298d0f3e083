// Transformation (metamorphic) tests of the reports adapter, generated with fast-check
// (test/helpers/report-transformations.ts: the seller model, the styles, the oracle): a file
// truncated inside a row or its header loses information, so it may only give unknown or an
// input error: never ready, and no check that failed passes.

import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { bytesOf, CaseFolder, expected, files, losing, onlyStricter, outcome, SCALE, unchanged } from '../helpers/report-transformations.js';

const folder = new CaseFolder();
afterAll(() => folder.remove());

describe('transformations of report folders', () => {
  it('never says ready, nor passes a failing check, when a file is truncated inside a row or its header', async () => {
    await fc.assert(
      fc.asyncProperty(losing, async ({ seller, style, file, where }) => {
        const before = expected(seller);
        const list = files(seller, style);
        const target = list[file % list.length]!;
        let cut = -1;
        const dir = folder.write(list, style, (name, bytes) => {
          if (name !== target.name) return bytes;
          cut = where % bytes.length;
          return bytes.subarray(0, cut);
        });
        const plainBytes = bytesOf(target.lines, target.style, target.seed, target.csv);
        // A cut just after a line break leaves a well-formed report with fewer rows, which no
        // reader can tell from one that had fewer rows: outside what this property claims.
        const isBreak = (byte: number | undefined) => byte === 0x0a || byte === 0x0d;
        // (The cut is made before gzip, as a download cut off and then compressed.)
        // In UTF-16LE a line break is its byte then a NUL.
        const atBreak = target.style.encoding === 'utf-16le' ? plainBytes[cut - 1] === 0 && isBreak(plainBytes[cut - 2]) : isBreak(plainBytes[cut - 1]);
        fc.pre(cut === 0 || !atBreak);
        expect(onlyStricter(before, await outcome(dir))).toBe(true);
        // A gzipped file cut anywhere in its compressed bytes: a damaged gzip, exit 2.
        if (target.style.gzip) {
          const cutStored = folder.write(list, style, unchanged, (name, bytes) => (name === target.name ? bytes.subarray(0, where % bytes.length) : bytes));
          expect(onlyStricter(before, await outcome(cutStored))).toBe(true);
        }
      }),
      {
        numRuns: 200 * SCALE,
        // Found by this property: a cut inside the last cell of a row, the rows after it lost; a
        // settlement report's header, its columns in another order, cut after its first name (the
        // one name of its kind left was not enough to doubt the balance, attested to a pass).
        examples: [
          // A gzipped settlement report cut after its first byte (0x1f) was skipped as unrelated.
          [{ seller: { reasons: ['reserve'], filler: 1, openStatus: 'Pending', stockPlace: 'afn-fulfillable-quantity', units: 1, listingStatus: 'Active' }, style: { eol: 'lf', encoding: 'utf-8', gzip: true, shuffle: 0, extraColumns: 0, headerCase: 'as-is', split: false, duplicate: false, unrelated: false }, file: 1640647027, where: 1, what: 0 }],
          [{ seller: { reasons: ['owed'], filler: 1, openStatus: 'Pending', stockPlace: 'afn-fulfillable-quantity', units: 1, listingStatus: 'Active' }, style: { eol: 'lf', encoding: 'utf-8', gzip: false, shuffle: 502, extraColumns: 1, headerCase: 'as-is', split: false, duplicate: false, unrelated: false }, file: 5, where: 22, what: 0 }],
          [{ seller: { reasons: ['owed'], filler: 1, openStatus: 'Pending', stockPlace: 'afn-fulfillable-quantity', units: 1, listingStatus: 'Active' }, style: { eol: 'lf', encoding: 'utf-8', gzip: false, shuffle: 1, extraColumns: 2, headerCase: 'as-is', split: false, duplicate: false, unrelated: false }, file: 194647948, where: 15, what: 0 }],
          [{ seller: { reasons: ['recent-open-order'], filler: 1, openStatus: 'Pending - Waiting for Pick Up', stockPlace: 'afn-fulfillable-quantity', units: 1, listingStatus: 'Active' }, style: { eol: 'lf', encoding: 'utf-8-bom', gzip: false, shuffle: 188, extraColumns: 3, headerCase: 'as-is', split: false, duplicate: true, unrelated: false }, file: 0, where: 2147483613, what: 0 }],
          // A UTF-16BE settlement report showing money owed, cut after its first character (bytes
          // 00 73, "s"), was skipped as a binary file, and the attested balance passed (found by
          // this property in a benchmark run of the whole suite; failing before). Cut inside its
          // second character (00 73 00), the same.
          [{ seller: { reasons: ['owed'], filler: 1, openStatus: 'Pending', stockPlace: 'afn-fulfillable-quantity', units: 1, listingStatus: 'Active' }, style: { eol: 'lf', encoding: 'utf-16be', gzip: false, shuffle: 0, extraColumns: 0, headerCase: 'as-is', split: false, duplicate: false, unrelated: false }, file: 1368465831, where: 2, what: 0 }],
          [{ seller: { reasons: ['owed'], filler: 1, openStatus: 'Pending', stockPlace: 'afn-fulfillable-quantity', units: 1, listingStatus: 'Active' }, style: { eol: 'lf', encoding: 'utf-16be', gzip: false, shuffle: 0, extraColumns: 0, headerCase: 'as-is', split: false, duplicate: false, unrelated: false }, file: 1368465831, where: 3, what: 0 }],
          // A settlement report holding a reserve, its own extra columns first, cut inside the first
          // of them ("Cus"): no name told its kind, so it was skipped as unrelated and the attested
          // balance passed (seeds 965148771 and 1471412219; failing before).
          [{ seller: { reasons: ['reserve'], filler: 1, openStatus: 'Pending', stockPlace: 'afn-fulfillable-quantity', units: 1, listingStatus: 'Active' }, style: { eol: 'lf', encoding: 'utf-8', gzip: false, shuffle: 588, extraColumns: 2, headerCase: 'as-is', split: false, duplicate: false, unrelated: false }, file: 2130706415, where: 3, what: 0 }]],
      },
    );
  });
});
