// `archive --adapter sp-api`: every kind through the shared report path (fetchReport: create,
// poll, download; reuse of reports Amazon made recently lives there too), settlement reports
// listed with getReports (every page) and downloaded, financial events paged from Finances v0.
//
// - A report Amazon cancels for lack of data is recorded as empty for its period.
// - FATAL, too slow or forbidden: a problem for its period (a gap), the rest carries on.
// - A gzipped document is unpacked as it is written; one that fails gzip's CRC-32 or length check
//   (the Reports API gives no digest of its own: ReportDocument has none) is downloaded again, up
//   to DOWNLOAD_ATTEMPTS times, then reported.
// - Up to LOOKAHEAD reports are asked for ahead of the one being written, so Amazon produces them
//   side by side while createReport's rate (15 at once, then one a minute) is kept by the client.

import { mkdtempSync, rmSync, createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import type { ClosureRegion } from '../core/marketplaces.js';
import { marketplaceById } from '../core/marketplaces.js';
import type { Requirement } from '../core/archive-coverage.js';
import type { Translate } from '../messages/catalogue.js';
import type { Clock } from '../adapters/sp-api/clock.js';
import { LwaToken } from '../adapters/sp-api/lwa-token.js';
import type { definitions as Reports } from '../adapters/sp-api/models/reports.js';
import type { definitions as Sellers } from '../adapters/sp-api/models/sellers.js';
import type { RateSnapshot } from '../adapters/sp-api/rate-limiter.js';
import { USAGE_PLANS } from '../adapters/sp-api/models/usage-plans.js';
import { SpApiClient, SpApiError } from '../adapters/sp-api/sp-api-client.js';
import { CliError, EXIT } from '../errors.js';
import { download, fetchReport, FinishedReports, type PollOptions, type ReportOutcome, type ReportRequest } from '../adapters/sp-api/sp-api-reports.js';
import type { SpApiSettings } from '../adapters/sp-api/sp-api-settings.js';
import { lineCounter, type ArchiveSource, type ArchiveUnit, type UnitResult } from './build-archive.js';
import { fileNameOf, planUnits } from './demo-archive.js';
import { ARCHIVE_REPORT_PLAN } from './report-plan.js';

/** Dates sent to Amazon end this long before now ("not in the future"; Finances: "more than two minutes before"). */
const END_MARGIN_MS = 3 * 60_000;
const DOWNLOAD_ATTEMPTS = 3;
/** Reports asked for ahead of the one being written: createReport's burst. */
const LOOKAHEAD = 15;

export interface SpApiArchiveOptions {
  settings: SpApiSettings;
  t: Translate;
  clock: Clock;
  userAgent: string;
  poll?: PollOptions;
  rates?: RateSnapshot;
  saveRates?: (snapshot: RateSnapshot) => void;
}

export interface SpApiArchive {
  source: ArchiveSource;
  client: SpApiClient;
  calls: () => Record<string, number>;
  close: () => Promise<void>;
}

const isoSeconds = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** A document as it arrived: gzip unpacked (its CRC-32 and length checked by zlib), else as is. */
async function* unpacked(path: string): AsyncGenerator<Uint8Array> {
  const head = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    createReadStream(path, { start: 0, end: 1 })
      .on('data', (c) => chunks.push(c as Buffer))
      .on('end', () => resolve(Buffer.concat(chunks)))
      .on('error', reject);
  });
  const gzip = head.length === 2 && head[0] === 0x1f && head[1] === 0x8b;
  const stream = gzip ? createReadStream(path).pipe(createGunzip()) : createReadStream(path);
  for await (const chunk of stream) yield chunk as Uint8Array;
}

export async function createSpApiArchive(options: SpApiArchiveOptions): Promise<SpApiArchive> {
  const { settings, t, clock } = options;
  const token = new LwaToken(settings, t, () => clock.now());
  const client = new SpApiClient(settings, token, t, { userAgent: options.userAgent, clock, rates: options.rates });
  const dir = mkdtempSync(join(tmpdir(), 'close-account-archive-'));
  const participations = await client.call<Sellers['GetMarketplaceParticipationsResponse']>('getMarketplaceParticipations');
  const marketplaceIds = (participations.payload ?? []).filter((p) => p.participation.isParticipating && marketplaceById(p.marketplace.id)?.apiRegion === settings.region).map((p) => p.marketplace.id);
  const regions = [...new Set(marketplaceIds.map((id) => marketplaceById(id)!.closureRegion))].filter((r): r is ClosureRegion => r !== 'other');
  const createTypes = Object.values(ARCHIVE_REPORT_PLAN).filter((p) => p.via === 'create').map((p) => p.reportType);
  const finished = new FinishedReports(client, createTypes, marketplaceIds);
  const settlementsPlan = ARCHIVE_REPORT_PLAN.settlements!;
  /** Settlement reports Amazon holds, by unit id (listed once, every page). */
  const settlements = new Map<string, Reports['Report']>();
  const started = new Map<string, Promise<UnitResult>>();
  let todo: ArchiveUnit[] = [];
  const startedAt = clock.now();

  async function listSettlements(): Promise<Reports['Report'][]> {
    const found: Reports['Report'][] = [];
    let page = await client.call<Reports['GetReportsResponse']>('getReports', { query: { reportTypes: [settlementsPlan.reportType], processingStatuses: ['DONE'], pageSize: 100 } });
    found.push(...page.reports);
    // "include this token as the only parameter" (getReports, nextToken).
    while (page.nextToken) {
      page = await client.call<Reports['GetReportsResponse']>('getReports', { query: { nextToken: page.nextToken } });
      found.push(...page.reports);
    }
    return found;
  }

  /** Writes a downloaded document through, downloading it again while it fails its check. */
  async function documentResult(unit: ArchiveUnit, request: ReportRequest, reportId: string, reportDocumentId: string, first: string | null): Promise<UnitResult> {
    const json = request.reportType === 'GET_V2_SELLER_PERFORMANCE_REPORT';
    let path = first;
    let lastProblem = '';
    for (let attempt = 1; attempt <= DOWNLOAD_ATTEMPTS; attempt++) {
      try {
        // The shared download opens the document to read its header: a damaged gzip fails there or below.
        path ??= (await download(client, settings, request, reportDocumentId, reportId, dir, t)).path;
        // Unpacked once here to prove it whole (a damaged document fails now, not half-way into the archive).
        for await (const chunk of unpacked(path)) void chunk;
        const counter = lineCounter();
        const whole = path;
        return { type: 'file', name: fileNameOf(unit, json ? 'json' : 'txt'), chunks: counter.count(unpacked(whole)), rows: json ? () => 1 : counter.rows, origin: { type: 'report', reportType: request.reportType, reportId } };
      } catch (error) {
        if (error instanceof SpApiError || (error instanceof CliError && error.exitCode !== EXIT.usage)) throw error;
        lastProblem = (error as Error).message;
        if (path) rmSync(path, { force: true });
        path = null;
      }
    }
    return { type: 'problem', status: 'DOWNLOAD_FAILED', detail: t('archive.failed-download', { attempts: DOWNLOAD_ATTEMPTS, detail: lastProblem }) };
  }

  /**
   * The report a failed first download belonged to (fetchReport names none when its download
   * throws): the newest DONE report of the type for the same marketplaces and period, made in this run.
   */
  async function reportOf(request: ReportRequest): Promise<Reports['Report'] | null> {
    const same = (a: string | undefined, b: string | undefined) => (a === undefined && b === undefined) || (a !== undefined && b !== undefined && Date.parse(a) === Date.parse(b));
    let page = await client.call<Reports['GetReportsResponse']>('getReports', { query: { reportTypes: [request.reportType], processingStatuses: ['DONE'], marketplaceIds: request.marketplaceIds.slice(0, 10), pageSize: 100 } });
    const found = [...page.reports];
    while (page.nextToken) {
      page = await client.call<Reports['GetReportsResponse']>('getReports', { query: { nextToken: page.nextToken } });
      found.push(...page.reports);
    }
    const matching = found.filter(
      (r) => r.reportDocumentId && (r.marketplaceIds ?? []).join(',') === request.marketplaceIds.join(',') && Date.parse(r.createdTime) >= startedAt - 60 * 60_000 && (request.dataStartTime === undefined || (same(r.dataStartTime, request.dataStartTime) && same(r.dataEndTime, request.dataEndTime))),
    );
    matching.sort((a, b) => Date.parse(b.createdTime) - Date.parse(a.createdTime));
    return matching[0] ?? null;
  }

  async function fetchUnit(unit: ArchiveUnit): Promise<UnitResult> {
    const plan = ARCHIVE_REPORT_PLAN[unit.kind]!;
    const endMs = clock.now() - END_MARGIN_MS;
    const startMs = Date.parse(`${unit.period.from}T00:00:00Z`);
    const stopMs = Math.min(Date.parse(`${unit.period.to}T23:59:59Z`), endMs);
    if (plan.via === 'list') {
      const report = settlements.get(unit.id)!;
      return documentResult(unit, { reportType: report.reportType, marketplaceIds: report.marketplaceIds ?? [] }, report.reportId, report.reportDocumentId!, null);
    }
    if (plan.via === 'api') return financialEvents(unit, startMs, stopMs);
    const snapshot = unit.kind === 'seller-performance';
    const request: ReportRequest = { reportType: plan.reportType, marketplaceIds: unit.marketplaces, ...(snapshot ? {} : { dataStartTime: isoSeconds(startMs), dataEndTime: isoSeconds(stopMs) }) };
    let outcome: ReportOutcome;
    try {
      outcome = await fetchReport(client, settings, request, dir, t, options.poll, finished);
    } catch (error) {
      if (error instanceof SpApiError && error.status === 403) return { type: 'problem', status: 'FORBIDDEN', detail: error.message };
      // The document could not be read (a damaged gzip): the report is made, so it is downloaded again.
      if (error instanceof CliError && error.exitCode === EXIT.usage && !(error instanceof SpApiError)) {
        const report = await reportOf(request);
        if (!report) return { type: 'problem', status: 'DOWNLOAD_FAILED', detail: error.message };
        const retried = await documentResult(unit, request, report.reportId, report.reportDocumentId!, null);
        if (retried.type === 'problem') return { ...retried, detail: t('archive.failed-download', { attempts: DOWNLOAD_ATTEMPTS + 1, detail: error.message }) };
        return retried;
      }
      throw error;
    }
    if (outcome.kind === 'missing') {
      // "an automatic cancellation if there is no data to return": empty for its period.
      if (outcome.status === 'CANCELLED') return { type: 'empty', origin: { type: 'report', reportType: plan.reportType, reportId: 'CANCELLED' } };
      return { type: 'problem', status: outcome.status, detail: t(outcome.reason.key, outcome.reason.params as never) };
    }
    const report = await client.call<Reports['Report']>('getReport', { path: { reportId: outcome.reportId } });
    return documentResult(unit, request, outcome.reportId, report.reportDocumentId!, outcome.file.path);
  }

  /** listFinancialEvents for one window (at most 180 days: financesV0.json), every page, as JSON lines. */
  async function financialEvents(unit: ArchiveUnit, startMs: number, stopMs: number): Promise<UnitResult> {
    type Page = { payload?: { FinancialEvents?: Record<string, unknown>; NextToken?: string } };
    const call = (next: string | undefined) =>
      client.call<Page>('listFinancialEvents', { query: next ? { NextToken: next } : { PostedAfter: isoSeconds(startMs), PostedBefore: isoSeconds(stopMs), MaxResultsPerPage: 100 } });
    const count = (page: Page) => Object.values(page.payload?.FinancialEvents ?? {}).reduce<number>((n, list) => n + (Array.isArray(list) ? list.length : 0), 0);
    const first = await call(undefined);
    const origin = { type: 'api' as const, operation: 'listFinancialEvents' };
    if (count(first) === 0 && !first.payload?.NextToken) return { type: 'empty', origin };
    let rows = 0;
    // One page in memory at a time: each is a line of the file.
    async function* pages(): AsyncGenerator<Uint8Array> {
      let page: Page | null = first;
      while (page) {
        rows += count(page);
        yield Buffer.from(`${JSON.stringify(page.payload?.FinancialEvents ?? {})}\n`);
        page = page.payload?.NextToken ? await call(page.payload.NextToken) : null;
      }
    }
    return { type: 'file', name: fileNameOf(unit, 'jsonl'), chunks: pages(), rows: () => rows, origin };
  }

  /** Starts the unit and the next few, so Amazon produces their reports side by side. */
  function startFrom(unit: ArchiveUnit): Promise<UnitResult> {
    const index = todo.findIndex((u) => u.id === unit.id);
    for (const next of index >= 0 ? todo.slice(index, index + LOOKAHEAD + 1) : [unit]) {
      if (!started.has(next.id)) {
        const promise = fetchUnit(next);
        // Settled later by fetch(); an early failure must not go unhandled meanwhile.
        promise.catch(() => {});
        started.set(next.id, promise);
      }
    }
    return started.get(unit.id)!;
  }

  const source: ArchiveSource = {
    id: 'sp-api',
    sellerId: settings.sellerId ?? 'sp-api',
    regions,
    async units(required: readonly Requirement[]) {
      // Every report is asked for some marketplace: without one in the region, nothing is asked (all gaps).
      const units = planUnits(required.filter((r) => r.kind !== 'settlements'), marketplaceIds).filter((u) => u.marketplaces.length > 0);
      const wanted = required.find((r) => r.kind === 'settlements');
      if (wanted) {
        for (const report of await listSettlements()) {
          if (!report.reportDocumentId || !report.dataStartTime || !report.dataEndTime) continue;
          const from = report.dataStartTime.slice(0, 10);
          const to = new Date(Date.parse(report.dataEndTime)).toISOString().slice(0, 10);
          if (to < wanted.period.from) continue;
          const unit: ArchiveUnit = { id: `settlements:${report.reportId}`, kind: 'settlements', marketplaces: report.marketplaceIds ?? [], period: { from, to } };
          settlements.set(unit.id, report);
          units.push(unit);
        }
      }
      return units;
    },
    prepare(remaining: readonly ArchiveUnit[]) {
      todo = [...remaining];
    },
    fetch: (unit) => startFrom(unit),
    estimateMs(remaining) {
      // The least time the createReport calls still to make take at the operation's rate, from the tokens its bucket holds now.
      const toMake = remaining.filter((u) => ARCHIVE_REPORT_PLAN[u.kind]?.via === 'create' && !started.has(u.id)).length;
      const tokens = client.limiter.snapshot().createReport?.tokens ?? USAGE_PLANS.createReport.burst;
      return (Math.max(0, toMake - Math.max(0, tokens)) / client.limiter.rateOf('createReport')) * 1000;
    },
  };

  return {
    source,
    client,
    calls: () => Object.fromEntries(client.countByOperation()),
    close: async () => {
      rmSync(dir, { recursive: true, force: true });
      options.saveRates?.(client.limiter.snapshot());
    },
  };
}

