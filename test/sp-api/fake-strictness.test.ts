// The fake SP-API is as strict as Amazon: each rule checked here is one the adapter must meet,
// and each follows an Amazon model, document or known issue (cited in fake-sp-api.ts). If the fake
// went lenient, the adapter's tests could agree with its code against Amazon; these fail first.

import { afterAll, describe, expect, it } from 'vitest';
import { virtualClock } from '../../src/adapters/sp-api/clock.js';
import { LwaToken } from '../../src/adapters/sp-api/lwa-token.js';
import type { definitions as Orders } from '../../src/adapters/sp-api/models/orders.js';
import type { definitions as Reports } from '../../src/adapters/sp-api/models/reports.js';
import { SpApiClient, SpApiError } from '../../src/adapters/sp-api/sp-api-client.js';
import { spApiSettings } from '../../src/adapters/sp-api/sp-api-settings.js';
import { NO_FAULTS, startFakeSpApi, type FakeSpApi, type Faults } from '../helpers/fake-sp-api.js';
import { t } from '../helpers/records.js';
import { MODELS_PRESENT } from '../helpers/spapi-model.js';
import { TEST_NOW } from '../helpers/sp-api-session.js';

const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';
const DAY_MS = 86_400_000;
const servers: FakeSpApi[] = [];
afterAll(async () => Promise.all(servers.splice(0).map((s) => s.close())));

async function api(faults: Partial<Faults> = {}) {
  const clock = virtualClock(TEST_NOW);
  const fake = await startFakeSpApi('blocked', { ...NO_FAULTS, ...faults }, { now: clock.now });
  servers.push(fake);
  const settings = spApiSettings(fake.env, null, t, () => {});
  return { client: new SpApiClient(settings, new LwaToken(settings, t, clock.now), t, { userAgent: 'test', clock }), fake, clock };
}

async function finished(client: SpApiClient, body: Reports['CreateReportSpecification']): Promise<Reports['Report']> {
  const { reportId } = await client.call<Reports['CreateReportResponse']>('createReport', { body });
  for (;;) {
    const report = await client.call<Reports['Report']>('getReport', { path: { reportId } });
    if (report.processingStatus !== 'IN_QUEUE' && report.processingStatus !== 'IN_PROGRESS') return report;
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
const refusal = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e as SpApiError);

describe('the fake SP-API, as strict as Amazon', () => {
  it('an orders report over more than 30 days comes back CANCELLED, not an error (#385, #2591)', async () => {
    const { client } = await api();
    const type = 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL';
    const over = await finished(client, { reportType: type, marketplaceIds: [US], dataStartTime: iso(TEST_NOW - 31 * DAY_MS), dataEndTime: iso(TEST_NOW - 60_000) });
    expect(over.processingStatus).toBe('CANCELLED');
    const within = await finished(client, { reportType: type, marketplaceIds: [US], dataStartTime: iso(TEST_NOW - 30 * DAY_MS), dataEndTime: iso(TEST_NOW - 60_000) });
    expect(within.processingStatus).toBe('DONE');
  });

  it('a returns report over more than 60 days comes back CANCELLED', async () => {
    const { client } = await api();
    const report = await finished(client, { reportType: 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE', marketplaceIds: [US], dataStartTime: iso(TEST_NOW - 61 * DAY_MS), dataEndTime: iso(TEST_NOW) });
    expect(report.processingStatus).toBe('CANCELLED');
  });

  it('refuses a dataStartTime or dataEndTime later than now (400)', async () => {
    const { client } = await api();
    const future = await refusal(client.call('createReport', { body: { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [US], dataStartTime: iso(TEST_NOW + DAY_MS) } }));
    expect(future?.status).toBe(400);
    const end = await refusal(client.call('createReport', { body: { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [US], dataEndTime: iso(TEST_NOW + 60_000) } }));
    expect(end?.status).toBe(400);
  });

  it('serves a listings report for the first marketplace only', async () => {
    const { client } = await api();
    const report = await finished(client, { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [US, CA] });
    expect(report.marketplaceIds).toEqual([US]);
  });

  it('cancels an FBA report asked for again within 30 minutes; getReports finds the earlier one', async () => {
    const { client, clock } = await api();
    const type = 'GET_FBA_FULFILLMENT_REMOVAL_ORDER_DETAIL_DATA';
    const body = { reportType: type, marketplaceIds: [US], dataStartTime: iso(TEST_NOW - 100 * DAY_MS), dataEndTime: iso(TEST_NOW) };
    expect((await finished(client, body)).processingStatus).toBe('DONE');
    await clock.sleep(29 * 60_000);
    expect((await finished(client, body)).processingStatus).toBe('CANCELLED');
    const list = await client.call<Reports['GetReportsResponse']>('getReports', { query: { reportTypes: [type], processingStatuses: ['DONE'] } });
    expect(list.reports).toHaveLength(1);
    await clock.sleep(2 * 60_000);
    expect((await finished(client, { ...body, dataEndTime: iso(clock.now()) })).processingStatus).toBe('DONE');
  });

  it('answers a 429 without x-amzn-RateLimit-Limit', async () => {
    const { client, fake } = await api({ throttleFirst: 1 });
    await client.call('getAccount');
    expect(fake.requests[1]?.status).toBe(429);
    const response = await fetch(`${fake.url}/sellers/v1/account`, { headers: { 'x-amz-access-token': fake.requests[1]!.token! } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-amzn-ratelimit-limit')).toBe('0.016');
  });

  it('leaves out the fulfilment of searchOrders results unless includedData asks for it', async () => {
    const { client } = await api();
    const query = { createdAfter: iso(TEST_NOW - 20 * DAY_MS), marketplaceIds: [US] };
    const basic = await client.call<Orders['SearchOrdersResponse']>('searchOrders', { query });
    expect(basic.orders.length).toBeGreaterThan(0);
    expect(basic.orders.every((o) => o.fulfillment === undefined)).toBe(true);
    const full = await client.call<Orders['SearchOrdersResponse']>('searchOrders', { query: { ...query, includedData: ['FULFILLMENT'] } });
    expect(full.orders.every((o) => o.fulfillment?.fulfillmentStatus)).toBe(true);
    const late = await refusal(client.call('searchOrders', { query: { ...query, createdBefore: iso(TEST_NOW - 60_000) } }));
    expect(late?.status).toBe(400);
  });

  it('answers DELETE of a SKU not listed in that marketplace with 200 INVALID, never 404', async () => {
    const { client } = await api();
    const answer = await client.call<{ status: string }>('deleteListingsItem', { path: { sellerId: 'A2DEMO5ELLER7Q', sku: 'MP-CER-MUG2' }, query: { marketplaceIds: [CA] } });
    expect(answer.status).toBe('INVALID');
  });

  it.skipIf(!MODELS_PRESENT)('refuses what the model does not allow: two marketplaces in a DELETE', async () => {
    const { client, fake } = await api();
    const failure = await refusal(client.call('deleteListingsItem', { path: { sellerId: 'A2DEMO5ELLER7Q', sku: 'MP-CER-MUG2' }, query: { marketplaceIds: [US, CA] } }));
    expect(failure?.status).toBe(400);
    expect(fake.requests.at(-1)?.problems.join()).toContain('at most 1 allowed');
  });
});
