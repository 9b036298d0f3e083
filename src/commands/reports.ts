// `reports`: which Seller Central reports to download for --adapter reports, where they are,
// which date range, and (with --reports-dir) which of them the folder already has.

import { daysBetween, toIsoDate } from '../core/dates.js';
import { EXIT } from '../errors.js';
import { REPORT_KINDS, type ReportKind } from '../adapters/reports/report-kinds.js';
import type { ReportsFolder } from '../adapters/reports/reports-folder.js';
import { REPORTS_FOLDER_FLAGS, resolveReportsFolder } from '../adapters/registry.js';
import type { Encoding } from '../adapters/reports/text-encoding.js';
import { defineCommand } from '../command-kit/command-definition.js';
import type { CommandIo } from '../command-kit/command-io.js';

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

export function reportGuide(io: CommandIo, folder: ReportsFolder | null): ReportGuide[] {
  const { t } = io;
  const today = toIsoDate(io.term.now());
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
export function renderReportGuide(io: CommandIo, guide: ReportGuide[], folder: ReportsFolder | null, onlyMissing = false): string {
  const { t, out } = io;
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

export interface ReportsOptions {
  readonly json: boolean;
  /** The folder to look in; null to only say which reports to download. */
  readonly reportsDir: string | null;
  readonly encoding: Encoding | null;
}

export const reportsCommand = defineCommand<ReportsOptions>({
  name: 'reports',
  description: 'help.reports',
  flags: REPORTS_FOLDER_FLAGS,
  resolve: (raw, { options, term, t }) => Object.freeze({ json: options.json, ...resolveReportsFolder(raw, options, term.env, t) }),
  run: runReports,
});

async function runReports(options: ReportsOptions, io: CommandIo): Promise<number> {
  let folder: ReportsFolder | null = null;
  if (options.reportsDir) {
    const { scanReportsFolder } = await import('../adapters/reports/reports-folder.js');
    folder = await scanReportsFolder(options.reportsDir, options.encoding, io.t);
    for (const skipped of folder.skipped) io.warn(io.t(`reports.skipped.${skipped.reason}`, { file: skipped.name, code: skipped.code ?? '' }));
  }
  const guide = reportGuide(io, folder);
  if (options.json) {
    io.print(JSON.stringify({ schemaVersion: 1, folder: folder?.dir ?? null, reports: guide, skipped: folder?.skipped ?? [] }, null, 2));
  } else {
    io.print(renderReportGuide(io, guide, folder));
  }
  return EXIT.ok;
}
