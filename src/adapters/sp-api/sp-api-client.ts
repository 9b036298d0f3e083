// Calls to the Selling Partner API: the access token on every call, each operation's rate
// limiter, retries with backoff and jitter for 5xx, timeouts and dropped connections within a
// bounded total time, one token refresh on a 403 for an expired token, and a log of every call.
// A 429 (which carries no rate header, sp-api.md §6) waits for the operation's next token at its
// documented rate, however long that is (searchOrders: 179 s), with a progress note: a slow
// operation waits, it does not fail; only a run of 429s in a row gives up.
// What still fails is a DataSourceError (exit 4) that says what failed and what to do, with
// every secret scrubbed from it.

import { CliError, DataSourceError } from '../../errors.js';
import { BODY_CAPS, networkProblem, OutboundRefused, retryAfterMs, retrying, send } from '../../http/outbound.js';
import type { Translate } from '../../messages/catalogue.js';
import { REAL_CLOCK, type Clock } from './clock.js';
import type { LwaToken } from './lwa-token.js';
import { USAGE_PLANS, type OperationId } from './models/usage-plans.js';
import { RateLimiter, type RateSnapshot } from './rate-limiter.js';
import type { SpApiSettings } from './sp-api-settings.js';
import { secrets } from '../../security/secret-registry.js';

export interface CallRecord {
  operation: OperationId;
  status: number | string;
  ms: number;
  attempt: number;
}

export interface ClientOptions {
  /** Longest a single call may spend waiting and retrying before it gives up. */
  retryBudgetMs?: number;
  timeoutMs?: number;
  userAgent: string;
  /** Time and waiting (tests pass a virtual clock). */
  clock?: Clock;
  /** Rate buckets saved by an earlier run. */
  rates?: RateSnapshot;
  /** Told of every wait for a token longer than a few seconds, for a progress note. */
  onWait?: (operation: OperationId, ms: number) => void;
}

/** 429s in a row after which an operation gives up. */
const MAX_THROTTLED = 8;
/** 5xx, timeouts and dropped connections after which an operation gives up (within its retry budget). */
const MAX_FAILURES = 8;
/** Waits shorter than this pass without a note. */
const NOTE_WAIT_MS = 5_000;

export class SpApiError extends DataSourceError {
  constructor(
    message: string,
    hint: string,
    readonly status: number | null,
    readonly code: string | null,
  ) {
    super(message, hint);
  }
}

export class SpApiClient {
  readonly calls: CallRecord[] = [];
  readonly clock: Clock;
  readonly limiter: RateLimiter;
  readonly startedAt: number;

  constructor(
    private readonly settings: SpApiSettings,
    private readonly token: LwaToken,
    private readonly t: Translate,
    private readonly options: ClientOptions,
  ) {
    this.clock = options.clock ?? REAL_CLOCK;
    this.limiter = new RateLimiter(() => this.clock.now(), options.rates);
    this.startedAt = this.clock.now();
  }

  private async wait(operation: OperationId, ms: number): Promise<void> {
    if (ms >= NOTE_WAIT_MS) this.options.onWait?.(operation, ms);
    await this.clock.sleep(ms);
  }

  /**
   * Calls an operation by its operationId; `path` fills the model's path template. Returns the
   * parsed body, typed by the caller with the generated model type.
   */
  async call<T>(operation: OperationId, request: { path?: Record<string, string>; query?: Record<string, string | string[] | number | boolean | undefined>; body?: unknown } = {}): Promise<T> {
    const plan = USAGE_PLANS[operation];
    const url = new URL(this.settings.endpoint + plan.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(request.path?.[name] ?? '')));
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value === undefined) continue;
      url.searchParams.set(key, Array.isArray(value) ? value.join(',') : String(value));
    }
    // The budget is for backing off after failures (5xx, timeouts); waiting for a token is not failing.
    const budget = this.options.retryBudgetMs ?? 120_000;
    let refreshed = false;
    let throttled = 0;
    const outcome = await retrying<T>({ attempts: MAX_FAILURES, baseDelayMs: 250, maxDelayMs: 8000, budgetMs: budget, budget: 'backoff' }, this.clock, async (attempt) => {
      const wait = this.limiter.reserve(operation);
      if (wait > 0) await this.wait(operation, wait);
      const started = this.clock.now();
      let status: number | string = 'error';
      let retryAfter: number | null = null;
      try {
        const accessToken = await this.token.get();
        // The access token goes with every call: the transport refuses any redirect (exit 4, naming where to).
        const response = await send(
          {
            url,
            what: this.t('http.what.sp-api'),
            method: plan.method,
            headers: {
              'x-amz-access-token': accessToken,
              'x-amz-date': new Date(this.clock.now()).toISOString().replace(/[-:]/g, '').replace(/\.\d+/, ''),
              'user-agent': this.options.userAgent,
              ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
            },
            body: request.body === undefined ? undefined : JSON.stringify(request.body),
            credential: true,
            maxBodyBytes: BODY_CAPS.api,
            timeoutMs: this.options.timeoutMs ?? 30_000,
          },
          this.settings.transport,
        );
        status = response.status;
        this.limiter.follow(operation, response.headers.get('x-amzn-ratelimit-limit'));
        retryAfter = retryAfterMs(response.headers.get('retry-after'), this.clock.now());
        const text = response.text;
        this.calls.push({ operation, status, ms: this.clock.now() - started, attempt });
        if (response.truncated) throw new OutboundRefused(this.t('http.too-large', { what: operation, bytes: BODY_CAPS.api }), this.t('sp-api.refused-hint'), 'too-large');
        if (response.ok) return { done: (text ? JSON.parse(text) : {}) as T };
        const error = errorOf(text);
        const problem = secrets.scrub(`HTTP ${response.status} ${error.code ?? ''} ${error.message ?? ''}`.trim());
        if (response.status === 403 && !refreshed && /expired|unauthori[sz]ed|invalid.*token|access token/i.test(`${error.code} ${error.message} ${error.details}`)) {
          // An expired token: one fresh token, one more try.
          refreshed = true;
          this.token.invalidate();
          return { again: problem };
        }
        if (response.status === 429) {
          // The bucket is empty: the next reserve waits for the next token at the operation's rate,
          // and at least as long as Amazon's Retry-After when it sends one.
          if (++throttled >= MAX_THROTTLED) return { fail: problem };
          this.limiter.drain(operation);
          if (retryAfter !== null && retryAfter > 0) await this.wait(operation, retryAfter);
          return { again: problem };
        }
        throttled = 0;
        if (response.status < 500) {
          throw new SpApiError(this.t('sp-api.refused', { operation, problem }), this.hintFor(response.status), response.status, error.code ?? null);
        }
        // 5xx: backed off, or as long as Retry-After asks.
        return { retry: problem, retryAfterMs: retryAfter };
      } catch (error) {
        // Refused for good (a redirect, a body over its cap, a destination): never retried.
        if (error instanceof CliError) throw error;
        if (status === 'error') this.calls.push({ operation, status: (error as Error).name === 'TimeoutError' ? 'timeout' : 'network', ms: this.clock.now() - started, attempt });
        // Timeouts and dropped connections: backed off.
        return { retry: (error as Error).name === 'TimeoutError' ? this.t('sp-api.timeout') : networkProblem(error, this.t, this.options.timeoutMs ?? 30_000), retryAfterMs: retryAfter };
      }
    });
    if (outcome.value !== null) return outcome.value;
    throw new SpApiError(this.t('sp-api.gave-up-after', { operation, problem: outcome.problem || '-', attempts: outcome.attempts, seconds: Math.round(budget / 1000) }), this.t('sp-api.gave-up-hint'), null, null);
  }

  private hintFor(status: number): string {
    if (status === 403) return this.t('sp-api.forbidden-hint');
    if (status === 404) return this.t('sp-api.not-found-hint');
    return this.t('sp-api.refused-hint');
  }

  /** Calls made, by operation. */
  countByOperation(): Map<OperationId, number> {
    const counts = new Map<OperationId, number>();
    for (const call of this.calls) counts.set(call.operation, (counts.get(call.operation) ?? 0) + 1);
    return counts;
  }
}

function errorOf(text: string): { code?: string; message?: string; details?: string } {
  try {
    const body = JSON.parse(text) as { errors?: { code?: string; message?: string; details?: string }[] };
    return body.errors?.[0] ?? {};
  } catch {
    return { message: text.slice(0, 200) };
  }
}
