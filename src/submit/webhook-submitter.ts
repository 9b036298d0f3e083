// For agencies that run closures through their own ticketing: the request is POSTed as JSON to
// their URL, signed (HMAC-SHA256 over the exact body, with a shared secret, in a header), with
// the request id as Idempotency-Key so that a retry, or a run resumed after a crash, can never
// open a second ticket. 5xx, 429, timeouts and dropped connections are retried with backoff.

import { createHmac } from 'node:crypto';
import { canonicalJson } from '../audit/canonical-json.js';
import type { ClosureRequest } from '../core/closure-request.js';
import { DataSourceError } from '../errors.js';
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
  attempts?: number;
  baseDelayMs?: number;
  timeoutMs?: number;
  userAgent: string;
}

export function signature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function webhookSubmitter(options: WebhookOptions): Submitter {
  const { t, attempts = 5, baseDelayMs = 250, timeoutMs = 10_000 } = options;
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
      let lastProblem = '';
      for (let attempt = 1; attempt <= attempts; attempt++) {
        try {
          const response = await fetch(options.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
          const text = await response.text();
          if (response.ok) {
            const reference = referenceOf(text) ?? request.id;
            return { submitter: 'webhook' as const, reference, nextSteps: t('submit.webhook.next-steps') };
          }
          lastProblem = `HTTP ${response.status} ${text.slice(0, 200).replace(/\s+/g, ' ').trim()}`;
          const retryable = response.status >= 500 || response.status === 429 || response.status === 408;
          if (!retryable) break;
        } catch (error) {
          lastProblem = (error as Error).name === 'TimeoutError' ? t('submit.webhook.timeout', { seconds: timeoutMs / 1000 }) : String((error as Error).cause ?? (error as Error).message);
        }
        if (attempt < attempts) {
          // Exponential backoff with full jitter, so that many clients do not retry in step.
          await sleep(Math.random() * baseDelayMs * 2 ** (attempt - 1));
        }
      }
      throw new DataSourceError(t('submit.webhook.failed', { url: safeUrl(options.url), problem: lastProblem, attempts }), t('submit.webhook.failed-hint'));
    },
  };
}

/** The agency's ticket number, if its answer names one. */
function referenceOf(text: string): string | null {
  try {
    const parsed = JSON.parse(text) as { reference?: unknown; id?: unknown; ticket?: unknown };
    const value = parsed.reference ?? parsed.ticket ?? parsed.id;
    return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
  } catch {
    return null;
  }
}

/** The URL without credentials or query, for messages. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '(an invalid URL)';
  }
}
