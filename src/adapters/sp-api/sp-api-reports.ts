// The Reports API flow: create a report, poll until it is done, fetch the document, and save it
// as it comes (gzipped or not) with the charset Amazon states, for the report readers the
// reports adapter uses too.
//
// What a finished report means (reports_2021-06-30.json, processingStatus): DONE has a document;
// CANCELLED is "an explicit cancellation request ... or an automatic cancellation if there is no
// data to return", and Amazon also cancels a report asked for again too soon (FBA reports at
// most once every 30 minutes: selling-partner-api-docs #2803, selling-partner-api-models #4032)
// or over too long a range (order reports: #385, #2591). So CANCELLED is never read as "empty":
// the latest DONE report of the same type that covers the period is used instead (getReports),
// and without one the data is missing. FATAL and a report that never finishes are missing too.

import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { marketplaceById } from '../../core/marketplaces.js';
import type { MessageRef } from '../../core/message-ref.js';
import { CliError, DataSourceError } from '../../errors.js';
import { BODY_CAPS, networkProblem, open, OutboundRefused } from '../../http/outbound.js';
import type { Translate } from '../../messages/catalogue.js';
import { ReportFile } from '../reports/report-file.js';
import { parseEncoding } from '../reports/text-encoding.js';
import type { definitions as Reports } from './models/reports.js';
import type { SpApiClient } from './sp-api-client.js';
import type { SpApiSettings } from './sp-api-settings.js';

export interface ReportRequest {
  reportType: string;
  /** One marketplace for the report types that serve one (listings, returns, removals). */
  marketplaceIds: string[];
  dataStartTime?: string;
  dataEndTime?: string;
}

/** A report read, or why there is none. */
export type ReportOutcome =
  | { kind: 'done'; file: ReportFile; reportId: string; /** An earlier report of the last hours, read again. */ reused?: boolean }
  | { kind: 'missing'; status: 'CANCELLED' | 'FATAL' | 'SLOW' | 'FORBIDDEN'; reason: MessageRef };

export interface PollOptions {
  firstMs: number;
  maxMs: number;
  deadlineMs: number;
}

const DEFAULT_POLL: PollOptions = { firstMs: 500, maxMs: 30_000, deadlineMs: 20 * 60_000 };

/**
 * How old an earlier report may be and still stand in for a cancelled one: a little over the
 * 30 minutes within which Amazon refuses to make an FBA report again.
 */
export const STAND_IN_MS = 60 * 60_000;

/**
 * Re-runs are quick (issue 17): a report Amazon produced within this long for the same type,
 * marketplaces and period is read again instead of asking for a new one (which takes minutes at
 * Amazon and one createReport a minute). A report that must reach to now may be at most
 * STAND_IN_MS old (the same rule as a stand-in); one for a past period within these hours.
 */
export const REUSE_MS = 4 * 60 * 60_000;

/**
 * The finished reports Amazon still holds (getReports, DONE), asked for once per run however many
 * reports come back cancelled: getReports allows 0.0222 calls a second after a burst of 10.
 */
export class FinishedReports {
  private listing: Promise<Reports['Report'][]> | null = null;

  constructor(
    private readonly client: SpApiClient,
    private readonly reportTypes: string[],
    private readonly marketplaceIds: string[],
    /** Only reports created this recently (getReports' createdSince), in milliseconds; default: Amazon's 90 days. */
    private readonly createdWithinMs: number | null = null,
    /** DONE only for stand-ins; re-use also remembers what Amazon cancelled for having no data. */
    private readonly statuses: ('DONE' | 'CANCELLED')[] = ['DONE'],
  ) {}

  /** The finished reports of the last REUSE_MS, for re-use before anything is created. */
  static recent(client: SpApiClient, reportTypes: string[], marketplaceIds: string[]): FinishedReports {
    return new FinishedReports(client, reportTypes, marketplaceIds, REUSE_MS, ['DONE', 'CANCELLED']);
  }

  list(): Promise<Reports['Report'][]> {
    this.listing ??= this.fetch();
    return this.listing;
  }

  private async fetch(): Promise<Reports['Report'][]> {
    const found: Reports['Report'][] = [];
    // createdSince: "The earliest report creation date and time ... in ISO 8601 format" (getReports).
    const createdSince = this.createdWithinMs === null ? undefined : new Date(Math.floor((this.client.clock.now() - this.createdWithinMs) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    // The model allows at most 10 report types and 10 marketplaces per request.
    for (let m = 0; m < Math.max(1, this.marketplaceIds.length); m += 10) {
      let page = await this.client.call<Reports['GetReportsResponse']>('getReports', {
        query: { reportTypes: this.reportTypes.slice(0, 10), processingStatuses: this.statuses, marketplaceIds: this.marketplaceIds.slice(m, m + 10), pageSize: 100, ...(createdSince ? { createdSince } : {}) },
      });
      found.push(...page.reports);
      // "include this token as the only parameter"; a few pages are the last few hours' reports.
      for (let pages = 1; page.nextToken && pages < 5; pages++) {
        page = await this.client.call<Reports['GetReportsResponse']>('getReports', { query: { nextToken: page.nextToken } });
        found.push(...page.reports);
      }
    }
    return found;
  }
}

export async function fetchReport(
  client: SpApiClient,
  settings: SpApiSettings,
  request: ReportRequest,
  dir: string,
  t: Translate,
  poll: PollOptions = DEFAULT_POLL,
  finished: FinishedReports = new FinishedReports(client, [request.reportType], request.marketplaceIds),
  recent: FinishedReports | null = FinishedReports.recent(client, [request.reportType], request.marketplaceIds),
): Promise<ReportOutcome> {
  const { clock } = client;
  // A report Amazon made for the same request within the last hours is read again: no createReport.
  // One it cancelled then (no data, or asked again too soon) would be cancelled again: its outcome
  // is taken as it was, and what follows a cancellation follows (a stand-in, or missing).
  let status: 'CANCELLED' | 'FATAL' | 'SLOW' | null = null;
  let createdId = '';
  if (recent) {
    const reused = latestDone(await recent.list(), request, '', clock.now(), REUSE_MS, ['DONE', 'CANCELLED']);
    if (reused?.processingStatus === 'DONE') return { kind: 'done', file: await download(client, settings, request, reused.reportDocumentId!, reused.reportId, dir, t), reportId: reused.reportId, reused: true };
    if (reused) {
      status = 'CANCELLED';
      createdId = reused.reportId;
    }
  }
  if (status === null) {
    const produced = await produce(client, request, poll);
    if (produced.status === 'DONE') return { kind: 'done', file: await download(client, settings, request, produced.report.reportDocumentId!, produced.createdId, dir, t), reportId: produced.createdId };
    status = produced.status;
    createdId = produced.createdId;
  }
  const standIn = latestDone(await finished.list(), request, createdId, client.clock.now());
  if (standIn) return { kind: 'done', file: await download(client, settings, request, standIn.reportDocumentId!, standIn.reportId, dir, t), reportId: standIn.reportId };
  const params = { type: request.reportType, marketplace: request.marketplaceIds.map((id) => marketplaceById(id)?.domain ?? id).join(', '), from: request.dataStartTime?.slice(0, 10) ?? '-', to: (request.dataEndTime ?? new Date(clock.now()).toISOString()).slice(0, 10) };
  const reason: MessageRef =
    status === 'CANCELLED' ? { key: 'sp-api.report-cancelled', params } : status === 'FATAL' ? { key: 'sp-api.report-fatal-missing', params } : { key: 'sp-api.report-slow-missing', params: { ...params, minutes: Math.round(poll.deadlineMs / 60_000) } };
  return { kind: 'missing', status, reason };
}

/** Asks Amazon for the report and waits for it: DONE (with the file), or how it ended. */
async function produce(client: SpApiClient, request: ReportRequest, poll: PollOptions): Promise<{ status: 'CANCELLED' | 'FATAL' | 'SLOW'; createdId: string } | { status: 'DONE'; createdId: string; report: Reports['Report'] }> {
  const { clock } = client;
  const body: Reports['CreateReportSpecification'] = { reportType: request.reportType, marketplaceIds: request.marketplaceIds };
  if (request.dataStartTime) body.dataStartTime = request.dataStartTime;
  if (request.dataEndTime) body.dataEndTime = request.dataEndTime;
  const created = await client.call<Reports['CreateReportResponse']>('createReport', { body });
  // The time this report has been waited for (other calls' waits do not count against it).
  let waited = 0;
  let interval = poll.firstMs;
  for (;;) {
    const report = await client.call<Reports['Report']>('getReport', { path: { reportId: created.reportId } });
    if (report.processingStatus === 'DONE' && report.reportDocumentId) return { status: 'DONE', createdId: created.reportId, report };
    if (report.processingStatus === 'CANCELLED' || report.processingStatus === 'FATAL') return { status: report.processingStatus, createdId: created.reportId };
    if (waited + interval > poll.deadlineMs) return { status: 'SLOW', createdId: created.reportId };
    waited += interval;
    await clock.sleep(interval);
    interval = Math.min(poll.maxMs, interval * 2);
  }
}

/**
 * The newest DONE report of the type, for the same marketplace, that covers what was asked;
 * `within`: made no longer ago than this (re-use).
 */
function latestDone(reports: Reports['Report'][], request: ReportRequest, except: string, now: number, within: number | null = null, statuses: readonly string[] = ['DONE']): Reports['Report'] | null {
  const end = request.dataEndTime ? Date.parse(request.dataEndTime) : now;
  const start = request.dataStartTime ? Date.parse(request.dataStartTime) : null;
  const covering = reports.filter((r) => {
    if (r.reportId === except || !statuses.includes(r.processingStatus) || (r.processingStatus === 'DONE' && !r.reportDocumentId)) return false;
    if (r.reportType !== request.reportType) return false;
    if (within !== null && !(now - Date.parse(r.createdTime) <= within)) return false;
    // The same marketplaces, no more and no fewer: a report of several covers only its first (#1998).
    if ((r.marketplaceIds ?? []).join(',') !== request.marketplaceIds.join(',')) return false;
    const reportEnd = Date.parse(r.dataEndTime ?? r.createdTime);
    // A window that ends in the past must be covered to its end (an hour short could hide the last
    // sale); only one that ends now (a snapshot, or the newest window) may be up to an hour older.
    const slack = end >= now - STAND_IN_MS ? STAND_IN_MS : 0;
    if (!Number.isFinite(reportEnd) || reportEnd < end - slack) return false;
    if (start === null) return true;
    const reportStart = r.dataStartTime ? Date.parse(r.dataStartTime) : Number.NaN;
    return Number.isFinite(reportStart) && reportStart <= start;
  });
  covering.sort((a, b) => Date.parse(b.createdTime) - Date.parse(a.createdTime));
  return covering[0] ?? null;
}

export async function download(client: SpApiClient, settings: SpApiSettings, request: ReportRequest, reportDocumentId: string, reportId: string, dir: string, t: Translate): Promise<ReportFile> {
  const document = await client.call<Reports['ReportDocument']>('getReportDocument', { path: { reportDocumentId } });
  // The document URL is presigned: no access token goes with it, so it alone may follow a redirect
  // (each hop checked again: https, or loopback).
  let response: Response;
  try {
    response = await open({ url: document.url, what: t('http.what.report', { type: request.reportType }), credential: false, maxBodyBytes: BODY_CAPS.report, timeoutMs: 120_000 }, settings.transport);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new DataSourceError(t('sp-api.document-failed', { type: request.reportType, detail: networkProblem(error, t, 120_000) }), t('sp-api.gave-up-hint'));
  }
  if (!response.ok || !response.body) {
    throw new DataSourceError(t('sp-api.document-failed', { type: request.reportType, detail: `HTTP ${response.status}` }), t('sp-api.gave-up-hint'));
  }
  // Named by a digest of Amazon's report id, never the id itself: an id is text from a server, and
  // one holding `../` would name a file outside the download folder.
  const key = createHash('sha256').update(reportId).digest('hex').slice(0, 24);
  const path = join(dir, `${request.reportType}-${request.marketplaceIds.join('+')}-${key}${document.compressionAlgorithm === 'GZIP' ? '.gz' : ''}.txt`);
  let size = 0;
  const capped = async function* (source: AsyncIterable<Uint8Array>) {
    for await (const chunk of source) {
      size += chunk.byteLength;
      if (size > BODY_CAPS.report) throw new OutboundRefused(t('http.too-large', { what: request.reportType, bytes: BODY_CAPS.report }), t('sp-api.gave-up-hint'), 'too-large');
      yield chunk;
    }
  };
  await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), capped, createWriteStream(path, { mode: 0o600 }));
  const charset = /charset=([^;]+)/i.exec(response.headers.get('content-type') ?? '')?.[1];
  // The transfer completed (a cut stream or gzip fails the pipeline above): the document is whole,
  // so a last row without a final line break is Amazon's formatting, not a cut-off download.
  return ReportFile.open(path, charset ? parseEncoding(charset.replace(/^"|"$/g, '')) : null, t, { whole: true });
}
