// `reports`: which Seller Central reports to download for --adapter reports, where they are,
// which date range, and (with --reports-dir) which of them the folder already has.

import { toIsoDate } from '../core/dates.js';
import { EXIT } from '../errors.js';
import type { ReportsFolder } from '../adapters/reports/reports-folder.js';
import { renderReportGuide, reportGuide } from '../render/report-guide.js';
import { REPORTS_FOLDER_FLAGS, resolveReportsFolder } from '../adapters/registry.js';
import type { Encoding } from '../adapters/reports/text-encoding.js';
import { defineCommand } from '../command-kit/command-definition.js';
import type { CommandIo } from '../command-kit/command-io.js';

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
  examples: ['close-account reports', 'close-account reports --reports-dir ~/amazon-reports'],
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
  const guide = reportGuide(folder, toIsoDate(io.term.now()), io.t);
  if (options.json) {
    io.print(JSON.stringify({ schemaVersion: 1, folder: folder?.dir ?? null, reports: guide, skipped: folder?.skipped ?? [] }, null, 2));
  } else {
    io.print(renderReportGuide(guide, folder, io.out, io.t));
  }
  return EXIT.ok;
}
