// `portfolio check`: every account checked by the one evaluation `check` uses, several at once,
// each with its own data source (and so, for sp-api, its own token and rate buckets). A source
// that fails is reported with its error and the others still are; each account's run is
// recorded in the audit log under its seller, region and name, and compared with its last one.

import type { AuditLog } from '../audit/audit-log.js';
import type { CheckId } from '../core/check-result.js';
import { evaluateReadiness, type Readiness } from '../core/readiness.js';
import { foreignSeller } from '../core/request-owner.js';
import { CliError, EXIT } from '../errors.js';
import type { Translate } from '../messages/catalogue.js';
import { secrets } from '../security/secret-registry.js';
import type { Account, AccountsFile } from './accounts-file.js';
import type { ArchiveEvidence } from '../core/checks/data-export.js';
import { openAccountSource, type SharedSourceOptions } from './account-source.js';
import { accountKey, blockersOf, changesSince, previousChecks, type AccountChanges, type PreviousCheck } from './history.js';
import { mapConcurrent } from './pool.js';
import { regionMap, type SellerRegions } from './region-map.js';

export type AccountErrorCode = 'usage' | 'data-source' | 'internal';

export interface AccountResult {
  account: Account;
  /** The audit log's run for this account; null on a dry run. */
  runId: string | null;
  readiness: Readiness | null;
  error: { code: AccountErrorCode; message: string; hint: string | null } | null;
  warnings: string[];
  blockers: CheckId[];
  changes: AccountChanges | null;
  /** What changed since the last run whose changes a notification delivered (--notify-webhook tells these). */
  changesSinceNotified: AccountChanges | null;
}

export interface PortfolioCheck {
  asOf: string;
  accountsFile: string;
  accounts: AccountResult[];
  regions: SellerRegions[];
  exitCode: number;
}

export type AccountProgress = { kind: 'started' } | { kind: 'checking'; check: CheckId } | { kind: 'done'; result: AccountResult };

export interface PortfolioCheckOptions {
  t: Translate;
  /** Shared by every account's source; `warn` and `note` are each account's own. */
  shared: Omit<SharedSourceOptions, 'warn' | 'note'>;
  dataDay: string;
  attested: ReadonlySet<CheckId>;
  concurrency: number;
  /** Null on a dry run: nothing is recorded, and nothing is compared. */
  audit: AuditLog | null;
  process: { pid: number; host: string };
  command: string;
  onProgress?: (index: number, event: AccountProgress) => void;
  /** The seller's verified archive, as `check` finds it (archive-record.ts): data-export is judged from it. */
  archive?: (sellerId: string | null) => Promise<ArchiveEvidence | null>;
  /** Awaited once an account's run is recorded, before its data is read (a test stops the process there). */
  afterRunStarted?: (account: Account) => Promise<void>;
}

/** A sensible default: the work is waiting on Amazon, not this machine's cores; Amazon's per-seller limits bound each account anyway. */
export function defaultConcurrency(cores: number): number {
  return Math.min(16, Math.max(4, cores * 4));
}

export async function checkPortfolio(file: AccountsFile, options: PortfolioCheckOptions): Promise<PortfolioCheck> {
  const history = options.audit ? previousChecks(options.audit) : { latest: new Map<string, PreviousCheck>(), notified: new Map<string, PreviousCheck>() };
  const previous = history.latest;
  // A run lasts as long as its slowest account (Amazon's per-seller limits and report times), so
  // the accounts that took longest last time start first (longest processing time first); the
  // results keep the file's order.
  const order = startOrder(file.accounts.map((account) => previous.get(accountKey(account))?.durationMs ?? null));
  const results = new Array<AccountResult>(file.accounts.length);
  await mapConcurrent(order, options.concurrency, async (index) => {
    const account = file.accounts[index]!;
    options.onProgress?.(index, { kind: 'started' });
    const result = await checkAccount(account, options, previous.get(accountKey(account)), history.notified.get(accountKey(account)), (check) => options.onProgress?.(index, { kind: 'checking', check }));
    options.onProgress?.(index, { kind: 'done', result });
    results[index] = result;
  });
  const accounts = results;
  const failed = accounts.some((a) => a.error !== null);
  const allReady = accounts.every((a) => a.readiness?.verdict === 'ready');
  return {
    asOf: options.shared.asOf,
    accountsFile: file.path,
    accounts,
    // The sample seller's marketplaces say nothing of the account listed: only real data adds regions.
    regions: regionMap(accounts.map((a) => ({ name: a.account.name, sellerId: a.account.sellerId, region: a.account.region, regions: a.readiness && !a.readiness.isDemo ? a.readiness.regions : null }))),
    exitCode: failed ? EXIT.dataSource : allReady ? EXIT.ok : EXIT.notReady,
  };
}

/** Indices, longest previous check first; an account never checked counts as the longest (it may be). */
export function startOrder(durations: readonly (number | null)[]): number[] {
  return durations.map((d, i) => ({ d: d ?? Number.POSITIVE_INFINITY, i })).sort((a, b) => b.d - a.d || a.i - b.i).map((x) => x.i);
}

async function checkAccount(account: Account, options: PortfolioCheckOptions, previous: PreviousCheck | undefined, notified: PreviousCheck | undefined, checking: (check: CheckId) => void): Promise<AccountResult> {
  const { t, audit } = options;
  const warnings: string[] = [];
  const demo = account.source.kind === 'demo';
  const runId = audit
    ? audit.startRun({
        command: options.command,
        adapter: account.source.kind,
        demo,
        ...(account.source.kind === 'demo' ? { demoScenario: account.source.scenario } : {}),
        asOf: options.shared.asOf,
        process: options.process,
        account: { name: account.name, sellerId: account.sellerId, region: account.region },
      })
    : null;
  const warn = (message: string) => {
    const clean = secrets.scrub(message);
    warnings.push(clean);
    if (audit && runId) audit.recordEvent(runId, 'warning', { message: clean });
  };
  try {
    await options.afterRunStarted?.(account);
    const source = await openAccountSource(account, { ...options.shared, warn, note: () => {} }, t);
    let readiness: Readiness;
    try {
      readiness = await evaluateReadiness(source, {
        asOf: options.shared.asOf,
        dataDay: options.dataDay,
        t,
        attested: options.attested,
        // The accounts file names each account's seller: where the data names none (report
        // files), that is the seller whose archive counts, as --seller-id is for `check`.
        ...(options.archive ? { archive: options.archive, statedSellerId: account.sellerId } : {}),
        onProgress: ({ id, result }) => {
          if (result && audit && runId) audit.recordEvent(runId, 'check-result', result);
          if (!result) checking(id);
        },
      });
    } finally {
      await source.close();
    }
    // The data's own seller must be the one the file lists (the demo seller is a sample for any).
    const other = demo ? null : foreignSeller(account.sellerId, readiness.account.sellerId);
    if (other !== null) throw new CliError(EXIT.dataSource, t('portfolio.error.other-seller', { listed: account.sellerId, data: other }), t('portfolio.error.other-seller-hint'));
    // And its region: data whose marketplaces are all of another region proves nothing of the one listed.
    if (!readiness.isDemo && readiness.regions.length > 0 && !readiness.regions.some((g) => g.region === account.region)) {
      const shown = readiness.regions.map((g) => t(`region.${g.region}`)).join(t('item.joiner'));
      throw new CliError(EXIT.dataSource, t('portfolio.error.other-region', { listed: t(`region.${account.region}`), data: shown }), t('portfolio.error.other-region-hint'));
    }
    const blockers = blockersOf(readiness.checks);
    if (audit && runId) {
      audit.recordReadiness(runId, readiness, new Map());
      audit.finishRun(runId, 'completed', readiness.verdict === 'ready' ? EXIT.ok : EXIT.notReady);
    }
    return {
      account,
      runId,
      readiness,
      error: null,
      warnings,
      blockers,
      changes: audit ? changesSince(previous, readiness.verdict, blockers) : null,
      changesSinceNotified: audit ? changesSince(notified, readiness.verdict, blockers) : null,
    };
  } catch (error) {
    const exitCode = error instanceof CliError ? error.exitCode : EXIT.internal;
    const code: AccountErrorCode = exitCode === EXIT.usage ? 'usage' : exitCode === EXIT.dataSource ? 'data-source' : 'internal';
    const message = secrets.scrub(error instanceof Error ? error.message : String(error));
    const hint = error instanceof CliError && error.hint ? secrets.scrub(error.hint) : null;
    if (audit && runId) {
      audit.recordEvent(runId, 'failed', { error: message });
      audit.finishRun(runId, 'failed', exitCode);
    }
    return { account, runId, readiness: null, error: { code, message, hint }, warnings, blockers: [], changes: null, changesSinceNotified: null };
  }
}
