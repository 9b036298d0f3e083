// `audit list | show ID | verify | export --format md|html|json|csv`: reading the audit log back,
// and proving it has not been tampered with. One group, four commands; each reads only the
// global flags (--audit-db, --json) and its own.

import { normaliseSellerId } from '../core/request-owner.js';
import type { AuditLog, RunSummary } from '../audit/audit-log.js';
import { NO_DATA_SOURCE } from '../audit/run-recorder.js';
import { existsSync } from 'node:fs';
import type { CheckId, CheckStatus } from '../core/check-result.js';
import { closureRequestText, type ClosureRequest } from '../core/closure-request.js';
import type { Verdict } from '../core/verdict.js';
import { auditListJson, auditShowJson, auditVerifyJson, type ChainJson } from '../render/audit-json.js';
import { checkTitle, indent } from '../render/readiness-human.js';
import { renderTable } from '../render/table.js';
import { CliError, EXIT, UsageError } from '../errors.js';
import { flagOn, flagText } from '../config/flag-spec.js';
import { settingPath } from '../config/global-options.js';
import { auditLogExists, chainProblemText, lostLogProblem, openAuditLog, type AuditLogPlace } from '../audit/open-audit-log.js';
import { defineCommand, type CommandGroup, type Globals } from '../command-kit/command-definition.js';
import type { CommandIo } from '../command-kit/command-io.js';

/** What every audit command reads: the log, and whether to answer in JSON. */
export interface AuditReadOptions {
  readonly auditDbPath: string;
  readonly json: boolean;
}

const readOptions = ({ options }: Globals): AuditReadOptions => ({ auditDbPath: options.auditDbPath, json: options.json });
const place = (options: AuditReadOptions, io: CommandIo): AuditLogPlace => ({ path: options.auditDbPath, term: io.term, t: io.t });

async function withAudit<T>(options: AuditReadOptions, io: CommandIo, use: (audit: AuditLog) => T | Promise<T>, purpose: 'read' | 'verify' = 'read'): Promise<T> {
  if (!(await auditLogExists(place(options, io)))) {
    throw new CliError(EXIT.usage, io.t('error.audit-missing', { path: options.auditDbPath }), io.t('error.audit-missing-hint'), 'audit-missing');
  }
  const audit = await openAuditLog(place(options, io), purpose);
  try {
    return await use(audit);
  } catch (error) {
    // A record the reader cannot make sense of is a damaged log, said as such, never "a bug".
    if (error instanceof CliError) throw error;
    const verdict = audit.verify();
    if (verdict.intact) throw error;
    throw new CliError(EXIT.notReady, chainProblemText(verdict.problem!, audit.path, io.t), io.t('audit.verify.hint'));
  } finally {
    audit.close();
  }
}

/** list and show read a log as it is; when it does not verify, they say so (on stderr) rather than show it as the whole story. */
function warnIfBroken(io: CommandIo, audit: AuditLog): ChainJson {
  const verdict = audit.verify();
  if (!verdict.intact) io.warn(chainProblemText(verdict.problem!, audit.path, io.t));
  // --json says it too: a script reads stdout, and an exit 0 alone would pass a broken log as the whole story.
  return { intact: verdict.intact, problem: verdict.problem ?? null };
}

export interface AuditListOptions extends AuditReadOptions {
  /** How many of the latest runs; null for all. */
  readonly limit: number | null;
}

export const auditList = defineCommand<AuditListOptions>({
  name: 'list',
  description: 'help.audit-list',
  flags: [
    { flags: '--limit <count>', help: 'help.limit' },
    { flags: '--all', help: 'help.all' },
  ],
  examples: ['close-account audit list', 'close-account audit list --all --json'],
  resolve(raw, globals) {
    const given = flagText(raw, 'limit');
    const limit = flagOn(raw, 'all') ? null : Number(given ?? 50);
    if (limit !== null && (!Number.isInteger(limit) || limit <= 0)) throw new UsageError(globals.t('error.bad-limit', { value: given ?? '' }));
    return Object.freeze({ ...readOptions(globals), limit });
  },
  run: runAuditList,
});

async function runAuditList(options: AuditListOptions, io: CommandIo): Promise<number> {
  const { t } = io;
  // No log yet is an answer, not an error: nothing has been recorded.
  if (!(await auditLogExists(place(options, io)))) {
    if (options.json) io.print(JSON.stringify(auditListJson(options.auditDbPath, null), null, 2));
    else io.print(t('audit.none', { path: options.auditDbPath }));
    return EXIT.ok;
  }
  try {
    return await listExisting(options, io);
  } catch (error) {
    // A log deleted or cut short before it could be opened: the list document says so (nothing listed, the chain not intact).
    const lost = lostLogProblem(error);
    if (options.json && lost) {
      const document = auditListJson(options.auditDbPath, null);
      io.print(JSON.stringify({ ...document, audit: { ...document.audit, exists: existsSync(options.auditDbPath) }, chain: { intact: false, problem: lost } }, null, 2));
    }
    throw error;
  }
}

async function listExisting(options: AuditListOptions, io: CommandIo): Promise<number> {
  const { t } = io;
  const { limit } = options;
  return withAudit(options, io, (audit) => {
    const chain = warnIfBroken(io, audit);
    const runs = audit.listRuns(limit);
    const total = audit.countRuns();
    const more = total - runs.length;
    if (options.json) {
      io.print(JSON.stringify(auditListJson(audit.path, { runs, total, head: audit.head(), chain }), null, 2));
      return EXIT.ok;
    }
    if (runs.length === 0) {
      io.print(t('audit.empty'));
      return EXIT.ok;
    }
    const header = t('audit.list.columns').split('|');
    const rows = runs.map((r) => [
      r.id,
      t('format.timestamp', { at: r.started_at }),
      r.command,
      dataLabel(io, r),
      t('format.day', { date: r.as_of }),
      r.verdict ? t(`verdict.name.${r.verdict as Verdict}`) : '-',
      t(`outcome.${r.outcome}`),
      r.exit_code === null ? '-' : String(r.exit_code),
      r.submission_reference ?? '-',
    ]);
    io.print(renderTable([header, ...rows], { width: io.columns ?? Number.MAX_SAFE_INTEGER, header: true, style: (text, row, column) => (row === 0 || column === 0 ? io.out.bold(text) : text) }));
    if (more > 0) io.say(t('audit.list.more', { shown: runs.length, total, more, next: Math.min(total, runs.length * 2) }));
    return EXIT.ok;
  });
}

/** Where a run's data came from, naming the demo seller's situation (or that none was chosen). */
function dataLabel(io: CommandIo, run: RunSummary): string {
  if (run.adapter === NO_DATA_SOURCE) return io.t('audit.data.none');
  if (!run.demo) return run.adapter;
  return run.demo_scenario ? io.t('audit.show.demo', { adapter: run.adapter, scenario: run.demo_scenario }) : `${run.adapter} (demo)`;
}

export interface AuditShowOptions extends AuditReadOptions {
  readonly runId: string;
}

export const auditShow = defineCommand<AuditShowOptions>({
  name: 'show',
  description: 'help.audit-show',
  arguments: [{ name: 'run-id', help: 'help.run-id' }],
  flags: [],
  examples: ['close-account audit show run-20261203T142308-1e90c2'],
  resolve: (_raw, globals, args) => Object.freeze({ ...readOptions(globals), runId: args[0]! }),
  run: runAuditShow,
});

async function runAuditShow(options: AuditShowOptions, io: CommandIo): Promise<number> {
  const { runId } = options;
  return withAudit(options, io, (audit) => {
    const chain = warnIfBroken(io, audit);
    const run = audit.run(runId);
    if (!run) throw new UsageError(io.t('error.audit-no-run', { runId }), io.t('error.audit-no-run-hint'));
    const records = audit.recordsOfRun(runId);
    if (options.json) {
      io.print(JSON.stringify(auditShowJson(run, records, chain), null, 2));
      return EXIT.ok;
    }
    const { t } = io;
    const width = io.columns ?? Number.MAX_SAFE_INTEGER;
    const exit = run.exit_code === null ? '' : ` (${t('audit.show.exit', { code: run.exit_code })})`;
    const lines = [
      io.out.bold(`${run.id}  ${run.command}  ${t('format.timestamp', { at: run.started_at })}`),
      `  ${t('audit.show.data')}: ${dataLabel(io, run)}   ${t('audit.show.as-of')}: ${t('format.day', { date: run.as_of })}`,
      `  ${t('audit.show.outcome')}: ${t(`outcome.${run.outcome}`)}${exit}   ${t('audit.show.verdict')}: ${run.verdict ? t(`verdict.name.${run.verdict as Verdict}`) : '-'}   ${t('audit.show.earliest')}: ${run.earliest_close_date ? t('format.day', { date: run.earliest_close_date }) : '-'}`,
    ];
    const checkRows = (checks: { id: string; status: string; summary: string }[]) =>
      renderTable(
        checks.map((c) => [t(`status.${c.status as CheckStatus}`), checkTitle({ id: c.id as CheckId }, t), c.summary]),
        { width, indent: 2 },
      );
    const readiness = records.filter((r) => r.type === 'readiness');
    const results = records.filter((r) => r.type === 'check-result').map((r) => r.body as { id: string; status: string; summary: string });
    // A run interrupted before its verdict still shows the results it recorded one by one.
    if (readiness.length === 0 && results.length > 0) lines.push('', io.out.bold(t('audit.show.check-result')), checkRows(results));
    for (const record of records) {
      if (record.type === 'readiness') {
        const body = record.body as { checks: { id: string; status: string; summary: string }[]; confirmations: { checkId: string; how: string }[] };
        lines.push('', io.out.bold(t('audit.show.checks')), checkRows(body.checks));
        for (const c of body.confirmations) lines.push(`  ${t('audit.show.confirmed', { id: checkTitle({ id: c.checkId as CheckId }, t), how: c.how === 'flag' || c.how === 'prompt' ? t(`confirm.how.${c.how}`) : c.how, at: t('format.timestamp', { at: record.at }) })}`);
      } else if (record.type === 'request') {
        lines.push('', io.out.bold(t('audit.show.request', { id: record.requestId ?? '' })), indent(closureRequestText(record.body as ClosureRequest, t)));
      } else if (record.type === 'submission') {
        const body = record.body as { reference: string; submitter: string };
        lines.push('', io.out.bold(t('audit.show.submission', { ref: body.reference, via: body.submitter, at: t('format.timestamp', { at: record.at }) })));
      }
    }
    lines.push('', io.out.bold(t('audit.show.events')));
    lines.push(renderTable(records.map((r) => [`#${r.seq}`, t('format.timestamp', { at: r.at }), t('audit.event', { type: r.type }), r.requestId ?? '']), { width, indent: 2 }));
    io.print(lines.join('\n'));
    return EXIT.ok;
  });
}

export const auditVerify = defineCommand<AuditReadOptions>({
  name: 'verify',
  description: 'help.audit-verify',
  flags: [],
  examples: ['close-account audit verify', 'close-account audit verify --json'],
  resolve: (_raw, globals) => Object.freeze(readOptions(globals)),
  run: runAuditVerify,
});

async function runAuditVerify(options: AuditReadOptions, io: CommandIo): Promise<number> {
  if (!(await auditLogExists(place(options, io)))) {
    if (options.json) io.print(JSON.stringify(auditVerifyJson(options.auditDbPath, null), null, 2));
    else io.print(io.t('audit.verify.none', { path: options.auditDbPath }));
    return EXIT.ok;
  }
  try {
    return await verifyExisting(options, io);
  } catch (error) {
    // A log deleted or cut short before it could be opened: the verify document says so, as for any broken chain.
    const lost = lostLogProblem(error);
    if (options.json && lost) io.print(JSON.stringify({ ...auditVerifyJson(options.auditDbPath, null), exists: existsSync(options.auditDbPath), intact: false, problem: lost }, null, 2));
    throw error;
  }
}

async function verifyExisting(options: AuditReadOptions, io: CommandIo): Promise<number> {
  return withAudit(options, io, (audit) => {
    const verdict = audit.verify();
    const { t } = io;
    if (options.json) io.print(JSON.stringify(auditVerifyJson(audit.path, verdict), null, 2));
    if (verdict.intact) {
      if (!options.json) io.print(io.out.green(t('audit.verify.intact', { records: verdict.records, head: verdict.head })));
      return EXIT.ok;
    }
    throw new CliError(EXIT.notReady, chainProblemText(verdict.problem!, audit.path, t), t('audit.verify.hint'));
  }, 'verify');
}

const FORMATS = ['md', 'html', 'json', 'csv'] as const;
type DossierFormat = (typeof FORMATS)[number];

export interface AuditExportOptions extends AuditReadOptions {
  readonly format: DossierFormat;
  /** One request's dossier; null for the latest. */
  readonly requestId: string | null;
  /** The file to write; null for stdout. */
  readonly out: string | null;
  /** --seller: one seller's runs and requests only (each client their own dossier); null for all. */
  readonly seller: string | null;
}

export const auditExport = defineCommand<AuditExportOptions>({
  name: 'export',
  description: 'help.audit-export',
  flags: [
    { flags: '--format <format>', help: 'help.format', default: 'md' },
    { flags: '--request <id>', help: 'help.request' },
    { flags: '--out <file>', help: 'help.export-out' },
    { flags: '--seller <id>', help: 'help.export-seller' },
  ],
  examples: ['close-account audit export --format html --out dossier.html', 'close-account audit export --json'],
  resolve(raw, globals) {
    const { t, options } = globals;
    const given = flagText(raw, 'format');
    // --json prints JSON: the dossier's JSON form, and a --format that says otherwise is a contradiction.
    if (options.json && given !== undefined && given !== 'json') throw new UsageError(t('error.json-format', { format: given }));
    const format = options.json ? 'json' : (given ?? 'md');
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(t('error.bad-format', { value: format, formats: FORMATS.join(', ') }));
    const out = flagText(raw, 'out');
    const seller = flagText(raw, 'seller');
    return Object.freeze({ ...readOptions(globals), format: format as DossierFormat, requestId: flagText(raw, 'request') ?? null, out: out ? settingPath(out, globals.term.env) : null, seller: seller === undefined ? null : normaliseSellerId(seller) });
  },
  run: runAuditExport,
});

async function runAuditExport(options: AuditExportOptions, io: CommandIo): Promise<number> {
  const { format, requestId, out, seller } = options;
  const [{ buildDossier }, { dossierCsv, dossierHtml, dossierMarkdown }] = await Promise.all([import('../audit/dossier-data.js'), import('../render/dossier.js')]);
  return withAudit(options, io, async (audit) => {
    if (requestId && !audit.requests().some((h) => h.request.id === requestId)) {
      throw new UsageError(io.t('error.no-request', { id: requestId }), io.t('error.no-request-hint'));
    }
    const dossier = buildDossier(audit, requestId, io.term.now(), seller);
    if (seller !== null && dossier.timeline.length === 0) throw new UsageError(io.t('portfolio.export.no-seller', { sellerId: seller }), io.t('portfolio.export.no-seller-hint'));
    const t = io.t;
    const text = format === 'json' ? JSON.stringify(dossier, null, 2) : format === 'csv' ? dossierCsv(dossier) : format === 'html' ? dossierHtml(dossier, t) : dossierMarkdown(dossier, t);
    if (out) {
      const { writeOutputFile } = await import('../io/output-file.js');
      await writeOutputFile(out, `${text}\n`, t);
      io.say(t('audit.export.written', { path: out }));
    } else {
      io.printAsIs(text); // a file format: its lines are never wrapped
    }
    if (!dossier.chain.intact) io.warn(t('audit.export.broken'));
    return EXIT.ok;
  });
}

export const auditGroup: CommandGroup = {
  name: 'audit',
  description: 'help.audit',
  subcommands: [auditList, auditShow, auditVerify, auditExport],
};
