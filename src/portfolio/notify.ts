// --notify-webhook: what changed since the last run (an account that became ready, a blocker
// cleared or new, a source that failed) is POSTed to the agency's URL, signed as submissions are
// (HMAC-SHA256 over the exact body with CLOSE_ACCOUNT_WEBHOOK_SECRET), through the one outbound
// layer: no redirect followed, secrets scrubbed from every message. Nothing changed: nothing sent.

import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/canonical-json.js';
import { DataSourceError, UsageError } from '../errors.js';
import { checkDestination, REAL_CLOCK, transportFor, type Clock } from '../http/outbound.js';
import type { Translate } from '../messages/catalogue.js';
import { secrets } from '../security/secret-registry.js';
import { postToWebhook, safeUrl, SIGNATURE_HEADER, signature } from '../submit/webhook-submitter.js';
import type { PortfolioCheck } from './check-accounts.js';

export interface NotifyOptions {
  t: Translate;
  env: Readonly<Record<string, string | undefined>>;
  now: Date;
  version: string;
  nodeVersion: string;
  say: (text: string) => void;
  clock?: Clock;
  attempts?: number;
  timeoutMs?: number;
}

export type PortfolioChange = { name: string; sellerId: string; region: string } & (
  | { kind: 'failed'; code: string; message: string }
  | { kind: 'changed' | 'first-run'; verdict: string; previousVerdict: string | null; becameReady: boolean; earliestCloseDate: string | null; cleared: string[]; added: string[] }
);

/** The changes worth telling: every account whose verdict or blockers moved, that is new, or whose source failed. */
export function portfolioChanges(result: PortfolioCheck) {
  const changed = result.accounts.flatMap((a): PortfolioChange[] => {
    const base = { name: a.account.name, sellerId: a.account.sellerId, region: a.account.region };
    if (a.error) return [{ ...base, kind: 'failed' as const, code: a.error.code, message: a.error.message }];
    // Measured from the last run whose changes were delivered: a notification that failed is not lost.
    const c = a.changesSinceNotified;
    if (!c || !a.readiness) return [];
    if (c.previous && !c.verdictChanged && c.cleared.length === 0 && c.added.length === 0) return [];
    return [
      {
        ...base,
        kind: c.previous ? ('changed' as const) : ('first-run' as const),
        verdict: a.readiness.verdict,
        previousVerdict: c.previous?.verdict ?? null,
        becameReady: a.readiness.verdict === 'ready' && c.previous?.verdict !== 'ready',
        earliestCloseDate: a.readiness.earliestCloseDate,
        cleared: c.cleared,
        added: c.added,
      },
    ];
  });
  return { schemaVersion: 1 as const, kind: 'close-account.portfolio-changes' as const, asOf: result.asOf, changes: changed };
}

/**
 * Checks the URL, the secret and where the URL goes before any account is checked (a mistake there
 * fails at once, exit 2); returns what sends the changes once they are known.
 */
export function changeNotifier(url: string, options: NotifyOptions): (result: PortfolioCheck) => Promise<'sent' | 'nothing'> {
  const { t } = options;
  const secret = options.env.CLOSE_ACCOUNT_WEBHOOK_SECRET;
  if (!/^https?:\/\/[^\s]+$/.test(url)) throw new UsageError(t('error.bad-webhook-url', { value: url }));
  if (!secret) throw new UsageError(t('error.webhook-secret-missing'));
  // The hook's own token is often in its path: it never reaches a message or the log.
  secrets.addUrl(url);
  const transport = transportFor(options.env, t);
  const what = t('http.what.webhook');
  if (checkDestination(url, what, transport)) options.say(t('http.insecure-warning', { what, url: safeUrl(url) }));
  return (result) => sendChanges(url, secret, result, options);
}

async function sendChanges(url: string, secret: string, result: PortfolioCheck, options: NotifyOptions): Promise<'sent' | 'nothing'> {
  const { t, clock = REAL_CLOCK, attempts = 5, timeoutMs = 10_000 } = options;
  const transport = transportFor(options.env, t);
  const document = portfolioChanges(result);
  if (document.changes.length === 0) {
    options.say(t('portfolio.notify.nothing'));
    return 'nothing';
  }
  const body = canonicalJson(document);
  const headers = {
    'content-type': 'application/json',
    'user-agent': `close-account/${options.version} (Node ${options.nodeVersion})`,
    // The same changes sent twice (a retry, a rerun the same day) are one notification.
    'idempotency-key': `portfolio-${createHash('sha256').update(body).digest('hex').slice(0, 32)}`,
    [SIGNATURE_HEADER.toLowerCase()]: signature(body, secret),
  };
  const outcome = await postToWebhook({ url, headers, body, transport, t, clock, attempts, baseDelayMs: 250, timeoutMs, budgetMs: 120_000 }, () => true);
  if (!outcome.value) {
    throw new DataSourceError(
      t('portfolio.notify.failed', { url: safeUrl(url), problem: secrets.scrub(outcome.problem ?? ''), attempts: outcome.attempts }),
      t('portfolio.notify.failed-hint'),
    );
  }
  options.say(t('portfolio.notify.sent', { url: safeUrl(url), count: document.changes.length }));
  return 'sent';
}
