// The order vitest starts test files in (vitest.config.ts, sequence.sequencer): the longest files
// first, so that the suite does not end with one long file running alone on one core while the
// other idles. vitest's own order does this only from the timings it cached on this machine (a
// fresh clone has none and goes by file size; a single-file run under load skews them), so the
// files measured longest come first here, in this order, and the rest follow in vitest's order.
// Measured with `npx vitest run --reporter=json --outputFile=x.json` (endTime - startTime per
// file, longest first); a file that grows long belongs in the list.

import { BaseSequencer, type TestSpecification } from 'vitest/node';

export const LONGEST_FIRST = [
  'test/reports/transformations-lost.test.ts',
  'test/reports/transformations-truncated.test.ts',
  'test/cli/wizard-languages-pty.test.ts',
  'test/security/attack-13.test.ts',
  'test/sp-api/sp-api-adapter.test.ts',
  'test/cli/attack-y4.test.ts',
  'test/audit/attack-z3.test.ts',
  'test/archive/archive-sp-api.test.ts',
  'test/sp-api/evidence.test.ts',
  'test/sp-api/fix-listings.test.ts',
  'test/sp-api/sp-api-cli.test.ts',
  'test/hardening/leak-scan.test.ts',
  'test/reports/transformations-keep.test.ts',
  'test/hardening/properties.test.ts',
  'test/security/files.test.ts',
  'test/hardening/bad-inputs.test.ts',
  'test/reports/corpus.test.ts',
  'test/lifecycle/crash-safety.test.ts',
  'test/security/audit-integrity.test.ts',
  'test/portfolio/portfolio-plan.test.ts',
  'test/archive/archive-attacks.test.ts',
  'test/sp-api/generated-models.test.ts',
  'test/sp-api/sp-api-contract.test.ts',
  'test/reports/settlement-report.test.ts',
];

export class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const i = LONGEST_FIRST.findIndex((name) => file.moduleId.endsWith(`/${name}`));
      return i < 0 ? LONGEST_FIRST.length : i;
    };
    // Array.prototype.sort is stable: files outside the list keep vitest's order among themselves.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}
