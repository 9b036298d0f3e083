// data-export from data: an archive of this seller that verifies and covers every period closure
// takes away passes; gaps or changed files fail, named. What no API gives (the 1099-K and VAT
// invoices from the Tax Document Library) stays the seller's to confirm, with the day it appears
// so the plan can schedule it. Pure: the archive's verification and coverage are data passed in.

import { allGaps, type KindCoverage } from '../archive-coverage.js';
import { checkResult, ITEM_CAP, type CheckResult } from '../check-result.js';
import type { CheckContext } from '../check-context.js';
import type { ClosureRegion } from '../marketplaces.js';

export interface ArchiveEvidence {
  dir: string;
  /** The day the archive is as of. */
  day: string;
  status: 'intact' | 'changed';
  /** Files that do not match (manifest.json when the audit log does not know the manifest). */
  changed: string[];
  coverage: KindCoverage[];
}

/** The 1099-K for a year appears by 31 January of the next (Seller Central help GT86AHE3YMNCB4P4). */
export function form1099kDate(asOf: string): string {
  return `${Number(asOf.slice(0, 4)) + 1}-01-31`;
}

/** `regions` null: the regions sold in are not known (no orders read, a report set aside), so every region's documents are asked for. */
export function checkDataExport(archive: ArchiveEvidence, regions: readonly ClosureRegion[] | null, taxDocumentsConfirmed: boolean, ctx: CheckContext): CheckResult {
  const { t } = ctx;
  if (archive.status === 'changed') {
    return checkResult('data-export', 'fail', t('check.data-export.changed', { dir: archive.dir, files: archive.changed.join(', ') }), {
      count: archive.changed.length,
      items: archive.changed.slice(0, ITEM_CAP).map((file) => ({ file })),
      remediation: t('check.data-export.changed-fix'),
    });
  }
  const gaps = allGaps(archive.coverage);
  if (gaps.length > 0) {
    const named = gaps.map((g) => t('check.data-export.gap-item', { kind: t('archive.kind', { kind: g.kind }), from: g.gap.from, to: g.gap.to }));
    return checkResult('data-export', 'fail', t('check.data-export.gaps', { count: gaps.length, gaps: named.join('; ') }), {
      count: gaps.length,
      items: gaps.slice(0, ITEM_CAP).map((g) => ({ kind: g.kind, from: g.gap.from, to: g.gap.to })),
      remediation: t('check.data-export.gaps-fix'),
    });
  }
  // What only the Tax Document Library holds, by region; none: the archive is the whole answer.
  const documents: string[] = [];
  let clearsOn: string | null = null;
  if (regions === null || regions.includes('north-america')) {
    clearsOn = form1099kDate(ctx.asOf);
    documents.push(t('check.data-export.form-1099k', { date: clearsOn }));
  }
  if (regions === null || regions.includes('europe')) documents.push(t('check.data-export.vat-invoices'));
  if (documents.length === 0) return checkResult('data-export', 'pass', t('check.data-export.pass', { dir: archive.dir, day: archive.day }));
  if (taxDocumentsConfirmed) return checkResult('data-export', 'manual', t('check.data-export.tax-documents-done', { dir: archive.dir }), { confirmed: true, basis: 'both' });
  return checkResult('data-export', 'manual', t('check.data-export.tax-documents', { dir: archive.dir, documents: documents.join('; ') }), {
    confirmed: false,
    clearsOn,
    remediation: t('check.data-export.tax-how'),
    // The archive is data; only the documents no API gives wait for the seller's word.
    basis: 'data',
  });
}
