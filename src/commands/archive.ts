// `archive` and `archive verify [DIR]`: thin. The archive services (src/archive/) fetch, write and
// verify; this parses what the command needs, records the manifest's hash in the audit log, and
// renders the result as text or one JSON document.

import { dirname, join, resolve } from 'node:path';
import { ArchiveFolder } from '../archive/archive-folder.js';
import { buildArchive, type ArchiveProgress, type ArchiveSource } from '../archive/build-archive.js';
import { MANIFEST_NAME } from '../archive/manifest.js';
import { manifestCoverage, manifestHash, verifyArchive, type ArchiveVerification } from '../archive/verify-archive.js';
import { allGaps, coverageOf, requiredCoverage, type KindCoverage } from '../core/archive-coverage.js';
import type { ArchiveEvidence } from '../core/checks/data-export.js';
import { CliError, EXIT, UsageError } from '../errors.js';
import { archiveIndexHtml } from '../render/archive-index-html.js';
import type { ArchiveJson, ArchiveVerifyJson } from '../render/archive-json-schema.js';
import { JSON_SCHEMA_VERSION } from '../render/json-schema-version.js';
import type { CommandContext } from './command-context.js';
import { auditLogExists, openAuditLog } from './open-audit-log.js';
import { RunRecorder } from './run-recorder.js';
import { failpoint } from '../failpoints.js';

/** The audit event that records an archive's manifest. */
export const ARCHIVE_EVENT = 'archive';

export interface ArchiveFlags {
  out: string | null;
}

/** The archive's default folder: beside the audit log, per seller and day. */
export function defaultArchiveDir(ctx: CommandContext, sellerId: string): string {
  return join(dirname(ctx.options.auditDbPath), 'archives', sellerId.replace(/[^A-Za-z0-9_-]/g, '_'), ctx.options.asOf);
}

async function openSource(ctx: CommandContext): Promise<{ source: ArchiveSource; calls?: () => Record<string, number>; close?: () => Promise<void> }> {
  const { adapter } = ctx.options;
  if (adapter === 'demo') {
    const [{ demoSeller }, { demoArchiveSource }] = await Promise.all([import('../adapters/demo/demo-seller.js'), import('../archive/demo-archive.js')]);
    return { source: demoArchiveSource(demoSeller(ctx.options.demoScenario)) };
  }
  if (adapter === 'reports') {
    if (!ctx.options.reportsDir) throw new UsageError(ctx.t('error.reports-dir-needed'), ctx.t('error.reports-dir-hint'));
    const { reportsArchiveSource } = await import('../archive/reports-archive.js');
    return { source: await reportsArchiveSource(ctx.options.reportsDir, ctx.options.request.sellerId ?? null, ctx.options.asOf, ctx.t) };
  }
  return spApiSource(ctx);
}

/** The SP-API source, with the credentials, rate buckets and clock the sp-api adapter uses. */
async function spApiSource(ctx: CommandContext): Promise<{ source: ArchiveSource; calls: () => Record<string, number>; close: () => Promise<void> }> {
  const [{ spApiSettings }, { clockFromEnv }, { loadRates, saveRates }, { createSpApiArchive }] = await Promise.all([
    import('../adapters/sp-api/sp-api-settings.js'),
    import('../adapters/sp-api/clock.js'),
    import('../adapters/sp-api/rate-store.js'),
    import('../archive/sp-api-archive.js'),
  ]);
  const { configFile } = ctx.options;
  const settings = spApiSettings(ctx.term.env, configFile ? { path: configFile.path, settings: configFile.spApi } : null, ctx.t, ctx.warn);
  // Rate buckets outlive a run at Amazon: kept beside the audit log, per region and seller (as the adapter keeps them).
  const ratesPath = join(dirname(ctx.options.auditDbPath), 'sp-api-rates.json');
  const ratesKey = `${settings.region}:${settings.sellerId ?? '-'}`;
  const archive = await createSpApiArchive({
    settings,
    t: ctx.t,
    clock: clockFromEnv(ctx.term.env),
    userAgent: `close-account/${ctx.version} (Node ${ctx.term.nodeVersion})`,
    rates: loadRates(ratesPath, ratesKey),
    saveRates: (snapshot) => saveRates(ratesPath, ratesKey, snapshot),
  });
  return { source: archive.source, calls: archive.calls, close: archive.close };
}

/** A progress line on a terminal (stderr): a bar, what is being fetched, and the time left at the documented rates. */
function progressLine(ctx: CommandContext): (progress: ArchiveProgress) => void {
  const { term, t } = ctx;
  if (!term.stderrIsTTY || ctx.options.json) return () => {};
  return (p) => {
    const width = 20;
    const filled = p.total === 0 ? width : Math.round((p.done / p.total) * width);
    const eta = p.etaMs === null || p.etaMs <= 0 ? '' : p.etaMs >= 60_000 ? t('archive.eta-minutes', { minutes: Math.ceil(p.etaMs / 60_000) }) : t('archive.eta-seconds', { seconds: Math.ceil(p.etaMs / 1000) });
    const what = p.unit ? `${t('archive.kind', { kind: p.unit.kind })} ${p.unit.period.from}–${p.unit.period.to}` : '';
    term.stderr.write(`\r\x1b[2K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${t('archive.progress', { done: p.done, total: p.total, what, eta })}`);
    if (p.unit === null) term.stderr.write('\n');
  };
}

function coverageLines(ctx: CommandContext, coverage: readonly KindCoverage[]): string[] {
  const { t, out } = ctx;
  const lines = [out.bold(t('archive.heading-coverage'))];
  for (const c of coverage) {
    const kind = t('archive.kind', { kind: c.kind });
    if (c.gaps.length === 0) lines.push(`${out.green('✔')} ${t('archive.covered', { kind, from: c.required.from, to: c.required.to })}`);
    for (const gap of c.gaps) lines.push(`${out.red('✖')} ${t('archive.gap', { kind, from: gap.from, to: gap.to })}`);
  }
  return lines;
}

export async function runArchive(ctx: CommandContext, flags: ArchiveFlags): Promise<number> {
  const { t } = ctx;
  const opened = await openSource(ctx);
  const recorder = await RunRecorder.start(ctx, 'archive');
  try {
    const { source } = opened;
    for (const warning of source.warnings ?? []) ctx.warn(warning);
    const dir = flags.out ? resolve(flags.out) : defaultArchiveDir(ctx, source.sellerId);
    const folder = new ArchiveFolder(dir, t);
    const result = await buildArchive(folder, source, {
      day: ctx.options.asOf,
      required: requiredCoverage(ctx.options.asOf, source.regions),
      now: () => ctx.term.now().getTime(),
      onProgress: progressLine(ctx),
      // A test stops the process dead here, once a file is in place and listed, to resume it.
      afterUnit: (_unit, wroteFile) => (wroteFile ? failpoint('archive-after-file', ctx.term.env, ctx.term.stderr) : Promise.resolve()),
    });
    const coverage = manifestCoverage(result.manifest);
    // The page beside the manifest: derived from it, so not listed in it.
    await folder.writeFile('index.html', [Buffer.from(archiveIndexHtml(result.manifest, coverage, t))]);
    const manifestSha256 = manifestHash(dir);
    const gaps = allGaps(coverage);
    recorder.event(ARCHIVE_EVENT, { dir, seller: source.sellerId, source: source.id, day: result.manifest.day, manifestSha256, files: result.manifest.files.length, complete: result.manifest.complete, gaps: gaps.length });
    const calls = opened.calls?.() ?? null;
    const empty = result.manifest.files.filter((f) => f.file === null).length;
    if (ctx.options.json) {
      const document: ArchiveJson = {
        schemaVersion: JSON_SCHEMA_VERSION,
        archive: { dir, manifest: join(dir, MANIFEST_NAME), index: join(dir, 'index.html'), seller: source.sellerId, source: source.id, day: result.manifest.day, complete: result.manifest.complete, manifestSha256, runId: recorder.runId },
        files: { listed: result.manifest.files.length - empty, fetched: result.fetched, reused: result.reused, empty },
        coverage,
        gaps: gaps.map((g) => ({ kind: g.kind, from: g.gap.from, to: g.gap.to })),
        problems: result.manifest.problems.map((p) => ({ kind: p.kind, from: p.period.from, to: p.period.to, status: p.status, detail: p.detail })),
        calls,
      };
      ctx.print(JSON.stringify(document, null, 2));
    } else {
      const lines = [t('archive.written', { dir, files: result.manifest.files.length - empty, fetched: result.fetched, reused: result.reused, empty }), '', ...coverageLines(ctx, coverage)];
      for (const p of result.manifest.problems) lines.push(ctx.out.red(t('archive.problem', { kind: t('archive.kind', { kind: p.kind }), from: p.period.from, to: p.period.to, status: p.status, detail: p.detail })));
      if (gaps.length > 0) lines.push('', t('archive.gaps-left', { count: gaps.length }));
      if (recorder.runId) lines.push('', t('archive.recorded', { hash: manifestSha256, runId: recorder.runId }));
      ctx.print(lines.join('\n'));
    }
    const exitCode = gaps.length > 0 ? EXIT.notReady : EXIT.ok;
    recorder.finish('completed', exitCode);
    return exitCode;
  } catch (error) {
    recorder.failed(error);
    throw error;
  } finally {
    await opened.close?.();
  }
}

/** Manifest hashes the audit log recorded for archives (none when there is no log). */
export async function recordedManifestHashes(ctx: CommandContext): Promise<{ hashes: Set<string>; latestDir: string | null }> {
  if (!(await auditLogExists(ctx))) return { hashes: new Set(), latestDir: null };
  const audit = await openAuditLog(ctx, 'read');
  try {
    const records = audit.recordsOfType(ARCHIVE_EVENT);
    const hashes = new Set<string>();
    let latestDir: string | null = null;
    for (const record of records) {
      const body = record.body as { manifestSha256?: unknown; dir?: unknown };
      if (typeof body.manifestSha256 === 'string') hashes.add(body.manifestSha256);
      if (typeof body.dir === 'string') latestDir = body.dir;
    }
    return { hashes, latestDir };
  } finally {
    audit.close();
  }
}

/**
 * The evidence data-export is judged from: the latest archive the audit log recorded for this
 * seller, verified now (files re-hashed, manifest against the log), its coverage as of the check's
 * day (what happened after the archive was made is a gap: archive again, it fetches only that).
 */
export async function archiveEvidenceFor(ctx: CommandContext, sellerId: string | null): Promise<ArchiveEvidence | null> {
  if (!sellerId || !(await auditLogExists(ctx))) return null;
  const audit = await openAuditLog(ctx, 'read');
  let dir: string | null = null;
  const hashes = new Set<string>();
  try {
    for (const record of audit.recordsOfType(ARCHIVE_EVENT)) {
      const body = record.body as { manifestSha256?: unknown; dir?: unknown; seller?: unknown };
      if (typeof body.manifestSha256 === 'string') hashes.add(body.manifestSha256);
      if (body.seller === sellerId && typeof body.dir === 'string') dir = body.dir;
    }
  } finally {
    audit.close();
  }
  if (!dir) return null;
  let verdict: ArchiveVerification;
  try {
    verdict = await verifyArchive(dir, hashes, ctx.t);
  } catch (error) {
    // The folder or its manifest is gone or unreadable: the archive does not verify.
    if (!(error instanceof CliError)) throw error;
    return { dir, day: ctx.options.asOf, status: 'changed', changed: [MANIFEST_NAME], coverage: [] };
  }
  const day = verdict.day > ctx.options.asOf ? verdict.day : ctx.options.asOf;
  const coverage = coverageOf(requiredCoverage(day, verdict.manifest.seller.regions), verdict.manifest.files);
  return { dir, day: verdict.day, status: verdict.status, changed: verdict.changed.map((c) => c.file), coverage };
}

export async function runArchiveVerify(ctx: CommandContext, dirArgument: string | undefined): Promise<number> {
  const { t } = ctx;
  const { hashes, latestDir } = await recordedManifestHashes(ctx);
  const dir = dirArgument ? resolve(dirArgument) : latestDir;
  if (!dir) throw new UsageError(t('archive.verify-none'));
  const verdict: ArchiveVerification = await verifyArchive(dir, hashes, t);
  if (ctx.options.json) {
    const document: ArchiveVerifyJson = { schemaVersion: JSON_SCHEMA_VERSION, dir, status: verdict.status, manifestSha256: verdict.manifestSha256, manifestRecorded: verdict.manifestRecorded, changed: verdict.changed, files: verdict.files, complete: verdict.complete, coverage: verdict.coverage };
    ctx.print(JSON.stringify(document, null, 2));
  }
  if (verdict.status === 'intact') {
    if (!ctx.options.json) ctx.print([ctx.out.green(t('archive.verify-intact', { dir, files: verdict.files })), '', ...coverageLines(ctx, verdict.coverage)].join('\n'));
    return EXIT.ok;
  }
  const files = verdict.changed.map((c) => t('archive.verify-file', { file: c.file, problem: c.problem })).join(', ');
  throw new CliError(EXIT.notReady, t('archive.verify-changed', { dir, files }), t('archive.verify-hint'));
}

