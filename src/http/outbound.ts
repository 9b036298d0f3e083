// The one outbound HTTP layer: Login with Amazon, the Selling Partner API, report downloads and
// the webhook all go through it. What it guarantees, whoever calls it:
// - https only; plain http only to a loopback host, or with CLOSE_ACCOUNT_ALLOW_HTTP=1 (the
//   caller warns every run); file:, data: and the rest never.
// - A request that carries a credential (a token form, an access token, a signed body) never
//   follows a redirect: a 3xx is a failure that names the Location. Only a request with nothing
//   secret in it (Amazon's presigned report URL) may follow, a few hops, each checked again.
// - Every body is read with a byte cap suited to it, and every request has a timeout.
// - Retries (retrying()) only for what can succeed on retry, honouring Retry-After, on an
//   injected clock and sleep, with the true number of attempts in what it reports.

import { DataSourceError, UsageError } from '../errors.js';
import type { Translate } from '../messages/catalogue.js';
import { secrets } from '../security/secret-registry.js';

export const ALLOW_HTTP_ENV = 'CLOSE_ACCOUNT_ALLOW_HTTP';

/** Byte caps, by what is read. */
export const BODY_CAPS = {
  /** An LWA token answer is a few hundred bytes. */
  token: 64 * 1024,
  /** An SP-API page: a hundred orders or inventory summaries is well under this. */
  api: 16 * 1024 * 1024,
  /** A webhook's answer: a ticket reference. */
  webhook: 64 * 1024,
  /** A report document, streamed to disk. */
  report: 8 * 1024 * 1024 * 1024,
} as const;

export interface Transport {
  /** Plain http to a host that is not loopback: only when the seller opted in (and was warned). */
  allowPlainHttp: boolean;
  t: Translate;
}

export function transportFor(env: Readonly<Record<string, string | undefined>>, t: Translate): Transport {
  return { allowPlainHttp: env[ALLOW_HTTP_ENV] === '1', t };
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Checks where a request may go; returns true when it goes over plain http to a host that is not
 * loopback (allowed only by the opt-in: the caller warns). Throws a UsageError otherwise.
 */
export function checkDestination(url: string | URL, what: string, transport: Transport): boolean {
  const { t } = transport;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(t('http.bad-url', { what, url: secrets.scrub(String(url)) }), t('http.scheme-hint'));
  }
  if (parsed.protocol === 'https:') return false;
  if (parsed.protocol === 'http:') {
    if (isLoopbackHost(parsed.hostname)) return false;
    if (transport.allowPlainHttp) return true;
    throw new UsageError(t('http.plain-http', { what, url: secrets.scrub(parsed.href) }), t('http.plain-http-hint', { name: ALLOW_HTTP_ENV }));
  }
  throw new UsageError(t('http.scheme', { what, scheme: parsed.protocol }), t('http.scheme-hint'));
}

export interface OutboundRequest {
  url: string | URL;
  /** What this is, for messages ("the LWA token endpoint"). */
  what: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | URLSearchParams;
  /** True when the request carries a credential, a token form or a signed body: never redirected. */
  credential: boolean;
  maxBodyBytes: number;
  timeoutMs: number;
}

export interface OutboundResponse {
  status: number;
  ok: boolean;
  headers: Headers;
  /** The body, at most maxBodyBytes of it, as UTF-8. */
  text: string;
  /** The body was longer than the cap: `text` is its beginning. */
  truncated: boolean;
}

/** A failure no retry can mend: a redirect refused, a body over its cap, a destination refused. */
export class OutboundRefused extends DataSourceError {
  constructor(
    message: string,
    hint: string | null,
    readonly kind: 'redirect' | 'too-large',
  ) {
    super(message, hint);
  }
}

const MAX_HOPS = 5;

/** Sends one request (one attempt), reading its body with the cap; network failures and timeouts are thrown as they come, for the caller to retry. */
export async function send(request: OutboundRequest, transport: Transport): Promise<OutboundResponse> {
  const response = await open(request, transport);
  const { text, truncated } = await readCapped(response, request.maxBodyBytes);
  return { status: response.status, ok: response.ok, headers: response.headers, text, truncated };
}

/** Sends one request and returns the response with its body unread (for streaming a report to disk). */
export async function open(request: OutboundRequest, transport: Transport): Promise<Response> {
  const { t } = transport;
  let url = new URL(request.url);
  let headers = request.headers;
  // user:password@ in a URL (an agency's basic auth) goes as an Authorization header, never in the URL.
  if (url.username || url.password) {
    const basic = Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64');
    secrets.add(basic);
    headers = { ...headers, authorization: `Basic ${basic}` };
    url.username = '';
    url.password = '';
  }
  const credential = request.credential || headers?.authorization !== undefined;
  for (let hop = 0; ; hop++) {
    checkDestination(url, request.what, transport);
    const response = await fetch(url, {
      method: request.method ?? 'GET',
      headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    if (response.status < 300 || response.status > 399 || response.status === 304) return response;
    await response.body?.cancel().catch(() => undefined);
    const location = response.headers.get('location') ?? '';
    const where = secrets.scrub(location ? new URL(location, url).href : '(none)');
    if (credential) {
      throw new OutboundRefused(t('http.redirect-refused', { what: request.what, status: response.status, location: where }), t('http.redirect-hint'), 'redirect');
    }
    if (!location || hop + 1 >= MAX_HOPS) {
      throw new OutboundRefused(t('http.too-many-redirects', { what: request.what, hops: hop + 1, location: where }), t('http.redirect-hint'), 'redirect');
    }
    url = new URL(location, url);
  }
}

/** Reads at most `cap` bytes of the body; the rest is not read (the connection is dropped). */
export async function readCapped(response: Response, cap: number): Promise<{ text: string; truncated: boolean }> {
  if (!response.body) return { text: '', truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > cap) {
      chunks.push(value.subarray(0, cap - size));
      await reader.cancel().catch(() => undefined);
      return { text: Buffer.concat(chunks).toString('utf8'), truncated: true };
    }
    chunks.push(value);
    size += value.byteLength;
  }
  return { text: Buffer.concat(chunks).toString('utf8'), truncated: false };
}

/** Retry-After (delta-seconds or an HTTP date) in ms from `now`; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null || header.trim() === '') return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** 0 ≤ random() < 1, for jitter. */
  random(): number;
}

export const REAL_CLOCK: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};

/**
 * The clock the built program uses. CLOSE_ACCOUNT_TEST_NO_WAIT=1 is for the tests that run the
 * built program against fake servers: every wait ends at once (the clock itself stays real), so
 * backoff and rate waits cost no wall time. Against a real server it would only earn more
 * refusals, each of which is still retried a bounded number of times.
 */
export function clockFromEnv(env: Readonly<Record<string, string | undefined>>): Clock {
  return env.CLOSE_ACCOUNT_TEST_NO_WAIT === '1' ? { ...REAL_CLOCK, sleep: () => Promise.resolve() } : REAL_CLOCK;
}

/**
 * What one attempt came to: done; a failure worth retrying after a backoff (a 5xx, a timeout, a
 * dropped connection), at least as long as Retry-After asks; `again`, tried again at once and not
 * counted as a failure (the attempt already waited, for a rate token, or mended its cause, with a
 * fresh access token: the caller bounds these itself); or a failure no retry can mend.
 */
export type AttemptResult<T> = { done: T } | { retry: string; retryAfterMs?: number | null } | { again: string } | { fail: string };

export interface RetryPolicy {
  /** Failures (`retry` results) after which it gives up. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest it may take: the whole of it, waits included ('elapsed', the default), or only its backoff waits ('backoff'). */
  budgetMs: number;
  budget?: 'elapsed' | 'backoff';
}

export interface RetryOutcome<T> {
  value: T | null;
  /** Attempts actually made. */
  attempts: number;
  problem: string;
  elapsedMs: number;
}

/** The clock a retry loop waits on; without `random`, the jitter comes from Math.random. */
export type RetryClock = Pick<Clock, 'now' | 'sleep'> & Partial<Pick<Clock, 'random'>>;

/**
 * The one retry loop (HTTP calls to Amazon, the webhook): runs `attempt` until it is done, fails
 * for good, or the failures or the time budget run out. Waits exponential backoff with full
 * jitter, or what Retry-After asks (never less); a wait that would overrun the budget is not
 * waited: the outcome says so with the true count.
 */
export async function retrying<T>(policy: RetryPolicy, clock: RetryClock, attempt: (n: number) => Promise<AttemptResult<T>>): Promise<RetryOutcome<T>> {
  const started = clock.now();
  const random = clock.random ?? Math.random;
  let problem = '';
  let failures = 0;
  let backedOff = 0;
  for (let n = 1; ; n++) {
    const result = await attempt(n);
    const outcome = (value: T | null): RetryOutcome<T> => ({ value, attempts: n, problem, elapsedMs: clock.now() - started });
    if ('done' in result) return outcome(result.done);
    if ('again' in result) {
      problem = result.again;
      continue;
    }
    problem = 'fail' in result ? result.fail : result.retry;
    if ('fail' in result || ++failures >= policy.attempts) return outcome(null);
    const backoff = random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failures - 1));
    const wait = Math.max(backoff, result.retryAfterMs ?? 0);
    const spent = policy.budget === 'backoff' ? backedOff : clock.now() - started;
    if (spent + wait > policy.budgetMs) return outcome(null);
    backedOff += wait;
    await clock.sleep(wait);
  }
}

/** A network failure or timeout, as a one-line problem (scrubbed by the printer and the log anyway). */
export function networkProblem(error: unknown, t: Translate, timeoutMs: number): string {
  if ((error as Error).name === 'TimeoutError') return t('http.timeout', { seconds: timeoutMs / 1000 });
  const cause = (error as Error & { cause?: unknown }).cause;
  return secrets.scrub(String(cause instanceof Error ? cause.message : (cause ?? (error as Error).message)));
}
