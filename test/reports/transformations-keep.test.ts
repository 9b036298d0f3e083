// Transformation (metamorphic) tests of the reports adapter, generated with fast-check
// (test/helpers/report-transformations.ts: the seller model, the styles, the oracle): what keeps
// the meaning (line endings LF, CRLF, CR or mixed; UTF-8, BOM, Windows-1252, UTF-16; gzip; column
// order; extra unknown columns; header case and spacing; a report split in two files; duplicated
// rows; unrelated files beside) must keep the verdict and the failing checks.

import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors.js';
import { CaseFolder, expected, files, outcome, SCALE, sellerArb, styleArb } from '../helpers/report-transformations.js';

const folder = new CaseFolder();
afterAll(() => folder.remove());

describe('transformations of report folders', () => {
  it('keeps the verdict and the failing checks through every change that keeps the meaning', async () => {
    await fc.assert(
      fc.asyncProperty(sellerArb, styleArb, async (seller, style) => {
        const before = expected(seller);
        const after = await outcome(folder.write(files(seller, style), style));
        if (after instanceof CliError) throw new Error(`refused: ${after.message}`);
        expect({ verdict: after.verdict, failing: after.failing }).toEqual({ verdict: before.verdict, failing: before.failing });
        // The Date Range report's ads charge warns, in every form; without one it passes.
        expect(after.status['hidden-charges']).toBe(seller.reasons.includes('ads') ? 'warn' : 'pass');
      }),
      { numRuns: 150 * SCALE },
    );
  });
});
