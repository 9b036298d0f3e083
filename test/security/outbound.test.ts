// The outbound HTTP layer on its own, against real local servers: destinations, redirects, byte
// caps, Retry-After and true attempt counts, on an injected clock (no real waiting).

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { LwaToken } from '../../src/adapters/sp-api/lwa-token.js';
import { SpApiClient } from '../../src/adapters/sp-api/sp-api-client.js';
import { spApiSettings } from '../../src/adapters/sp-api/sp-api-settings.js';
import { checkDestination, open, retrying, retryAfterMs, send, transportFor, type AttemptResult, type Clock } from '../../src/http/outbound.js';
import { translator } from '../../src/messages/catalogue.js';
import { webhookSubmitter } from '../../src/submit/webhook-submitter.js';
import { FAKE_CREDENTIALS } from '../helpers/fake-sp-api.js';
import { startAttacker, startFloodingWebhook, startRedirector, type HostileServer } from '../helpers/hostile-servers.js';
import { assembleClosureRequest } from '../../src/core/closure-request.js';

const t = translator();
const assembled = await assembleClosureRequest(
  { sellerId: 'A1B2C3D4E5F6G7', region: 'europe', marketplaces: ['UK', 'DE'], reason: 'stopped-selling', email: 'o@example.com' },
  { asOf: '2026-11-26', verdict: 'ready' },
  t,
);
if (!assembled.ok) throw new Error('invalid');
const closureRequest = () => (assembled.ok ? assembled.request : null)!;
const transport = transportFor({}, t);
const closers: { close(): Promise<void> }[] = [];
afterAll(async () => Promise.all(closers.map((c) => c.close())));

function fakeClock(): Clock & { slept: number[] } {
  let now = 1_000_000;
  const slept: number[] = [];
  // Sleeping moves the clock: no real time passes.
  return { slept, now: () => now, sleep: async (ms) => void (slept.push(ms), (now += ms)), random: () => 0.5 };
}

async function scripted(answers: { status: number; headers?: Record<string, string>; body?: string }[]): Promise<{ url: string; hits: () => number; close(): Promise<void> }> {
  let hits = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const answer = answers[Math.min(hits, answers.length - 1)]!;
      hits += 1;
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end(answer.body ?? '{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  const handle = { url, hits: () => hits, close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
  closers.push(handle);
  return handle;
}

describe('destinations', () => {
  it('takes https and loopback http; refuses file:, data: and plain http elsewhere unless opted in', () => {
    expect(checkDestination('https://api.amazon.com/auth/o2/token', 'x', transport)).toBe(false);
    expect(checkDestination('http://127.0.0.2:8080/', 'x', transport)).toBe(false);
    expect(checkDestination('http://localhost/', 'x', transport)).toBe(false);
    expect(checkDestination('http://[::1]:9/', 'x', transport)).toBe(false);
    expect(() => checkDestination('file:///etc/passwd', 'x', transport)).toThrow(/file: address/);
    expect(() => checkDestination('data:text/plain,hi', 'x', transport)).toThrow(/data: address/);
    expect(() => checkDestination('http://127.0.0.1.evil.example/', 'x', transport)).toThrow(/plain http/);
    expect(() => checkDestination('http://sellingpartnerapi-na.amazon.com', 'x', transport)).toThrow(/plain http/);
    expect(checkDestination('http://proxy.internal/', 'x', transportFor({ CLOSE_ACCOUNT_ALLOW_HTTP: '1' }, t))).toBe(true);
  });

  it('with the opt-in, the SP-API settings warn (every run builds them, so every run warns)', () => {
    const warnings: string[] = [];
    spApiSettings({ ...FAKE_CREDENTIALS, SP_API_ENDPOINT: 'http://proxy.internal', CLOSE_ACCOUNT_ALLOW_HTTP: '1' }, null, t, (w) => warnings.push(w));
    expect(warnings).toEqual([expect.stringContaining('the Selling Partner API is reached over plain http (http://proxy.internal), unencrypted')]);
  });
});

describe('redirects', () => {
  let attacker: HostileServer;
  it('a request with a credential never follows one: it fails naming the Location, and the attacker gets nothing', async () => {
    attacker = await startAttacker();
    closers.push(attacker);
    for (const status of [301, 302, 303, 307, 308]) {
      const redirector = await startRedirector(status, attacker.url);
      closers.push(redirector);
      await expect(send({ url: `${redirector.url}/x`, what: 'the thing', method: 'POST', body: 'secret=1', credential: true, maxBodyBytes: 1000, timeoutMs: 5000 }, transport)).rejects.toThrow(
        `the thing answered ${status}, a redirect to ${attacker.url}/x`,
      );
    }
    expect(attacker.received).toHaveLength(0);
  });

  it('a request with nothing secret (a presigned report URL) follows, sending nothing it was not given', async () => {
    const redirector = await startRedirector(302, attacker.url);
    closers.push(redirector);
    const response = await open({ url: `${redirector.url}/doc`, what: 'the report', credential: false, maxBodyBytes: 1000, timeoutMs: 5000 }, transport);
    expect(response.status).toBe(200);
    const hit = attacker.received.at(-1)!;
    expect(hit.method).toBe('GET');
    expect(Object.keys(hit.headers).filter((h) => /token|authori|signature|cookie/i.test(h))).toEqual([]);
  });
});

describe('byte caps', () => {
  it('reads a 2 GB answer only up to its cap, quickly, and says it was cut', async () => {
    const flood = await startFloodingWebhook();
    closers.push(flood);
    const response = await send({ url: flood.url, what: 'w', credential: true, maxBodyBytes: 64 * 1024, timeoutMs: 10_000 }, transport);
    expect(response.truncated).toBe(true);
    expect(Buffer.byteLength(response.text)).toBeLessThanOrEqual(64 * 1024);
    expect(flood.bytesSent()).toBeLessThan(200 * 1024 * 1024);
  });
});

describe('retries', () => {
  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('7', 0)).toBe(7000);
    expect(retryAfterMs(new Date(60_000).toUTCString(), 0)).toBe(60_000);
    expect(retryAfterMs('soon', 0)).toBeNull();
    expect(retryAfterMs(null, 0)).toBeNull();
  });

  it('waits what Retry-After asks, counts true attempts, and stops at what cannot succeed', async () => {
    const clock = fakeClock();
    const outcome = await retrying({ attempts: 5, baseDelayMs: 100, maxDelayMs: 1000, budgetMs: 120_000 }, clock, async (n) => (n < 3 ? { retry: `busy ${n}`, retryAfterMs: 30_000 } : { fail: 'HTTP 400' }));
    expect(outcome).toMatchObject({ value: null, attempts: 3, problem: 'HTTP 400' });
    expect(clock.slept).toEqual([30_000, 30_000]);
  });

  it('does not wait past its budget: it gives up with the attempts it made', async () => {
    const clock = fakeClock();
    const outcome = await retrying({ attempts: 5, baseDelayMs: 100, maxDelayMs: 1000, budgetMs: 10_000 }, clock, async () => ({ retry: 'busy', retryAfterMs: 3_600_000 }));
    expect(outcome.attempts).toBe(1);
    expect(clock.slept).toEqual([]);
  });

  it('the one loop serves the SP-API too: `again` (a rate-token wait, a fresh token) is tried at once and is no failure; a backoff budget counts only backoff', async () => {
    const clock = fakeClock();
    const script: AttemptResult<string>[] = [{ again: '429' }, { again: '429' }, { retry: 'HTTP 503' }, { again: 'token' }, { retry: 'HTTP 502' }, { done: 'ok' }];
    let spent = 0;
    const outcome = await retrying({ attempts: 3, baseDelayMs: 250, maxDelayMs: 8000, budgetMs: 1000, budget: 'backoff' }, clock, async (n) => {
      // Time spent waiting for tokens (not backing off) does not use up a 'backoff' budget.
      if ('again' in script[n - 1]!) await clock.sleep(60_000);
      spent = clock.now();
      return script[n - 1]!;
    });
    expect(outcome).toMatchObject({ value: 'ok', attempts: 6 });
    expect(spent).toBeGreaterThan(180_000);
    // Two failures, two jittered backoffs (of at most 250 and 500 ms), from the injected random (0.5).
    expect(clock.slept.filter((ms) => ms !== 60_000)).toEqual([125, 250]);
    const failing = await retrying({ attempts: 3, baseDelayMs: 250, maxDelayMs: 8000, budgetMs: 120_000 }, fakeClock(), async () => ({ retry: 'HTTP 500' }));
    expect(failing).toMatchObject({ value: null, attempts: 3, problem: 'HTTP 500' });
  });

  it('the webhook honours Retry-After and says how many attempts it really made', async () => {
    const hook = await scripted([{ status: 503, headers: { 'retry-after': '12' } }, { status: 429, headers: { 'retry-after': '3' } }, { status: 200, body: '{"reference":"T-1"}' }]);
    const clock = fakeClock();
    const submitter = webhookSubmitter({ url: hook.url, secret: 'whsec-unit-1234', t, transport, context: { demo: true, asOf: '2026-11-26', verdict: 'ready' }, clock, userAgent: 'test' });
    const receipt = await submitter.submit(closureRequest(), { prompter: null, say: () => {}, openUrl: async () => false, sentFlag: false });
    expect(receipt?.reference).toBe('T-1');
    expect(clock.slept).toEqual([12_000, 3_000]);
    expect(hook.hits()).toBe(3);

    const refusing = await scripted([{ status: 503 }, { status: 422 }]);
    const failing = webhookSubmitter({ url: refusing.url, secret: 'whsec-unit-1234', t, transport, context: { demo: true, asOf: '2026-11-26', verdict: 'ready' }, clock: fakeClock(), userAgent: 'test' });
    await expect(failing.submit(closureRequest(), { prompter: null, say: () => {}, openUrl: async () => false, sentFlag: false })).rejects.toThrow('(attempts: 2,');
  });

  it('a reference that is not a short printable ticket number stands for nothing: the request id is kept', async () => {
    const hook = await scripted([{ status: 200, body: JSON.stringify({ reference: '\u001b]0;owned\u0007\u001b[2J' }) }]);
    const submitter = webhookSubmitter({ url: hook.url, secret: 'whsec-unit-1234', t, transport, context: { demo: true, asOf: '2026-11-26', verdict: 'ready' }, clock: fakeClock(), userAgent: 'test' });
    const request = closureRequest();
    const receipt = await submitter.submit(request, { prompter: null, say: () => {}, openUrl: async () => false, sentFlag: false });
    expect(receipt?.reference).toBe(request.id);
  });
});

describe('the SP-API client on the outbound layer', () => {
  async function amazon(answers: { status: number; headers?: Record<string, string> }[]) {
    let calls = 0;
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.url?.startsWith('/token')) {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: 'Atza|unit-token', expires_in: 3600 }));
          return;
        }
        const answer = answers[Math.min(calls, answers.length - 1)]!;
        calls += 1;
        const body = answer.status === 200 ? { payload: [] } : { errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.' }] };
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    closers.push({ close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) });
    const settings = spApiSettings({ ...FAKE_CREDENTIALS, SP_API_ENDPOINT: url, SP_API_LWA_ENDPOINT: `${url}/token` }, null, t, () => {});
    const slept: number[] = [];
    const client = new SpApiClient(settings, new LwaToken(settings, t), t, { userAgent: 'test', clock: { now: () => Date.now(), sleep: async (ms: number) => void slept.push(ms) } });
    return { client, slept, calls: () => calls };
  }

  it('waits out Amazon\'s Retry-After on a 429, on the injected sleep', async () => {
    const { client, slept, calls } = await amazon([{ status: 429, headers: { 'retry-after': '7' } }, { status: 200 }]);
    await client.call('getMarketplaceParticipations');
    expect(slept).toContain(7000);
    expect(calls()).toBe(2);
  });

  it('says how many attempts it made when it gives up', async () => {
    const { client, calls } = await amazon([{ status: 503 }]);
    await expect(client.call('getMarketplaceParticipations')).rejects.toThrow(`getMarketplaceParticipations kept failing after 8 attempts`);
    expect(calls()).toBe(8);
  });
});
