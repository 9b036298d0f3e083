// What changed for an account since its last portfolio run, read from the audit log: every
// portfolio run of an account starts with a record naming its seller, region and name, so the
// previous verdict and blockers of that seller in that region are found again on the next run.

import type { AuditLog } from '../audit/audit-log.js';
import type { CheckId } from '../core/check-result.js';
import type { Verdict } from '../core/verdict.js';
import type { AccountRegion } from './accounts-file.js';

/** The account a portfolio run was about, as written in its run-started record. */
export interface RunAccount {
  name: string;
  sellerId: string;
  region: AccountRegion;
}

export interface PreviousCheck {
  runId: string;
  at: string;
  verdict: Verdict;
  earliestCloseDate: string | null;
  blockers: CheckId[];
  /** How long the check took, from its start to its verdict: the next run starts the longest first. */
  durationMs: number | null;
}

export interface AccountChanges {
  previous: { runId: string; at: string; verdict: Verdict } | null;
  verdictChanged: boolean;
  /** Blockers the last run had and this one has not. */
  cleared: CheckId[];
  /** Blockers this run has and the last one had not. */
  added: CheckId[];
}

export const accountKey = (a: Pick<RunAccount, 'sellerId' | 'region'>) => `${a.sellerId}:${a.region}`;

/** What makes an account blocked: a check that fails, or one that could not be answered. */
export function blockersOf(checks: readonly { id: CheckId; status: string }[]): CheckId[] {
  return checks.filter((c) => c.status === 'fail' || c.status === 'unknown').map((c) => c.id);
}

/** The record --notify-webhook leaves once the changes of a run's accounts were delivered (or there were none). */
export const NOTIFIED_RECORD = 'portfolio-notified';

export interface PreviousChecks {
  /** The latest checked result of each seller and region. */
  latest: Map<string, PreviousCheck>;
  /** The latest whose changes a notification delivered: what the next notification is measured from. */
  notified: Map<string, PreviousCheck>;
}

/** The latest checked result of each seller and region (and the latest one notified), over the whole log, in one pass. */
export function previousChecks(audit: AuditLog): PreviousChecks {
  const accountOfRun = new Map<string, string>();
  const startedAt = new Map<string, number>();
  const latest = new Map<string, PreviousCheck>();
  const checked = new Map<string, { key: string; check: PreviousCheck }>();
  const notifiedRuns = new Set<string>();
  for (const record of audit.allRecords()) {
    if (record.type === NOTIFIED_RECORD) {
      const runs = (record.body as { runs?: unknown }).runs;
      if (Array.isArray(runs)) for (const run of runs) if (typeof run === 'string') notifiedRuns.add(run);
      continue;
    }
    if (!record.runId) continue;
    if (record.type === 'run-started') {
      const account = (record.body as { account?: RunAccount }).account;
      if (account && typeof account.sellerId === 'string' && typeof account.region === 'string') {
        accountOfRun.set(record.runId, accountKey(account));
        startedAt.set(record.runId, Date.parse(record.at));
      }
    } else if (record.type === 'readiness') {
      const key = accountOfRun.get(record.runId);
      if (!key) continue;
      const body = record.body as { verdict: Verdict; earliestCloseDate: string | null; checks: { id: CheckId; status: string }[] };
      const duration = Date.parse(record.at) - (startedAt.get(record.runId) ?? Number.NaN);
      const check: PreviousCheck = { runId: record.runId, at: record.at, verdict: body.verdict, earliestCloseDate: body.earliestCloseDate ?? null, blockers: blockersOf(body.checks), durationMs: Number.isFinite(duration) && duration >= 0 ? duration : null };
      latest.set(key, check);
      checked.set(record.runId, { key, check });
    }
  }
  // In the log's order, so that the latest notified run of each account wins.
  const notified = new Map<string, PreviousCheck>();
  for (const [runId, { key, check }] of checked) if (notifiedRuns.has(runId)) notified.set(key, check);
  return { latest, notified };
}

export function changesSince(previous: PreviousCheck | undefined, verdict: Verdict, blockers: readonly CheckId[]): AccountChanges {
  if (!previous) return { previous: null, verdictChanged: false, cleared: [], added: [] };
  return {
    previous: { runId: previous.runId, at: previous.at, verdict: previous.verdict },
    verdictChanged: previous.verdict !== verdict,
    cleared: previous.blockers.filter((id) => !blockers.includes(id)),
    added: blockers.filter((id) => !previous.blockers.includes(id)),
  };
}
