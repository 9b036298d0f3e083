// The guide to Seller Central's reports (the `reports` command, and the wizard's reports step):
// which reports the checks need, where to find them, which date range, and which a folder has.

import { daysBetween, toIsoDate, type IsoDate } from '../core/dates.js';
import { REPORT_KINDS, type ReportKind } from '../adapters/reports/report-kinds.js';
import type { ReportsFolder } from '../adapters/reports/reports-folder.js';
import type { Style } from '../io/style.js';
import type { Translate } from '../messages/catalogue.js';

/** The reports the checks need; the others are recognised but add nothing. */
export const NEEDED_REPORTS: readonly ReportKind[] = ['all-orders', 'all-listings', 'fba-inventory', 'removal-orders', 'returns'];

export interface ReportGuide {
  kind: ReportKind;
  name: string;
  needed: boolean;
  where: string;
  range: string;
  answers: string;
  files: { name: string; ageDays: number }[];
}

export function reportGuide(folder: ReportsFolder | null, today: IsoDate, t: Translate): ReportGuide[] {
  return REPORT_KINDS.map((kind) => ({
    kind,
    name: t(`reports.kind.${kind}`),
    needed: NEEDED_REPORTS.includes(kind),
    where: t(`reports.where.${kind}`),
    range: t(`reports.range.${kind}`),
    answers: t(`reports.uses.${kind}`),
    files: (folder?.byKind.get(kind) ?? []).map((f) => ({ name: f.name, ageDays: daysBetween(toIsoDate(f.modified), today) })),
  }));
}

/** The guide as text; `onlyMissing` keeps the needed reports the folder lacks (for the wizard). */
export function renderReportGuide(guide: ReportGuide[], folder: ReportsFolder | null, out: Style, t: Translate, onlyMissing = false): string {
  const lines = [out.bold(t(onlyMissing ? 'wizard.reports-heading' : 'reports.heading')), ''];
  if (folder) lines.push(t('reports.folder', { dir: folder.dir }), '');
  for (const report of guide) {
    if (onlyMissing && (!report.needed || report.files.length > 0)) continue;
    const mark = report.files.length > 0 ? out.green('✔') : report.needed ? out.red('✖') : out.dim('·');
    lines.push(`${folder ? `${mark} ` : ''}${out.bold(report.name)} (${report.needed ? t('reports.needed') : t('reports.optional')})`);
    lines.push(`    ${report.where}`, `    ${report.range}`, out.dim(`    → ${report.answers}`));
    if (folder) {
      lines.push(
        report.files.length > 0
          ? `    ${t('reports.found', { files: report.files.map((f) => t('reports.file-age', { file: f.name, days: f.ageDays })).join(', ') })}`
          : `    ${t('reports.not-found')}`,
      );
    }
  }
  // The wizard (onlyMissing) asks rather than names flags.
  lines.push('', t(onlyMissing ? 'wizard.reports-how' : 'reports.how'), t(onlyMissing ? 'wizard.reports-cannot-tell' : 'reports.cannot-tell'));
  return lines.join('\n');
}

