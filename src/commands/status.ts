// `status`: where each closure request stands and what to do next; `status --record STATE`
// records Amazon's answer (closed, or rejected with its reason), or the seller's withdrawal.

import type { RequestHistory, RequestState } from '../audit/audit-log.js';
import type { CheckId } from '../core/check-result.js';
import { closureRequestText } from '../core/closure-request.js';
import { matchRejection } from '../core/rejection-reasons.js';
import { EXIT, UsageError } from '../errors.js';
import type { PlainMessageKey } from '../messages/catalogue.js';
import { indent } from '../render/readiness-human.js';
import type { CommandContext } from './command-context.js';
import { auditLogExists, openAuditLog } from './open-audit-log.js';

export interface StatusFlags {
  record?: string;
  reason?: string;
  request?: string;
}

/** Answers a request may get, and the states it may get them in. */
const TRANSITIONS: Record<string, readonly RequestState[]> = {
  'under-review': ['submitted'],
  closed: ['submitted', 'under-review'],
  rejected: ['submitted', 'under-review'],
  withdrawn: ['draft', 'submitting', 'submitted', 'under-review'],
};

/** What to do about a check Amazon named in a rejection (the check's own remedy). */
const FIX: Record<CheckId, PlainMessageKey> = {
  'open-orders': 'check.open-orders.fix',
  'last-sale-window': 'status.fix.last-sale-window',
  'returns-refunds': 'check.returns-refunds.fix',
  claims: 'check.claims.fix',
  'fba-inventory': 'check.fba-inventory.fix',
  'removal-orders': 'check.removal-orders.fix',
  listings: 'check.listings.fix',
  balance: 'check.balance.unknown-fix',
  marketplaces: 'check.marketplaces.others-fix',
  'data-export': 'confirm.data-export.how',
  'bank-account': 'confirm.bank-account.how',
  'performance-notifications': 'confirm.performance-notifications.how',
  'selling-plan': 'confirm.selling-plan.how',
  'hidden-charges': 'status.fix.hidden-charges',
};

export async function runStatus(ctx: CommandContext, flags: StatusFlags): Promise<number> {
  const { t, options } = ctx;
  if (flags.record) return recordAnswer(ctx, flags);
  const histories = (await auditLogExists(ctx)) ? await readRequests(ctx) : [];
  if (options.json) {
    ctx.print(JSON.stringify({ schemaVersion: 1, requests: histories, audit: { database: options.auditDbPath } }, null, 2));
    return EXIT.ok;
  }
  if (histories.length === 0) {
    ctx.print(t('status.none', { path: options.auditDbPath }));
    return EXIT.ok;
  }
  ctx.print(histories.map((h) => describe(ctx, h)).join('\n\n'));
  return EXIT.ok;
}

function describe(ctx: CommandContext, history: RequestHistory): string {
  const { t, out } = ctx;
  const when = (at: string) => t('format.timestamp', { at });
  const lines = [out.bold(t('status.request', { id: history.request.id, at: when(history.createdAt), state: t(`state.${history.state}`) })), indent(closureRequestText(history.request, t)), ''];
  if (history.submission) lines.push(t('status.submitted', { at: when(history.submission.submittedAt), via: history.submission.submitter }));
  for (const status of history.statuses) lines.push(`${when(status.at)}: ${t(`state.${status.state}`)}${status.reason ? ` — ${status.reason}` : ''}`);
  const last = history.statuses.at(-1);
  switch (history.state) {
    case 'draft':
      // A draft checked ready only waits to be submitted; "once the checks say ready" would mislead.
      lines.push(out.yellow(history.request.basedOn.verdict === 'ready' ? t('status.draft-ready-next') : t('status.not-submitted-next')));
      break;
    case 'submitting':
      lines.push(out.yellow(t('status.submitting-next', { at: when(history.interruptedSubmission?.at ?? '') })));
      break;
    case 'submitted':
    case 'under-review':
      lines.push(history.submission?.submitter === 'demo' ? t('status.demo-next') : t('status.submitted-next'));
      break;
    case 'closed':
      lines.push(out.green(t('status.closed-next')));
      break;
    case 'rejected':
      lines.push(out.red(t('status.rejected-next')));
      if (last?.matchedCheck) lines.push(`  ${t('status.rejected-check', { check: t(`check.${last.matchedCheck as CheckId}.title`) })}`, `  → ${t(FIX[last.matchedCheck as CheckId])}`);
      break;
    case 'withdrawn':
      // Recording it here reaches no one: a request Amazon has is withdrawn with Amazon.
      lines.push(history.submission && history.submission.submitter !== 'demo' ? t('status.withdrawn-sent-next') : t('status.withdrawn-next'));
      break;
  }
  return lines.join('\n');
}

async function readRequests(ctx: CommandContext): Promise<RequestHistory[]> {
  // Verified first: a damaged or cut log is said to be so, never read as if whole.
  const audit = await openAuditLog(ctx, 'append');
  try {
    return audit.requests();
  } finally {
    audit.close();
  }
}

async function recordAnswer(ctx: CommandContext, flags: StatusFlags): Promise<number> {
  const { t } = ctx;
  const state = flags.record!;
  if (!(state in TRANSITIONS)) throw new UsageError(t('error.bad-record', { value: state, states: Object.keys(TRANSITIONS).join(', ') }));
  if (state === 'rejected' && !flags.reason) throw new UsageError(t('error.rejected-needs-reason'));
  if (!(await auditLogExists(ctx))) throw new UsageError(t('error.audit-missing', { path: ctx.options.auditDbPath }), t('error.audit-missing-hint'));
  const audit = await openAuditLog(ctx, 'append');
  try {
    const histories = audit.requests();
    const history = flags.request ? histories.find((h) => h.request.id === flags.request) : histories[0];
    if (!history) throw new UsageError(t('error.no-request', { id: flags.request ?? '' }), t('error.no-request-hint'));
    if (!TRANSITIONS[state]!.includes(history.state)) {
      throw new UsageError(t('error.bad-transition', { id: history.request.id, from: t(`state.${history.state}`), to: t(`state.${state as RequestState}`) }));
    }
    const matched = state === 'rejected' ? matchRejection(flags.reason!) : null;
    audit.recordRequestStatus(null, history.request.id, state as RequestState, flags.reason ?? null, matched);
    const updated = audit.requests().find((h) => h.request.id === history.request.id)!;
    if (ctx.options.json) ctx.print(JSON.stringify({ schemaVersion: 1, request: updated }, null, 2));
    else ctx.print(describe(ctx, updated));
    return EXIT.ok;
  } finally {
    audit.close();
  }
}
