// Every request the SP-API adapter and `fix listings` send, held to Amazon's own models
// (../shared/spapi-models): required parameters, types and enums, date-time formats, ranges and
// array limits, the createReport body's schema. One test per operation, each of which must have
// been exercised; and the checker itself must catch what Amazon would refuse, or these tests
// could not fail.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSeller } from '../../src/adapters/demo/demo-seller.js';
import { evaluateReadiness } from '../../src/core/readiness.js';
import type { CheckId } from '../../src/core/check-result.js';
import { runMain } from '../helpers/cli-in-process.js';
import { sandbox } from '../helpers/cli-process.js';
import { ALL_FAULTS, NO_FAULTS, startFakeSpApi, type FakeRequest, type FakeSpApi } from '../helpers/fake-sp-api.js';
import { t } from '../helpers/records.js';
import { checkRequest, MODELS_PRESENT } from '../helpers/spapi-model.js';
import { closeSessions, session } from '../helpers/sp-api-session.js';

const OPERATIONS = [
  'getMarketplaceParticipations',
  'getAccount',
  'searchOrders',
  'getInventorySummaries',
  'createReport',
  'getReport',
  'getReports',
  'getReportDocument',
  'listBalances',
  'listFinancialEventGroups',
  'searchListingsItems',
  'deleteListingsItem',
  'getListingsItem',
] as const;

const attested = new Set<CheckId>(['data-export', 'bank-account', 'performance-notifications', 'selling-plan', 'claims']);
const requests: FakeRequest[] = [];
const servers: FakeSpApi[] = [];

describe.skipIf(!MODELS_PRESENT)('requests held to Amazon models', () => {
  beforeAll(async () => {
    // The adapter: the blocked seller with every fault, the quiet one (fallbacks), a future as-of,
    // a re-run within 30 minutes (getReports), and the event-group fallback.
    for (const [seller, faults, asOf] of [
      ['blocked', ALL_FAULTS, '2026-11-26'],
      ['ready', ALL_FAULTS, '2026-11-26'],
      ['ready', { ...NO_FAULTS, noListBalances: true }, '2027-03-01'],
    ] as const) {
      const s = await session(seller, faults);
      for (let run = 0; run < 2; run++) {
        const adapter = await s.open(asOf);
        await evaluateReadiness(adapter, { asOf, t, attested });
        await adapter.close();
      }
      requests.push(...s.fake.requests);
    }
    // fix listings, main() in this process: a listing on Amazon.ca, and the blocked seller.
    const seller = demoSeller('ready');
    seller.listings = [{ sku: 'CA-ONLY-1', name: 'Maple syrup', status: 'Active', fulfilment: 'MFN', marketplaceId: 'A2EUQ1WTGCTBG2' }];
    for (const who of [seller, 'blocked' as const]) {
      const fake = await startFakeSpApi(who, { ...ALL_FAULTS, reportDelayMs: 0 });
      servers.push(fake);
      const { env } = sandbox();
      await runMain(['fix', 'listings', '--adapter', 'sp-api', '--apply', '--confirm', 'A2DEMO5ELLER7Q'], { ...env, ...fake.env });
      requests.push(...fake.requests);
    }
  }, 120_000);

  afterAll(async () => {
    await closeSessions();
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it.each(OPERATIONS)('%s: every request conforms to the model', (operation) => {
    const sent = requests.filter((r) => r.operation === operation);
    expect(sent.length, `${operation} was never called`).toBeGreaterThan(0);
    const departures = sent.flatMap((r) => r.problems.map((p) => `${r.method} ${r.path}: ${p}`));
    expect(departures).toEqual([]);
  });

  it('sends no request the models do not know', () => {
    const unknown = requests.filter((r) => r.operation === null && !r.path.startsWith('/auth/o2/token') && !r.path.startsWith('/documents-download/'));
    expect(unknown.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });
});

describe.skipIf(!MODELS_PRESENT)('the model checker', () => {
  const base = 'https://sellingpartnerapi-na.amazon.com';
  const problems = (method: string, path: string, body = '') => checkRequest(method, new URL(path, base), body).problems;

  it('accepts what the models allow', () => {
    expect(problems('GET', '/fba/inventory/v1/summaries?details=true&granularityType=Marketplace&granularityId=ATVPDKIKX0DER&marketplaceIds=ATVPDKIKX0DER')).toEqual([]);
    expect(problems('POST', '/reports/2021-06-30/reports', JSON.stringify({ reportType: 'X', marketplaceIds: ['ATVPDKIKX0DER'], dataStartTime: '2026-10-01T00:00:00Z' }))).toEqual([]);
  });

  it('refuses a missing required parameter, a second marketplace where one is allowed, a bad enum, range or date', () => {
    expect(problems('GET', '/fba/inventory/v1/summaries?granularityId=ATVPDKIKX0DER&marketplaceIds=ATVPDKIKX0DER').join()).toContain('granularityType: required');
    expect(problems('DELETE', '/listings/2021-08-01/items/A2DEMO5ELLER7Q/SKU1?marketplaceIds=ATVPDKIKX0DER,A2EUQ1WTGCTBG2').join()).toContain('at most 1 allowed');
    expect(problems('GET', '/orders/2026-01-01/orders?createdAfter=2026-10-01T00:00:00Z&includedData=FULFILMENT').join()).toContain('is not one of');
    expect(problems('GET', '/finances/v0/financialEventGroups?MaxResultsPerPage=500').join()).toContain('above 100');
    expect(problems('GET', '/orders/2026-01-01/orders?createdAfter=2026-10-01').join()).toContain('not an ISO 8601 date-time');
    expect(problems('GET', '/listings/2021-08-01/items/A2DEMO5ELLER7Q?marketplaceIds=ATVPDKIKX0DER&pageSize=50').join()).toContain('above 20');
    expect(problems('GET', '/reports/2021-06-30/reports?reportTypes=A,B,C,D,E,F,G,H,I,J,K').join()).toContain('at most 10 allowed');
    expect(problems('GET', '/orders/2026-01-01/orders?createdAfter=2026-10-01T00:00:00Z&colour=red').join()).toContain('not a parameter of searchOrders');
  });

  it('refuses a createReport body without marketplaces, or with more than 25', () => {
    expect(problems('POST', '/reports/2021-06-30/reports', JSON.stringify({ reportType: 'X' })).join()).toContain('body.marketplaceIds: required');
    const many = Array.from({ length: 26 }, (_, i) => `M${i}`);
    expect(problems('POST', '/reports/2021-06-30/reports', JSON.stringify({ reportType: 'X', marketplaceIds: many })).join()).toContain('at most 25 allowed');
    expect(problems('POST', '/reports/2021-06-30/reports', JSON.stringify({ reportType: 'X', marketplaceIds: ['A'], dataEndTime: 'yesterday' })).join()).toContain('not an ISO 8601 date-time');
  });
});
