// `status`: where each closure request stands and what to do next; `status --record STATE`
// records Amazon's answer (closed, or rejected with its reason), or the seller's withdrawal.

import type { RequestHistory, RequestState } from '../audit/audit-log.js';
import type { CheckId } from '../core/check-result.js';
import { closureRequestText } from '../core/closure-request.js';
import { matchRejection } from '../core/rejection-reasons.js';
import { EXIT, UsageError } from '../errors.js';
import type { PlainMessageKey } from '../messages/catalogue.js';
import { indent } from '../render/readiness-human.js';
import { auditLogExists, openAuditLog, type AuditLogPlace } from '../audit/open-audit-log.js';
import { flagText } from '../config/flag-spec.js';
import { defineCommand } from '../command-kit/command-definition.js';
import type { CommandIo } from '../command-kit/command-io.js';

export interface StatusOptions {
  readonly json: boolean;
  readonly auditDbPath: string;
  /** The answer to record; null to show where each request stands. */
  readonly record: RequestState | null;
  /** Amazon's reason for a rejection, in its own words. */
  readonly amazonReason: string | null;
  /** The request the answer is for; null for the latest. */
  readonly request: string | null;
}

export const statusCommand = defineCommand<StatusOptions>({
  name: 'status',
  description: 'help.status',
  flags: [
    { flags: '--record <state>', help: 'help.record' },
    { flags: '--amazon-reason <text>', help: 'help.amazon-reason' },
    { flags: '--request <id>', help: 'help.request' },
  ],
  examples: ['close-account status', 'close-account status --record closed', 'close-account status --record rejected --amazon-reason "Open A-to-z claim"'],
  resolve(raw, { options, t }) {
    const record = flagText(raw, 'record') ?? null;
    const amazonReason = flagText(raw, 'amazonReason') ?? null;
    if (record !== null && !(record in TRANSITIONS)) throw new UsageError(t('error.bad-record', { value: record, states: Object.keys(TRANSITIONS).join(', ') }));
    if (record === 'rejected' && !amazonReason) throw new UsageError(t('error.rejected-needs-reason'));
    return Object.freeze({ json: options.json, auditDbPath: options.auditDbPath, record: record as RequestState | null, amazonReason, request: flagText(raw, 'request') ?? null });
  },
  run: runStatus,
});

const place = (options: StatusOptions, io: CommandIo): AuditLogPlace => ({ path: options.auditDbPath, term: io.term, t: io.t });

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

async function runStatus(options: StatusOptions, io: CommandIo): Promise<number> {
  const { t } = io;
  if (options.record) return recordAnswer(options, options.record, io);
  const histories = (await auditLogExists(place(options, io))) ? await readRequests(options, io) : [];
  if (options.json) {
    io.print(JSON.stringify({ schemaVersion: 1, requests: histories, audit: { database: options.auditDbPath } }, null, 2));
    return EXIT.ok;
  }
  if (histories.length === 0) {
    io.print(t('status.none', { path: options.auditDbPath }));
    return EXIT.ok;
  }
  io.print(histories.map((h) => describe(io, h)).join('\n\n'));
  return EXIT.ok;
}

function describe(io: CommandIo, history: RequestHistory): string {
  const { t, out } = io;
  const when = (at: string) => t('format.timestamp', { at });
  const lines = [out.bold(t('status.request', { id: history.request.id, at: when(history.createdAt), state: t(`state.${history.state}`) })), indent(closureRequestText(history.request, t)), ''];
  if (history.submission) lines.push(t('status.submitted', { at: when(history.submission.submittedAt), via: history.submission.submitter }));
  for (const status of history.statuses) lines.push(`${when(status.at)}: ${t(`state.${status.state}`)}${status.reason ? ` — ${status.reason}` : ''}`);
  const last = history.statuses.at(-1);
  // The demo seller's submission was simulated: whatever is recorded after it, Amazon never answered.
  const simulated = history.submission?.submitter === 'demo';
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
      lines.push(simulated ? t('status.demo-next') : t('status.submitted-next'));
      break;
    case 'closed':
      lines.push(simulated ? out.yellow(t('status.demo-answer-next')) : out.green(t('status.closed-next')));
      break;
    case 'rejected':
      lines.push(simulated ? out.yellow(t('status.demo-answer-next')) : out.red(t('status.rejected-next')));
      if (last?.matchedCheck) lines.push(`  ${t('status.rejected-check', { check: t(`check.${last.matchedCheck as CheckId}.title`) })}`, `  → ${t(FIX[last.matchedCheck as CheckId])}`);
      break;
    case 'withdrawn':
      // Recording it here reaches no one: a request Amazon has is withdrawn with Amazon.
      // A submission started and never confirmed may have left (a webhook that timed out, a Send pressed before Ctrl-C).
      lines.push(
        history.submission && history.submission.submitter !== 'demo'
          ? t('status.withdrawn-sent-next')
          : !history.submission && history.interruptedSubmission && history.interruptedSubmission.submitter !== 'demo'
            ? t('status.withdrawn-maybe-sent-next')
            : t('status.withdrawn-next'),
      );
      break;
  }
  return lines.join('\n');
}

async function readRequests(options: StatusOptions, io: CommandIo): Promise<RequestHistory[]> {
  // Verified first: a damaged or cut log is said to be so, never read as if whole.
  const audit = await openAuditLog(place(options, io), 'append');
  try {
    return audit.requests();
  } finally {
    audit.close();
  }
}

async function recordAnswer(options: StatusOptions, state: RequestState, io: CommandIo): Promise<number> {
  const { t } = io;
  if (!(await auditLogExists(place(options, io)))) throw new UsageError(t('error.audit-missing', { path: options.auditDbPath }), t('error.audit-missing-hint'));
  const audit = await openAuditLog(place(options, io), 'append');
  try {
    const histories = audit.requests();
    const history = options.request ? histories.find((h) => h.request.id === options.request) : histories[0];
    if (!history && options.request === null) throw new UsageError(t('status.none', { path: options.auditDbPath }));
    if (!history) throw new UsageError(t('error.no-request', { id: options.request ?? '' }), t('error.no-request-hint'));
    if (!TRANSITIONS[state]!.includes(history.state)) {
      throw new UsageError(t('error.bad-transition', { id: history.request.id, from: t(`state.${history.state}`), to: t(`state.${state}`) }));
    }
    const matched = state === 'rejected' ? matchRejection(options.amazonReason!) : null;
    audit.recordRequestStatus(null, history.request.id, state, options.amazonReason, matched);
    const updated = audit.requests().find((h) => h.request.id === history.request.id)!;
    if (options.json) io.print(JSON.stringify({ schemaVersion: 1, request: updated }, null, 2));
    else io.print(describe(io, updated));
    return EXIT.ok;
  } finally {
    audit.close();
  }
}
