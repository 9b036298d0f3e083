// For agencies that run closures through their own ticketing: the request is POSTed as JSON to
// their URL, signed (HMAC-SHA256 over the exact body, with a shared secret, in a header), with
// the request id as Idempotency-Key so that a retry, or a run resumed after a crash, can never
// open a second ticket. 5xx, 429, timeouts and dropped connections are retried with backoff.

import { createHmac } from 'node:crypto';
import { canonicalJson } from '../audit/canonical-json.js';
import type { ClosureRequest } from '../core/closure-request.js';
import { CliError, DataSourceError } from '../errors.js';
import { BODY_CAPS, networkProblem, REAL_CLOCK, retryAfterMs, retrying, send, type Clock, type Transport } from '../http/outbound.js';
import type { Translate } from '../messages/catalogue.js';
import type { Submitter } from './submitter.js';

export const SIGNATURE_HEADER = 'X-Close-Account-Signature';

export interface WebhookOptions {
  url: string;
  /** The shared secret: from CLOSE_ACCOUNT_WEBHOOK_SECRET, never from a flag, never printed. */
  secret: string;
  t: Translate;
  /** What the agency's system learns besides the request. */
  context: { demo: boolean; asOf: string; verdict: string };
  transport: Transport;
  attempts?: number;
  baseDelayMs?: number;
  timeoutMs?: number;
  /** Longest the whole submission may take, waits included. */
  budgetMs?: number;
  clock?: Clock;
  userAgent: string;
}

export function signature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export interface WebhookPost {
  url: string;
  headers: Record<string, string>;
  body: string;
  transport: Transport;
  t: Translate;
  clock: Clock;
  attempts: number;
  baseDelayMs: number;
  timeoutMs: number;
  budgetMs: number;
}

/**
 * POSTs a signed body to a webhook through the one outbound layer. Only a 2xx from the URL itself
 * counts (a redirect fails, naming where it pointed); 5xx, 429, 408, timeouts and dropped
 * connections are tried again with backoff, honouring Retry-After.
 */
export function postToWebhook<T>(post: WebhookPost, accepted: (response: Awaited<ReturnType<typeof send>>) => T) {
  const { t, clock, timeoutMs } = post;
  return retrying({ attempts: post.attempts, baseDelayMs: post.baseDelayMs, maxDelayMs: 8000, budgetMs: post.budgetMs }, clock, async () => {
    try {
      const response = await send({ url: post.url, what: t('http.what.webhook'), method: 'POST', headers: post.headers, body: post.body, credential: true, maxBodyBytes: BODY_CAPS.webhook, timeoutMs }, post.transport);
      if (response.ok) return { done: accepted(response) };
      const problem = `HTTP ${response.status} ${response.text.slice(0, 200).replace(/\s+/g, ' ').trim()}`.trim();
      const retryable = response.status >= 500 || response.status === 429 || response.status === 408;
      return retryable ? { retry: problem, retryAfterMs: retryAfterMs(response.headers.get('retry-after'), clock.now()) } : { fail: problem };
    } catch (error) {
      if (error instanceof CliError) throw error;
      return { retry: networkProblem(error, t, timeoutMs) };
    }
  });
}

/** A ticket reference worth keeping: short, printable. Anything else stands for nothing. */
const REFERENCE = /^[\p{L}\p{N}\p{P}\p{S} ]{1,128}$/u;

export function webhookSubmitter(options: WebhookOptions): Submitter {
  const { t, attempts = 5, baseDelayMs = 250, timeoutMs = 10_000, budgetMs = 120_000, clock = REAL_CLOCK } = options;
  return {
    id: 'webhook',
    submit: async (request: ClosureRequest) => {
      const body = canonicalJson({ schemaVersion: 1, kind: 'close-account.closure-request', request, ...options.context });
      const headers = {
        'content-type': 'application/json',
        'user-agent': options.userAgent,
        'idempotency-key': request.id,
        [SIGNATURE_HEADER.toLowerCase()]: signature(body, options.secret),
      };
      // Only a 2xx from the configured URL itself is a submission: the signed body never follows a
      // redirect (a 3xx fails, naming where it pointed), and only 5xx, 429, 408, timeouts and
      // dropped connections are tried again.
      const outcome = await postToWebhook(
        { url: options.url, headers, body, transport: options.transport, t, clock, attempts, baseDelayMs, timeoutMs, budgetMs },
        (response) => {
          // The agency accepted it; an answer too long to read names no ticket.
          const reference = (response.truncated ? null : referenceOf(response.text)) ?? request.id;
          return { submitter: 'webhook' as const, reference, nextSteps: t('submit.webhook.next-steps') };
        },
      );
      if (outcome.value) return outcome.value;
      throw new DataSourceError(
        t('submit.webhook.failed-after', { url: safeUrl(options.url), problem: outcome.problem, attempts: outcome.attempts, seconds: Math.round(outcome.elapsedMs / 100) / 10 }),
        t('submit.webhook.failed-hint'),
      );
    },
  };
}

/** The agency's ticket number, if its answer names one. */
function referenceOf(text: string): string | null {
  try {
    const parsed = JSON.parse(text) as { reference?: unknown; id?: unknown; ticket?: unknown };
    if (typeof parsed !== 'object' || parsed === null) return null;
    const value = parsed.reference ?? parsed.ticket ?? parsed.id;
    const reference = typeof value === 'string' || typeof value === 'number' ? String(value) : null;
    return reference !== null && REFERENCE.test(reference) ? reference : null;
  } catch {
    return null;
  }
}

/** The URL without credentials or query, for messages. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    // The origin only: many hook URLs carry their token in the path (/services/T0/B0/XXXX).
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return '(an invalid URL)';
  }
}
