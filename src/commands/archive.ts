// `archive` and `archive verify [DIR]`: thin. The archive services (src/archive/) fetch, write and
// verify; this resolves the flags, records the manifest's hash in the audit log, and renders the
// result as text or one JSON document.

import { dirname, join, resolve } from 'node:path';
// The archive's services load when the command runs (the manifest's schema needs zod): every
// other command starts without them.
import type { ArchiveProgress, ArchiveSource } from '../archive/build-archive.js';
import { hostname } from 'node:os';
import { isAlive, withRecordedRun } from '../audit/run-recorder.js';
import { defineCommand, type CommandGroup } from '../command-kit/command-definition.js';
import type { CommandIo } from '../command-kit/command-io.js';
import { READINESS_FLAGS, resolveReadinessRun, runToRecord, type ReadinessRunOptions } from '../command-kit/readiness-run.js';
import { flagText } from '../config/flag-spec.js';
import { settingPath } from '../config/global-options.js';
import type { KindCoverage } from '../core/archive-coverage.js';
import { normaliseSellerId } from '../core/request-owner.js';
import { CliError, EXIT, ReportsFolderError, UsageError } from '../errors.js';
import type { Translate } from '../messages/catalogue.js';
import { failpoint } from '../failpoints.js';
import type { ArchiveJson, ArchiveVerifyJson } from '../render/archive-json-schema.js';
import { JSON_SCHEMA_VERSION } from '../render/json-schema-version.js';

export interface ArchiveOptions {
  readonly run: ReadinessRunOptions;
  readonly json: boolean;
  /** The archive folder; null for the default beside the audit log, per seller and day. */
  readonly out: string | null;
  /** For --adapter reports, whose files do not name the seller. */
  readonly sellerId: string | null;
}

export interface ArchiveVerifyOptions {
  readonly auditDbPath: string;
  readonly json: boolean;
  readonly dir: string | null;
}

/** The readiness flags an archive uses: the source and the day. It judges nothing (no --attest), reads the
 * demo seller as it is (no --demo-done), copies report files byte for byte whatever their age or encoding. */
const ARCHIVE_SOURCE_FLAGS = READINESS_FLAGS.filter((f) => !['--attest', '--demo-done', '--max-report-age', '--encoding'].includes(f.flags.split(' ')[0]!));

async function openSource(options: ArchiveOptions, io: CommandIo): Promise<{ source: ArchiveSource; calls?: () => Record<string, number>; close?: () => Promise<void> }> {
  const { source } = options.run;
  if (source.adapter === 'demo') {
    const [{ demoSeller }, { demoArchiveSource }] = await Promise.all([import('../adapters/demo/demo-seller.js'), import('../archive/demo-archive.js')]);
    return { source: demoArchiveSource(demoSeller(source.demoScenario)) };
  }
  if (source.adapter === 'reports') {
    if (!source.reportsDir) throw new ReportsFolderError('needed', io.t('error.reports-dir-needed'), io.t('error.reports-dir-hint'));
    const { reportsArchiveSource } = await import('../archive/reports-archive.js');
    return { source: await reportsArchiveSource(source.reportsDir, options.sellerId, options.run.asOf, io.t) };
  }
  const [{ spApiSettings }, { clockFromEnv }, { loadRates, saveRates }, { createSpApiArchive }] = await Promise.all([
    import('../adapters/sp-api/sp-api-settings.js'),
    import('../adapters/sp-api/clock.js'),
    import('../adapters/sp-api/rate-store.js'),
    import('../archive/sp-api-archive.js'),
  ]);
  const settings = spApiSettings(io.term.env, source.spApiFile, io.t, (m) => io.warn(m));
  // Rate buckets outlive a run at Amazon: kept beside the audit log, per region and seller.
  const ratesPath = join(dirname(options.run.auditDbPath), 'sp-api-rates.json');
  const ratesKey = `${settings.region}:${settings.sellerId ?? '-'}`;
  const archive = await createSpApiArchive({
    settings,
    t: io.t,
    clock: clockFromEnv(io.term.env),
    userAgent: `close-account/${io.version} (Node ${io.term.nodeVersion})`,
    rates: loadRates(ratesPath, ratesKey),
    saveRates: (snapshot) => saveRates(ratesPath, ratesKey, snapshot),
  });
  return { source: archive.source, calls: archive.calls, close: archive.close };
}

/** A progress line on a terminal (stderr): a bar, what is being fetched, and the time left at the documented rates. */
function progressLine(io: CommandIo, json: boolean): (progress: ArchiveProgress) => void {
  const { term, t } = io;
  if (!term.stderrIsTTY || json) return () => {};
  return (p) => {
    const width = 20;
    const filled = p.total === 0 ? width : Math.round((p.done / p.total) * width);
    const eta = p.etaMs === null || p.etaMs <= 0 ? '' : p.etaMs >= 60_000 ? t('archive.eta-minutes', { minutes: Math.ceil(p.etaMs / 60_000) }) : t('archive.eta-seconds', { seconds: Math.ceil(p.etaMs / 1000) });
    const what = p.unit ? `${t('archive.kind', { kind: p.unit.kind })} ${p.unit.period.from}–${p.unit.period.to}` : '';
    term.stderr.write(`\r\x1b[2K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${t('archive.progress', { done: p.done, total: p.total, what, eta })}`);
    if (p.unit === null) term.stderr.write('\n');
  };
}

function coverageLines(io: CommandIo, coverage: readonly KindCoverage[]): string[] {
  const { t, out } = io;
  const lines = [out.bold(t('archive.heading-coverage'))];
  for (const c of coverage) {
    const kind = t('archive.kind', { kind: c.kind });
    if (c.gaps.length === 0) lines.push(`${out.green('✔')} ${t('archive.covered', { kind, from: c.required.from, to: c.required.to })}`);
    for (const gap of c.gaps) lines.push(`${out.red('✖')} ${t('archive.gap', { kind, from: gap.from, to: gap.to })}`);
  }
  return lines;
}

async function runArchive(options: ArchiveOptions, io: CommandIo): Promise<number> {
  const { t } = io;
  // Days that have not happened cannot be fetched: a report asked for them comes back empty, and would be kept as "no data".
  if (options.run.asOf > io.term.today()) throw new UsageError(t('archive.future-day', { day: options.run.asOf, today: io.term.today() }), t('archive.future-day-hint'));
  const [{ ArchiveFolder }, { buildArchive }, { INDEX_NAME, MANIFEST_NAME }, { archiveEvent }, { manifestCoverage }, { allGaps, requiredCoverage }, { archiveIndexHtml }] = await Promise.all([
    import('../archive/archive-folder.js'),
    import('../archive/build-archive.js'),
    import('../archive/manifest.js'),
    import('../archive/archive-record.js'),
    import('../archive/verify-archive.js'),
    import('../core/archive-coverage.js'),
    import('../render/archive-index-html.js'),
  ]);
  const opened = await openSource(options, io);
  try {
    return await withRecordedRun(runToRecord(io, 'archive', options.run), async (recorder) => {
      const { source } = opened;
      for (const warning of source.warnings ?? []) io.warn(warning);
      // Report files do not say whose they are: filed under no seller, the archive cannot vouch for data-export.
      if (!isNamedSeller(source.sellerId)) io.warn(t('archive.unnamed-seller'));
      const day = options.run.asOf;
      const dir = options.out ?? join(dirname(options.run.auditDbPath), 'archives', source.sellerId.replace(/[^A-Za-z0-9_-]/g, '_'), day);
      const folder = new ArchiveFolder(dir, t);
      const result = await buildArchive(folder, source, {
        day,
        required: requiredCoverage(day, source.regions),
        now: () => io.term.now().getTime(),
        onProgress: progressLine(io, options.json),
        // A test stops the process dead here, once a file is in place and listed, to resume it.
        afterUnit: (_unit, wroteFile) => (wroteFile ? failpoint('archive-after-file', io.term.env, io.term.stderr) : Promise.resolve()),
        onDamaged: (file) => io.warn(t('archive.damaged-removed', { file, dir })),
        // One build at a time in a folder; a lock a killed build left is taken over, said.
        lock: { pid: process.pid, host: hostname(), isAlive, onStale: (pid) => io.warn(t('archive.stale-lock', { dir, pid })) },
        // The page beside the manifest: made from it, so not listed in it; its hash is recorded with the manifest's.
        page: (manifest) => archiveIndexHtml(manifest, manifestCoverage(manifest), t),
        record: ({ manifest, manifestSha256, indexSha256 }) => recorder.event(archiveEvent.type, archiveEvent.body({ dir, manifest, manifestSha256, indexSha256: indexSha256!, gaps: allGaps(manifestCoverage(manifest)).length })),
      });
      const { manifestSha256 } = result;
      const coverage = manifestCoverage(result.manifest);
      const gaps = allGaps(coverage);
      const empty = result.manifest.files.filter((f) => f.file === null).length;
      if (options.json) {
        const document: ArchiveJson = {
          schemaVersion: JSON_SCHEMA_VERSION,
          archive: { dir, manifest: join(dir, MANIFEST_NAME), index: join(dir, INDEX_NAME), seller: source.sellerId, source: source.id, day: result.manifest.day, complete: result.manifest.complete, manifestSha256, runId: recorder.runId },
          files: { listed: result.manifest.files.length - empty, fetched: result.fetched, reused: result.reused, empty },
          coverage,
          gaps: gaps.map((g) => ({ kind: g.kind, from: g.gap.from, to: g.gap.to })),
          problems: result.manifest.problems.map((p) => ({ kind: p.kind, from: p.period.from, to: p.period.to, status: p.status, detail: p.detail })),
          calls: opened.calls?.() ?? null,
        };
        io.print(JSON.stringify(document, null, 2));
      } else {
        // The embedded sample seller's archive is sample data, said as `check` says it.
        const lines = [...(source.id === 'demo' ? [io.out.yellow(io.out.bold(t('demo.banner'))), ''] : []), t('archive.written', { dir, files: result.manifest.files.length - empty, fetched: result.fetched, reused: result.reused, empty }), '', ...coverageLines(io, coverage)];
        for (const p of result.manifest.problems) lines.push(io.out.red(t('archive.problem', { kind: t('archive.kind', { kind: p.kind }), from: p.period.from, to: p.period.to, status: p.status, detail: p.detail })));
        if (gaps.length > 0) lines.push('', t('archive.gaps-left', { count: gaps.length }));
        if (recorder.runId) lines.push('', t('archive.recorded', { hash: manifestSha256, runId: recorder.runId }));
        io.print(lines.join('\n'));
      }
      return gaps.length > 0 ? EXIT.notReady : EXIT.ok;
    });
  } finally {
    await opened.close?.();
  }
}

async function runArchiveVerify(options: ArchiveVerifyOptions, io: CommandIo): Promise<number> {
  const { t } = io;
  const [{ recordedArchives }, { verifyArchive }] = await Promise.all([import('../archive/archive-record.js'), import('../archive/verify-archive.js')]);
  const { hashes, indexes, latestDir, logVerifies } = await recordedArchives({ path: options.auditDbPath, term: io.term, t });
  const dir = options.dir ?? latestDir;
  if (!dir) throw new UsageError(t('archive.verify-none'));
  const verdict = await verifyArchive(dir, hashes, t, indexes, { host: hostname(), isAlive });
  // Whose archive it is, as its manifest says: a reports archive made without --seller-id names no one.
  const sellerId = isNamedSeller(verdict.seller) ? verdict.seller : null;
  const seller = sellerId ? t('archive.seller-named', { sellerId }) : t('archive.seller-unnamed');
  const sample = verdict.manifest.source === 'demo' && !options.json;
  if (options.json) {
    const document: ArchiveVerifyJson = { schemaVersion: JSON_SCHEMA_VERSION, dir, sellerId, status: verdict.status, manifestSha256: verdict.manifestSha256, manifestRecorded: verdict.manifestRecorded, changed: verdict.changed, files: verdict.files, complete: verdict.complete, unfinished: verdict.unfinished, coverage: verdict.coverage };
    io.print(JSON.stringify(document, null, 2));
  }
  if (verdict.status === 'intact') {
    if (!options.json) io.print([...(sample ? [io.out.yellow(io.out.bold(t('demo.banner'))), ''] : []), io.out.green(t('archive.verify-intact', { dir, seller, files: verdict.files })), '', ...coverageLines(io, verdict.coverage)].join('\n'));
    return EXIT.ok;
  }
  if (sample) io.say(io.err.yellow(io.err.bold(t('demo.banner'))));
  // Never finished: nothing was damaged, the build stopped; archiving again into the folder resumes and finishes it.
  if (verdict.building) throw new CliError(EXIT.notReady, t('archive.verify-building', { dir, seller, pid: verdict.building.pid, host: verdict.building.host }), t('archive.verify-building-hint'));
  if (verdict.unfinished) throw new CliError(EXIT.notReady, t('archive.verify-unfinished', { dir, seller }), t('archive.verify-unfinished-hint', { dir }));
  const files = verdict.changed.map((c) => t('archive.verify-file', { file: c.file, problem: c.problem })).join(', ');
  // A file the manifest does not list was added, not damaged: it is moved out, not restored.
  const unlisted = verdict.changed.filter((c) => c.problem === 'unlisted').map((c) => c.file);
  // The manifest "not as recorded" because the audit log does not verify: the log is what changed, not (only) the files.
  const logBroken = !logVerifies && !verdict.manifestRecorded;
  const rest = verdict.changed.filter((c, i) => c.problem !== 'unlisted' && !(logBroken && i === 0)); // the manifest comes first when not recorded
  const hints = [
    ...(logBroken ? [t('archive.verify-log-broken', { path: options.auditDbPath })] : []),
    ...(unlisted.length > 0 ? [t('archive.verify-unlisted-hint', { files: unlisted.join(', ') })] : []),
    ...(rest.length > 0 ? [t('archive.verify-hint')] : []),
  ];
  throw new CliError(EXIT.notReady, t('archive.verify-changed', { dir, seller, files }), hints.join('\n'));
}

/** A merchant token (what --seller-id and the data give), not the placeholder of a reports archive made without one. */
const isNamedSeller = (id: string) => /^[A-Z0-9]{8,20}$/.test(id);

export const archiveCreate = defineCommand<ArchiveOptions>({
  name: 'archive',
  description: 'help.archive',
  flags: [...ARCHIVE_SOURCE_FLAGS, { flags: '--out <dir>', help: 'help.archive-out' }, { flags: '--seller-id <token>', help: 'help.seller-id' }],
  examples: ['close-account archive', 'close-account archive --adapter sp-api --out ~/amazon-archive', 'close-account archive --adapter reports --reports-dir ~/amazon-reports --seller-id A2DEMO5ELLER7Q'],
  helpAfter: ['help.exit-codes'],
  resolve(raw, globals) {
    const out = flagText(raw, 'out');
    return Object.freeze({
      run: resolveReadinessRun(raw, globals),
      json: globals.options.json,
      out: out ? settingPath(out, globals.term.env) : null,
      sellerId: archiveSellerId(flagText(raw, 'sellerId') ?? globals.options.config.sellerId ?? null, globals.t),
    });
  },
  run: runArchive,
});

export const archiveVerify = defineCommand<ArchiveVerifyOptions>({
  name: 'verify',
  description: 'help.archive-verify',
  arguments: [{ name: 'dir', help: 'help.archive-dir', optional: true }],
  flags: [],
  examples: ['close-account archive verify', 'close-account archive verify ~/amazon-archive --json'],
  resolve: (_raw, globals, args) => Object.freeze({ auditDbPath: globals.options.auditDbPath, json: globals.options.json, dir: args[0] ? resolve(settingPath(args[0], globals.term.env)) : null }),
  run: runArchiveVerify,
});

export const archiveGroup: CommandGroup = { name: 'archive', description: 'help.archive', subcommands: [archiveVerify], byItself: archiveCreate };

/** The seller an archive is filed under is written into its manifest and page: a merchant token, nothing else. */
function archiveSellerId(given: string | null, t: Translate): string | null {
  if (given === null) return null;
  const sellerId = normaliseSellerId(given);
  if (!/^[A-Z0-9]{8,20}$/.test(sellerId)) throw new UsageError(t('request.invalid.seller-id'));
  return sellerId;
}
