// `audit list | show ID | export --format json|csv`: reading the audit log back.

import { existsSync } from 'node:fs';
import type { AuditLog } from '../audit/audit-log.js';
import { EXIT, UsageError } from '../errors.js';
import type { CommandContext } from './command-context.js';
import { openAuditLog } from './open-audit-log.js';

async function withAudit<T>(ctx: CommandContext, use: (audit: AuditLog) => T): Promise<T> {
  if (!existsSync(ctx.options.auditDbPath)) {
    throw new UsageError(ctx.t('error.audit-missing', { path: ctx.options.auditDbPath }), ctx.t('error.audit-missing-hint'));
  }
  const audit = await openAuditLog(ctx);
  try {
    return use(audit);
  } finally {
    audit.close();
  }
}

export async function runAuditList(ctx: CommandContext): Promise<number> {
  return withAudit(ctx, (audit) => {
    const runs = audit.listRuns();
    if (ctx.options.json) {
      ctx.print(JSON.stringify({ schemaVersion: 1, runs }, null, 2));
      return EXIT.ok;
    }
    if (runs.length === 0) {
      ctx.print(ctx.t('audit.empty'));
      return EXIT.ok;
    }
    const header = ['run', 'started', 'command', 'data', 'as of', 'verdict', 'outcome', 'exit', 'submission'];
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
    const record = {
      run,
      checks: audit.checksOf(runId).map((c) => ({ ...c, detail: JSON.parse(String(c.detail)) as unknown }) as Record<string, unknown>),
      confirmations: audit.confirmationsOf(runId),
      requests: audit.requestsOf(runId).map((r) => ({ id: r.id, content: JSON.parse(r.content) })),
      submissions: audit.submissionsOf(runId).map((s) => ({ ...s, receipt: JSON.parse(s.receipt) })),
      events: audit.eventsOf(runId).map((e) => ({ ...e, detail: JSON.parse(e.detail) })),
    };
    if (ctx.options.json) {
      ctx.print(JSON.stringify({ schemaVersion: 1, ...record }, null, 2));
      return EXIT.ok;
    }
    const lines = [
      ctx.out.bold(`${run.id}  ${run.command}  ${run.started_at}`),
      `  ${ctx.t('audit.show.data')}: ${run.adapter}${run.demo ? ' (demo)' : ''}   ${ctx.t('audit.show.as-of')}: ${run.as_of}`,
      `  ${ctx.t('audit.show.outcome')}: ${run.outcome}${run.exit_code === null ? '' : ` (exit ${run.exit_code})`}   ${ctx.t('audit.show.verdict')}: ${run.verdict ?? '-'}   ${ctx.t('audit.show.earliest')}: ${run.earliest_close_date ?? '-'}`,
    ];
    if (record.checks.length > 0) {
      lines.push('', ctx.out.bold(ctx.t('audit.show.checks')));
      for (const c of record.checks) lines.push(`  ${String(c.status).padEnd(8)} ${String(c.check_id).padEnd(26)} ${c.summary}`);
    }
    for (const c of record.confirmations) lines.push(`  ${ctx.t('audit.show.confirmed', { id: String(c.check_id), how: String(c.how), at: String(c.confirmed_at) })}`);
    for (const r of record.requests) lines.push('', ctx.out.bold(ctx.t('audit.show.request', { id: r.id })), `  ${JSON.stringify(r.content)}`);
    for (const s of record.submissions) lines.push('', ctx.out.bold(ctx.t('audit.show.submission', { ref: s.reference, via: s.submitter, at: s.submitted_at })));
    if (record.events.length > 0) {
      lines.push('', ctx.out.bold(ctx.t('audit.show.events')));
      for (const e of record.events) lines.push(`  ${e.at}  ${e.type}  ${JSON.stringify(e.detail)}`);
    }
    ctx.print(lines.join('\n'));
    return EXIT.ok;
  });
}

const CSV_COLUMNS = ['at', 'run_id', 'record', 'id', 'status', 'detail'] as const;

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  // Quote per RFC 4180; a leading = + - @ would be run as a formula by spreadsheets.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export async function runAuditExport(ctx: CommandContext, format: string): Promise<number> {
  if (format !== 'json' && format !== 'csv') throw new UsageError(ctx.t('error.bad-format', { value: format, formats: 'json, csv' }));
  return withAudit(ctx, (audit) => {
    const dump = audit.dump();
    if (format === 'json') {
      ctx.print(JSON.stringify({ schemaVersion: 1, exportedAt: ctx.term.now().toISOString(), database: audit.path, ...dump }, null, 2));
      return EXIT.ok;
    }
    // One timeline: every record of every table as a row, oldest first.
    const rows: unknown[][] = [];
    for (const r of dump.runs ?? []) rows.push([r.started_at, r.id, 'run', r.command, r.outcome, JSON.stringify({ adapter: r.adapter, demo: r.demo, asOf: r.as_of, verdict: r.verdict, earliestCloseDate: r.earliest_close_date, exitCode: r.exit_code, endedAt: r.ended_at })]);
    const startedAt = new Map((dump.runs ?? []).map((r) => [r.id, r.started_at]));
    for (const c of dump.check_results ?? []) rows.push([startedAt.get(c.run_id), c.run_id, 'check', c.check_id, c.status, JSON.stringify({ summary: c.summary, count: c.count, clearsOn: c.clears_on, confirmed: c.confirmed })]);
    for (const c of dump.confirmations ?? []) rows.push([c.confirmed_at, c.run_id, 'confirmation', c.check_id, 'confirmed', JSON.stringify({ how: c.how })]);
    for (const r of dump.requests ?? []) rows.push([r.created_at, r.first_run_id, 'request', r.id, '', r.content]);
    for (const s of dump.submissions ?? []) rows.push([s.submitted_at, s.run_id, 'submission', s.request_id, s.submitter, s.receipt]);
    for (const e of dump.events ?? []) rows.push([e.at, e.run_id, 'event', e.type, '', e.detail]);
    rows.sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    ctx.print([CSV_COLUMNS.join(','), ...rows.map((row) => row.map(csvCell).join(','))].join('\n'));
    return EXIT.ok;
  });
}
