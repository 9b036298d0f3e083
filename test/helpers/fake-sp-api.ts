// A fake Selling Partner API on 127.0.0.1, speaking Amazon's documented protocol: the Login with
// Amazon token endpoint and every operation the adapter calls, with bodies typed by the types
// generated from Amazon's models (so tsc holds them to the models' shapes) and a seller taken
// from the embedded demo seller. Faults can be switched on: pages, 429 bursts, 503s, a token
// that expires mid-run, slow answers, and a gzipped Windows-1252 report document.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { demoSeller } from '../../src/adapters/demo/demo-seller.js';
import { MARKETPLACES, marketplaceById } from '../../src/core/marketplaces.js';
import type { definitions as Finances } from '../../src/adapters/sp-api/models/finances.js';
import type { definitions as Inventory } from '../../src/adapters/sp-api/models/fbaInventory.js';
import type { definitions as Listings } from '../../src/adapters/sp-api/models/listingsItems.js';
import type { definitions as Orders } from '../../src/adapters/sp-api/models/orders.js';
import type { definitions as Reports } from '../../src/adapters/sp-api/models/reports.js';
import type { definitions as Sellers } from '../../src/adapters/sp-api/models/sellers.js';
import { encode, HEADERS, row } from './report-fixtures.js';

export const FAKE_CREDENTIALS = {
  SP_API_CLIENT_ID: 'amzn1.application-oa2-client.FAKECLIENTID0042',
  SP_API_CLIENT_SECRET: 'amzn1.oa2-cs.v1.SECRET-CLIENT-SECRET-9f8e7d',
  SP_API_REFRESH_TOKEN: 'Atzr|IwEBISECRET-REFRESH-TOKEN-5c4b3a',
  SP_API_SELLER_ID: 'A2DEMO5ELLER7Q',
  SP_API_REGION: 'na',
};

export interface Faults {
  /** Results per page (orders, inventory). */
  pageSize: number;
  /** The first N calls of each operation answer 429. */
  throttleFirst: number;
  /** Every Nth call answers 503 (0: never). */
  every503: number;
  /** Seconds an access token lives. */
  tokenLifetime: number;
  /** Every 4th call waits this long before answering. */
  slowMs: number;
  /** The listings report as gzipped Windows-1252, as Amazon sends EU documents. */
  gzipCp1252: boolean;
  /** listBalances answers 404 (the region lacks it): the adapter falls back to event groups. */
  noListBalances: boolean;
  /** The refresh token is refused (invalid_grant). */
  revoked: boolean;
  /** The first access token expires after this many calls, well before its stated lifetime (0: never). */
  expireFirstTokenAfter: number;
}

export const ALL_FAULTS: Faults = { pageSize: 2, throttleFirst: 2, every503: 7, tokenLifetime: 3, slowMs: 150, gzipCp1252: true, noListBalances: false, revoked: false, expireFirstTokenAfter: 5 };
export const NO_FAULTS: Faults = { pageSize: 100, throttleFirst: 0, every503: 0, tokenLifetime: 3600, slowMs: 0, gzipCp1252: false, noListBalances: false, revoked: false, expireFirstTokenAfter: 0 };

export interface FakeSpApi {
  url: string;
  lwaUrl: string;
  env: Record<string, string>;
  /** Every request: operation path, status answered, the token it carried. */
  requests: { method: string; path: string; status: number; token: string | undefined }[];
  /** DELETE calls per SKU (one per marketplace). */
  deletes: Map<string, number>;
  close(): Promise<void>;
}

const STATUS_TEXT: Record<string, string> = {
  Pending: 'Pending',
  PendingAvailability: 'Pending',
  Unshipped: 'Unshipped',
  PartiallyShipped: 'PartiallyShipped',
  Shipped: 'Shipped - Delivered to Buyer',
  Canceled: 'Cancelled',
};
const FULFILMENT_STATUS: Record<string, Orders['FulfillmentStatus']> = {
  Pending: 'PENDING',
  PendingAvailability: 'PENDING_AVAILABILITY',
  Unshipped: 'UNSHIPPED',
  PartiallyShipped: 'PARTIALLY_SHIPPED',
  Shipped: 'SHIPPED',
  Canceled: 'CANCELLED',
};

export async function startFakeSpApi(scenario: 'blocked' | 'ready', faults: Faults = NO_FAULTS): Promise<FakeSpApi> {
  const seller = demoSeller(scenario);
  if (scenario === 'blocked') seller.listings[0] = { ...seller.listings[0]!, name: 'Café crème Mug, Stoneware' };
  const requests: FakeSpApi['requests'] = [];
  const tokens = new Map<string, number>(); // token → expiry (ms)
  const calls = new Map<string, number>();
  let total = 0;
  let tokenCount = 0;
  let firstTokenUses = 0;
  const reports = new Map<string, { type: string; polls: number }>();
  const deletes = new Map<string, number>();
  // Amazon deletes asynchronously: the first look after a delete still finds the item.
  const looksSinceDelete = new Map<string, number>();
  let base = '';

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-requestid': `req-${total}`, ...headers }).end(JSON.stringify(body));
  };
  const error = (res: ServerResponse, status: number, code: string, message: string, details = '') =>
    json(res, status, { errors: [{ code, message, details }] }, status === 429 ? { 'x-amzn-errortype': 'TooManyRequestsException', 'x-amzn-ratelimit-limit': '20' } : {});
  const page = <T>(items: T[], token: string | null) => {
    const offset = token ? Number(Buffer.from(token, 'base64url').toString()) : 0;
    const slice = items.slice(offset, offset + faults.pageSize);
    const next = offset + faults.pageSize < items.length ? Buffer.from(String(offset + faults.pageSize)).toString('base64url') : undefined;
    return { slice, next };
  };
  const marketplaceIds = seller.participations.filter((p) => marketplaceById(p.marketplaceId)?.apiRegion === 'na').map((p) => p.marketplaceId);

  function documentOf(type: string): { body: Buffer; gzip: boolean; charset: string } | null {
    const text = (lines: string[]) => `${lines.join('\n')}\n`;
    const domain = (id: string | null) => {
      const host = MARKETPLACES.find((m) => m.id === id)?.domain ?? 'amazon.com';
      return `Amazon.${host.slice('amazon.'.length)}`;
    };
    switch (type) {
      case 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL':
        return {
          body: Buffer.from(
            text([
              HEADERS.allOrders,
              ...seller.orders.map((o) =>
                row(HEADERS.allOrders, { 'amazon-order-id': o.orderId, 'purchase-date': o.purchaseDate, 'order-status': STATUS_TEXT[o.status] ?? o.status, 'fulfillment-channel': o.fulfilment === 'AFN' ? 'Amazon' : 'Merchant', 'sales-channel': domain(o.marketplaceId) }),
              ),
            ]),
          ),
          gzip: false,
          charset: 'UTF-8',
        };
      case 'GET_MERCHANT_LISTINGS_ALL_DATA': {
        if (seller.listings.length === 0) return null;
        const content = text([HEADERS.allListings, ...seller.listings.map((l, i) => row(HEADERS.allListings, { 'item-name': l.name ?? '', 'listing-id': `L${i}`, 'seller-sku': l.sku, 'fulfillment-channel': l.fulfilment === 'AFN' ? 'AMAZON_NA' : 'DEFAULT', status: l.status }))]);
        return faults.gzipCp1252 ? { body: gzipSync(encode(content, 'windows-1252')), gzip: true, charset: 'Cp1252' } : { body: Buffer.from(content), gzip: false, charset: 'UTF-8' };
      }
      case 'GET_FBA_FULFILLMENT_REMOVAL_ORDER_DETAIL_DATA':
        return {
          body: Buffer.from(text([HEADERS.removalOrders, ...seller.removalOrders.map((r) => row(HEADERS.removalOrders, { 'request-date': `${r.requestDate}T08:00:00+00:00`, 'order-id': r.orderId, 'order-type': 'Return', 'order-status': r.status, sku: r.sku, 'requested-quantity': String(r.requested ?? ''), 'in-process-quantity': String(r.inProcess ?? '') }))])),
          gzip: false,
          charset: 'UTF-8',
        };
      case 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE': {
        const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
        const ddMon = (day: string) => `${day.slice(8, 10)}-${months[Number(day.slice(5, 7)) - 1]}-${day.slice(0, 4)}`;
        return {
          body: Buffer.from(text([HEADERS.returns, ...seller.returns.map((r) => row(HEADERS.returns, { 'Order ID': r.orderId, 'Return request date': ddMon(r.requestDate), 'Return request status': r.status, 'Merchant SKU': r.sku ?? '' }))])),
          gzip: false,
          charset: 'UTF-8',
        };
      }
      default:
        return null;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
    const url = new URL(req.url ?? '/', base);
    const path = url.pathname;
    if (req.method === 'POST' && path === '/auth/o2/token') {
      const params = req.headers['content-type']?.includes('json') ? (JSON.parse(body) as Record<string, string>) : Object.fromEntries(new URLSearchParams(body));
      if (params.client_id !== FAKE_CREDENTIALS.SP_API_CLIENT_ID || params.client_secret !== FAKE_CREDENTIALS.SP_API_CLIENT_SECRET) {
        return json(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
      }
      if (faults.revoked || params.refresh_token !== FAKE_CREDENTIALS.SP_API_REFRESH_TOKEN) {
        // Amazon echoes nothing secret here; the adapter scrubs its messages all the same.
        return json(res, 400, { error: 'invalid_grant', error_description: `The request has an invalid grant parameter : refresh_token ${params.refresh_token}` });
      }
      tokenCount += 1;
      const token = `Atza|fake-access-token-${tokenCount}`;
      tokens.set(token, Date.now() + faults.tokenLifetime * 1000);
      return json(res, 200, { access_token: token, token_type: 'bearer', expires_in: faults.tokenLifetime, refresh_token: FAKE_CREDENTIALS.SP_API_REFRESH_TOKEN });
    }
    if (path.startsWith('/documents-download/')) {
      const doc = documentOf(decodeURIComponent(path.split('/')[2]!));
      if (!doc) return json(res, 404, {});
      res.writeHead(200, { 'content-type': `text/plain;charset=${doc.charset}` }).end(doc.body);
      return;
    }
    const token = req.headers['x-amz-access-token'] as string | undefined;
    const expiry = token ? tokens.get(token) : undefined;
    if (expiry === undefined) return error(res, 403, 'Unauthorized', 'Access to requested resource is denied.', 'Access token is missing in the request header.');
    if (expiry < Date.now()) return error(res, 403, 'Unauthorized', 'Access to requested resource is denied.', 'The access token you provided has expired.');
    if (faults.expireFirstTokenAfter && token === 'Atza|fake-access-token-1' && ++firstTokenUses > faults.expireFirstTokenAfter) {
      tokens.set(token, 0);
      return error(res, 403, 'Unauthorized', 'Access to requested resource is denied.', 'The access token you provided has expired.');
    }

    const operation = `${req.method} ${path.replace(/\/[A-Za-z0-9-]+$/, (m) => (/reports\/\w|documents\//.test(path) ? '/{id}' : m))}`;
    const count = (calls.get(operation) ?? 0) + 1;
    calls.set(operation, count);
    total += 1;
    if (count <= faults.throttleFirst) return error(res, 429, 'QuotaExceeded', 'You exceeded your quota for the requested resource.');
    if (faults.every503 && total % faults.every503 === 0) return error(res, 503, 'ServiceUnavailable', 'Service temporarily unavailable.');
    if (faults.slowMs && total % 4 === 0) await new Promise((r) => setTimeout(r, faults.slowMs));
    const ok = (payload: unknown, status = 200) => json(res, status, payload, { 'x-amzn-ratelimit-limit': '50' });

    if (req.method === 'GET' && path === '/sellers/v1/marketplaceParticipations') {
      const response: Sellers['GetMarketplaceParticipationsResponse'] = {
        payload: seller.participations.map((p) => {
          const m = marketplaceById(p.marketplaceId)!;
          return {
            marketplace: { id: m.id, name: m.domain.replace(/^amazon/, 'Amazon'), countryCode: m.country === 'UK' ? 'GB' : m.country, defaultCurrencyCode: 'USD', defaultLanguageCode: 'en_US', domainName: `www.${m.domain}` },
            participation: { isParticipating: p.participating, hasSuspendedListings: false },
            storeName: seller.account.displayName ?? 'Store',
          };
        }),
      };
      return ok(response);
    }
    if (req.method === 'GET' && path === '/sellers/v1/account') {
      const response: Sellers['GetAccountResponse'] = { payload: { marketplaceParticipationList: [], businessType: 'PRIVATE_LIMITED', sellingPlan: 'PROFESSIONAL' } };
      return ok(response);
    }
    if (req.method === 'GET' && path === '/orders/2026-01-01/orders') {
      const wanted = new Set((url.searchParams.get('fulfillmentStatuses') ?? '').split(',').filter(Boolean));
      const after = Date.parse(url.searchParams.get('createdAfter') ?? '1970-01-01T00:00:00Z');
      const matching = seller.orders.filter((o) => (wanted.size === 0 || wanted.has(FULFILMENT_STATUS[o.status]!)) && o.purchaseTime >= after);
      const { slice, next } = page(matching, url.searchParams.get('paginationToken'));
      const response: Orders['SearchOrdersResponse'] = {
        orders: slice.map((o) => ({
          orderId: o.orderId,
          createdTime: o.purchaseDate,
          lastUpdatedTime: o.purchaseDate,
          salesChannel: { channelName: 'AMAZON', marketplaceId: o.marketplaceId ?? undefined },
          fulfillment: { fulfillmentStatus: FULFILMENT_STATUS[o.status]!, fulfilledBy: o.fulfilment === 'AFN' ? 'AMAZON' : 'MERCHANT' },
          orderItems: [],
        })),
        ...(next ? { pagination: { nextToken: next } } : {}),
      };
      return ok(response);
    }
    if (req.method === 'GET' && path === '/fba/inventory/v1/summaries') {
      // The demo stock sits in the US; every NA marketplace shows the same pooled units.
      const items = seller.inventory;
      const { slice, next } = page(items, url.searchParams.get('nextToken'));
      const response: Inventory['GetInventorySummariesResponse'] = {
        payload: {
          granularity: { granularityType: 'Marketplace', granularityId: url.searchParams.get('granularityId') ?? '' },
          inventorySummaries: slice.map((i) => ({
            sellerSku: i.sku,
            productName: i.name ?? undefined,
            condition: 'NewItem',
            totalQuantity: (i.fulfillable ?? 0) + (i.unfulfillable ?? 0) + (i.reserved ?? 0) + (i.inboundShipped ?? 0),
            inventoryDetails: {
              fulfillableQuantity: i.fulfillable ?? 0,
              inboundWorkingQuantity: i.inboundWorking ?? 0,
              inboundShippedQuantity: i.inboundShipped ?? 0,
              inboundReceivingQuantity: i.inboundReceiving ?? 0,
              reservedQuantity: { totalReservedQuantity: i.reserved ?? 0 },
              researchingQuantity: { totalResearchingQuantity: i.researching ?? 0 },
              unfulfillableQuantity: { totalUnfulfillableQuantity: i.unfulfillable ?? 0 },
            },
          })),
        },
        ...(next ? { pagination: { nextToken: next } } : {}),
      };
      return ok(response);
    }
    if (req.method === 'POST' && path === '/reports/2021-06-30/reports') {
      const spec = JSON.parse(body) as Reports['CreateReportSpecification'];
      if (!spec.reportType || !Array.isArray(spec.marketplaceIds) || spec.marketplaceIds.length === 0) return error(res, 400, 'InvalidInput', 'reportType and marketplaceIds are required');
      const reportId = String(50000 + reports.size);
      reports.set(reportId, { type: spec.reportType, polls: 0 });
      const response: Reports['CreateReportResponse'] = { reportId };
      return ok(response, 202);
    }
    const reportMatch = /^\/reports\/2021-06-30\/reports\/(\d+)$/.exec(path);
    if (req.method === 'GET' && reportMatch) {
      const report = reports.get(reportMatch[1]!);
      if (!report) return error(res, 404, 'NotFound', 'No report');
      report.polls += 1;
      const hasData = documentOf(report.type) !== null;
      const status: Reports['Report']['processingStatus'] = report.polls === 1 ? 'IN_QUEUE' : report.polls === 2 ? 'IN_PROGRESS' : hasData ? 'DONE' : 'CANCELLED';
      const response: Reports['Report'] = {
        reportId: reportMatch[1]!,
        reportType: report.type,
        marketplaceIds,
        createdTime: new Date().toISOString(),
        processingStatus: status,
        ...(status === 'DONE' ? { reportDocumentId: `amzn1.spdoc.1.4.na.${report.type}` } : {}),
      };
      return ok(response);
    }
    const documentMatch = /^\/reports\/2021-06-30\/documents\/(.+)$/.exec(path);
    if (req.method === 'GET' && documentMatch) {
      const id = decodeURIComponent(documentMatch[1]!);
      const type = id.split('.').at(-1)!;
      const doc = documentOf(type);
      const response: Reports['ReportDocument'] = { reportDocumentId: id, url: `${base}/documents-download/${encodeURIComponent(type)}`, ...(doc?.gzip ? { compressionAlgorithm: 'GZIP' as const } : {}) };
      return ok(response);
    }
    const itemMatch = /^\/listings\/2021-08-01\/items\/([^/]+)\/([^/]+)$/.exec(path);
    if (itemMatch) {
      const sku = decodeURIComponent(itemMatch[2]!);
      if (decodeURIComponent(itemMatch[1]!) !== FAKE_CREDENTIALS.SP_API_SELLER_ID) return error(res, 403, 'Unauthorized', 'Not your seller ID');
      if (!url.searchParams.get('marketplaceIds') || url.searchParams.get('marketplaceIds')!.includes(',')) return error(res, 400, 'InvalidInput', 'marketplaceIds: exactly one');
      const listed = seller.listings.some((l) => l.sku === sku);
      if (req.method === 'DELETE') {
        if (!listed) return error(res, 404, 'NOT_FOUND', `SKU ${sku} not found`);
        deletes.set(sku, (deletes.get(sku) ?? 0) + 1);
        looksSinceDelete.set(sku, 0);
        const response: Listings['ListingsItemSubmissionResponse'] = { sku, status: 'ACCEPTED', submissionId: `sub-${sku}-${deletes.get(sku)}`, issues: [] };
        return ok(response);
      }
      if (req.method === 'GET') {
        const looks = looksSinceDelete.get(sku);
        if (!listed || (looks !== undefined && looks >= 1)) return error(res, 404, 'NOT_FOUND', `SKU ${sku} not found`);
        if (looks !== undefined) looksSinceDelete.set(sku, looks + 1);
        const response: Listings['Item'] = { sku, summaries: [] };
        return ok(response);
      }
    }
    if (req.method === 'GET' && path === '/finances/2024-06-19/balances') {
      if (faults.noListBalances) return error(res, 404, 'NotFound', 'Resource not found');
      const response: Finances['ListBalancesResponse'] = {
        balances: seller.balance.map((b) => ({
          partnerMetadata: { partnerId: 'XXXXXXXXXXXXXX', accountType: 'Standard Orders', marketplaceId: b.marketplaceId ?? undefined },
          balanceType: 'TOTAL',
          amount: { currencyAmount: b.amount + b.reserved, currencyCode: b.currency },
          balances: [
            { balanceType: 'AVAILABLE', amount: { currencyAmount: b.amount, currencyCode: b.currency } },
            { balanceType: 'RESERVED', amount: { currencyAmount: b.reserved, currencyCode: b.currency } },
          ],
        })),
      };
      return ok(response);
    }
    if (req.method === 'GET' && path === '/finances/v0/financialEventGroups') {
      return ok({ payload: { FinancialEventGroupList: seller.balance.map((b) => ({ ProcessingStatus: 'Open', OriginalTotal: { CurrencyCode: b.currency, CurrencyAmount: b.amount + b.reserved } })) } });
    }
    return error(res, 404, 'NotFound', `No route ${req.method} ${path}`);
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const status = () => res.statusCode;
      res.on('finish', () => requests.push({ method: req.method ?? '', path: req.url ?? '', status: status(), token: req.headers['x-amz-access-token'] as string | undefined }));
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((err: Error) => json(res, 500, { errors: [{ code: 'InternalFailure', message: err.message }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    lwaUrl: `${base}/auth/o2/token`,
    env: { ...FAKE_CREDENTIALS, SP_API_ENDPOINT: base, SP_API_LWA_ENDPOINT: `${base}/auth/o2/token` },
    requests,
    deletes,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
