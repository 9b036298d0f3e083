// `audit list | show ID | verify | export --format md|html|json|csv`: reading the audit log back,
// and proving it has not been tampered with.

import { normaliseSellerId } from '../core/request-owner.js';
import { resolve } from 'node:path';
import { writeOutputFile } from '../io/output-file.js';
import type { AuditLog, RunSummary } from '../audit/audit-log.js';
import type { CheckId, CheckStatus } from '../core/check-result.js';
import { closureRequestText, type ClosureRequest } from '../core/closure-request.js';
import type { Verdict } from '../core/verdict.js';
import { auditListJson, auditShowJson, auditVerifyJson, type ChainJson } from '../render/audit-json.js';
import { checkTitle, indent } from '../render/readiness-human.js';
import { renderTable } from '../render/table.js';
import { CliError, EXIT, UsageError } from '../errors.js';
import type { CommandContext } from './command-context.js';
import { auditLogExists, chainProblemText, openAuditLog } from './open-audit-log.js';

async function withAudit<T>(ctx: CommandContext, use: (audit: AuditLog) => T | Promise<T>, purpose: 'read' | 'verify' = 'read'): Promise<T> {
  if (!(await auditLogExists(ctx))) {
    throw new UsageError(ctx.t('error.audit-missing', { path: ctx.options.auditDbPath }), ctx.t('error.audit-missing-hint'));
  }
  const audit = await openAuditLog(ctx, purpose);
  try {
    return await use(audit);
  } catch (error) {
    // A record the reader cannot make sense of is a damaged log, said as such, never "a bug".
    if (error instanceof CliError) throw error;
    const verdict = audit.verify();
    if (verdict.intact) throw error;
    throw new CliError(EXIT.notReady, chainProblemText(verdict.problem!, audit.path, ctx.t), ctx.t('audit.verify.hint'));
  } finally {
    audit.close();
  }
}

/** list and show read a log as it is; when it does not verify, they say so (on stderr) rather than show it as the whole story. */
function warnIfBroken(ctx: CommandContext, audit: AuditLog): ChainJson {
  const verdict = audit.verify();
  if (!verdict.intact) ctx.warn(chainProblemText(verdict.problem!, audit.path, ctx.t));
  // --json says it too: a script reads stdout, and an exit 0 alone would pass a broken log as the whole story.
  return { intact: verdict.intact, problem: verdict.problem ?? null };
}

export interface AuditListFlags {
  limit?: string;
  all?: boolean;
}

export async function runAuditList(ctx: CommandContext, flags: AuditListFlags = {}): Promise<number> {
  const { t } = ctx;
  const limit = flags.all ? null : Number(flags.limit ?? 50);
  if (limit !== null && (!Number.isInteger(limit) || limit <= 0)) throw new UsageError(t('error.bad-limit', { value: flags.limit ?? '' }));
  // No log yet is an answer, not an error: nothing has been recorded.
  if (!(await auditLogExists(ctx))) {
    if (ctx.options.json) ctx.print(JSON.stringify(auditListJson(ctx.options.auditDbPath, null), null, 2));
    else ctx.print(t('audit.none', { path: ctx.options.auditDbPath }));
    return EXIT.ok;
  }
  return withAudit(ctx, (audit) => {
    const chain = warnIfBroken(ctx, audit);
    const runs = audit.listRuns(limit);
    const total = audit.countRuns();
    const more = total - runs.length;
    if (ctx.options.json) {
      ctx.print(JSON.stringify(auditListJson(audit.path, { runs, total, head: audit.head(), chain }), null, 2));
      return EXIT.ok;
    }
    if (runs.length === 0) {
      ctx.print(t('audit.empty'));
      return EXIT.ok;
    }
    const header = t('audit.list.columns').split('|');
    const rows = runs.map((r) => [
      r.id,
      t('format.timestamp', { at: r.started_at }),
      r.command,
      dataLabel(ctx, r),
      t('format.day', { date: r.as_of }),
      r.verdict ? t(`verdict.name.${r.verdict as Verdict}`) : '-',
      t(`outcome.${r.outcome}`),
      r.exit_code === null ? '-' : String(r.exit_code),
      r.submission_reference ?? '-',
    ]);
    ctx.print(renderTable([header, ...rows], { width: ctx.columns ?? Number.MAX_SAFE_INTEGER, header: true, style: (text, row, column) => (row === 0 || column === 0 ? ctx.out.bold(text) : text) }));
    if (more > 0) ctx.say(t('audit.list.more', { shown: runs.length, total, more, next: Math.min(total, runs.length * 2) }));
    return EXIT.ok;
  });
}

/** Where a run's data came from, naming the demo seller's situation. */
function dataLabel(ctx: CommandContext, run: RunSummary): string {
  if (!run.demo) return run.adapter;
  return run.demo_scenario ? ctx.t('audit.show.demo', { adapter: run.adapter, scenario: run.demo_scenario }) : `${run.adapter} (demo)`;
}

export async function runAuditShow(ctx: CommandContext, runId: string): Promise<number> {
  return withAudit(ctx, (audit) => {
    const chain = warnIfBroken(ctx, audit);
    const run = audit.run(runId);
    if (!run) throw new UsageError(ctx.t('error.audit-no-run', { runId }), ctx.t('error.audit-no-run-hint'));
    const records = audit.recordsOfRun(runId);
    if (ctx.options.json) {
      ctx.print(JSON.stringify(auditShowJson(run, records, chain), null, 2));
      return EXIT.ok;
    }
    const { t } = ctx;
    const width = ctx.columns ?? Number.MAX_SAFE_INTEGER;
    const exit = run.exit_code === null ? '' : ` (${t('audit.show.exit', { code: run.exit_code })})`;
    const lines = [
      ctx.out.bold(`${run.id}  ${run.command}  ${t('format.timestamp', { at: run.started_at })}`),
      `  ${t('audit.show.data')}: ${dataLabel(ctx, run)}   ${t('audit.show.as-of')}: ${t('format.day', { date: run.as_of })}`,
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
    if (readiness.length === 0 && results.length > 0) lines.push('', ctx.out.bold(t('audit.show.check-result')), checkRows(results));
    for (const record of records) {
      if (record.type === 'readiness') {
        const body = record.body as { checks: { id: string; status: string; summary: string }[]; confirmations: { checkId: string; how: string }[] };
        lines.push('', ctx.out.bold(t('audit.show.checks')), checkRows(body.checks));
        for (const c of body.confirmations) lines.push(`  ${t('audit.show.confirmed', { id: checkTitle({ id: c.checkId as CheckId }, t), how: c.how === 'flag' || c.how === 'prompt' ? t(`confirm.how.${c.how}`) : c.how, at: t('format.timestamp', { at: record.at }) })}`);
      } else if (record.type === 'request') {
        lines.push('', ctx.out.bold(t('audit.show.request', { id: record.requestId ?? '' })), indent(closureRequestText(record.body as ClosureRequest, t)));
      } else if (record.type === 'submission') {
        const body = record.body as { reference: string; submitter: string };
        lines.push('', ctx.out.bold(t('audit.show.submission', { ref: body.reference, via: body.submitter, at: t('format.timestamp', { at: record.at }) })));
      }
    }
    lines.push('', ctx.out.bold(t('audit.show.events')));
    lines.push(renderTable(records.map((r) => [`#${r.seq}`, t('format.timestamp', { at: r.at }), t('audit.event', { type: r.type }), r.requestId ?? '']), { width, indent: 2 }));
    ctx.print(lines.join('\n'));
    return EXIT.ok;
  });
}

export async function runAuditVerify(ctx: CommandContext): Promise<number> {
  if (!(await auditLogExists(ctx))) {
    if (ctx.options.json) ctx.print(JSON.stringify(auditVerifyJson(ctx.options.auditDbPath, null), null, 2));
    else ctx.print(ctx.t('audit.verify.none', { path: ctx.options.auditDbPath }));
    return EXIT.ok;
  }
  return withAudit(ctx, (audit) => {
    const verdict = audit.verify();
    const { t } = ctx;
    if (ctx.options.json) ctx.print(JSON.stringify(auditVerifyJson(audit.path, verdict), null, 2));
    if (verdict.intact) {
      if (!ctx.options.json) ctx.print(ctx.out.green(t('audit.verify.intact', { records: verdict.records, head: verdict.head })));
      return EXIT.ok;
    }
    throw new CliError(EXIT.notReady, chainProblemText(verdict.problem!, audit.path, t), t('audit.verify.hint'));
  }, 'verify');
}

const FORMATS = ['md', 'html', 'json', 'csv'] as const;

export async function runAuditExport(ctx: CommandContext, format: string, requestId: string | null, out: string | null = null, sellerId: string | null = null): Promise<number> {
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(ctx.t('error.bad-format', { value: format, formats: FORMATS.join(', ') }));
  const { buildDossier, dossierCsv, dossierHtml, dossierMarkdown } = await import('../render/dossier.js');
  return withAudit(ctx, async (audit) => {
    if (requestId && !audit.requests().some((h) => h.request.id === requestId)) {
      throw new UsageError(ctx.t('error.no-request', { id: requestId }), ctx.t('error.no-request-hint'));
    }
    const dossier = buildDossier(audit, requestId, ctx.term.now(), sellerId === null ? null : normaliseSellerId(sellerId));
    if (sellerId !== null && dossier.timeline.length === 0) throw new UsageError(ctx.t('portfolio.export.no-seller', { sellerId: normaliseSellerId(sellerId) }), ctx.t('portfolio.export.no-seller-hint'));
    ctx.columns = null; // a file format: its lines are never wrapped
    const t = ctx.t;
    const text = format === 'json' ? JSON.stringify(dossier, null, 2) : format === 'csv' ? dossierCsv(dossier) : format === 'html' ? dossierHtml(dossier, t) : dossierMarkdown(dossier, t);
    if (out) {
      await writeOutputFile(resolve(out), `${text}\n`, t);
      ctx.say(t('audit.export.written', { path: resolve(out) }));
    } else {
      ctx.print(text);
    }
    if (!dossier.chain.intact) ctx.warn(t('audit.export.broken'));
    return EXIT.ok;
  });
}
