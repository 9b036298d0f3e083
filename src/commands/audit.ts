// `audit list | show ID | verify | export --format md|html|json|csv`: reading the audit log back,
// and proving it has not been tampered with.

import { resolve } from 'node:path';
import { writeOutputFile } from '../io/output-file.js';
import type { AuditLog } from '../audit/audit-log.js';
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

export async function runAuditList(ctx: CommandContext): Promise<number> {
  return withAudit(ctx, (audit) => {
    const runs = audit.listRuns();
    if (ctx.options.json) {
      ctx.print(JSON.stringify({ schemaVersion: 1, runs, head: audit.head() }, null, 2));
      return EXIT.ok;
    }
    if (runs.length === 0) {
      ctx.print(ctx.t('audit.empty'));
      return EXIT.ok;
    }
    const header = ctx.t('audit.list.columns').split('|');
    const rows = runs.map((r) => [
      r.id,
      r.started_at.replace('T', ' ').slice(0, 19),
      r.command,
      r.demo ? `${r.adapter} (demo)` : r.adapter,
      r.as_of,
      r.verdict ?? '-',
      r.outcome,
      r.exit_code === null ? '-' : String(r.exit_code),
      r.submission_reference ?? '-',
    ]);
    ctx.print(table([header, ...rows], ctx));
    return EXIT.ok;
  });
}

function table(rows: string[][], ctx: CommandContext): string {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  return rows
    .map((row, i) => {
      const line = row.map((cell, col) => cell.padEnd(widths[col]!)).join('  ').trimEnd();
      return i === 0 ? ctx.out.bold(line) : line;
    })
    .join('\n');
}

export async function runAuditShow(ctx: CommandContext, runId: string): Promise<number> {
  return withAudit(ctx, (audit) => {
    const run = audit.run(runId);
    if (!run) throw new UsageError(ctx.t('error.audit-no-run', { runId }), ctx.t('error.audit-no-run-hint'));
    const records = audit.recordsOfRun(runId);
    if (ctx.options.json) {
      ctx.print(JSON.stringify({ schemaVersion: 1, run, records }, null, 2));
      return EXIT.ok;
    }
    const { t } = ctx;
    const lines = [
      ctx.out.bold(`${run.id}  ${run.command}  ${run.started_at}`),
      `  ${t('audit.show.data')}: ${run.adapter}${run.demo ? ' (demo)' : ''}   ${t('audit.show.as-of')}: ${run.as_of}`,
      `  ${t('audit.show.outcome')}: ${run.outcome}${run.exit_code === null ? '' : ` (exit ${run.exit_code})`}   ${t('audit.show.verdict')}: ${run.verdict ?? '-'}   ${t('audit.show.earliest')}: ${run.earliest_close_date ?? '-'}`,
    ];
    for (const record of records) {
      if (record.type === 'readiness') {
        const body = record.body as { checks: { id: string; status: string; summary: string }[]; confirmations: { checkId: string; how: string }[] };
        lines.push('', ctx.out.bold(t('audit.show.checks')));
        for (const c of body.checks) lines.push(`  ${c.status.padEnd(8)} ${c.id.padEnd(26)} ${c.summary}`);
        for (const c of body.confirmations) lines.push(`  ${t('audit.show.confirmed', { id: c.checkId, how: c.how, at: record.at })}`);
      } else if (record.type === 'request') {
        lines.push('', ctx.out.bold(t('audit.show.request', { id: record.requestId ?? '' })), `  ${JSON.stringify(record.body)}`);
      } else if (record.type === 'submission') {
        const body = record.body as { reference: string; submitter: string };
        lines.push('', ctx.out.bold(t('audit.show.submission', { ref: body.reference, via: body.submitter, at: record.at })));
      }
    }
    lines.push('', ctx.out.bold(t('audit.show.events')));
    for (const r of records) lines.push(`  #${r.seq}  ${r.at}  ${r.type}${r.requestId ? `  ${r.requestId}` : ''}`);
    ctx.print(lines.join('\n'));
    return EXIT.ok;
  });
}

export async function runAuditVerify(ctx: CommandContext): Promise<number> {
  return withAudit(ctx, (audit) => {
    const verdict = audit.verify();
    const { t } = ctx;
    if (ctx.options.json) ctx.print(JSON.stringify({ schemaVersion: 1, database: audit.path, ...verdict }, null, 2));
    if (verdict.intact) {
      if (!ctx.options.json) ctx.print(ctx.out.green(t('audit.verify.intact', { records: verdict.records, head: verdict.head })));
      return EXIT.ok;
    }
    throw new CliError(EXIT.notReady, chainProblemText(verdict.problem!, audit.path, t), t('audit.verify.hint'));
  }, 'verify');
}

const FORMATS = ['md', 'html', 'json', 'csv'] as const;

export async function runAuditExport(ctx: CommandContext, format: string, requestId: string | null, out: string | null = null): Promise<number> {
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(ctx.t('error.bad-format', { value: format, formats: FORMATS.join(', ') }));
  const { buildDossier, dossierCsv, dossierHtml, dossierMarkdown } = await import('../render/dossier.js');
  return withAudit(ctx, async (audit) => {
    if (requestId && !audit.requests().some((h) => h.request.id === requestId)) {
      throw new UsageError(ctx.t('error.no-request', { id: requestId }), ctx.t('error.no-request-hint'));
    }
    const dossier = buildDossier(audit, requestId, ctx.term.now());
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
