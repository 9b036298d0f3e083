// The Reports API flow: create a report, poll until it is done (cancelled with no data means an
// empty report), fetch the document, and save it as it comes (gzipped or not) with the charset
// Amazon states, for the report readers the reports adapter uses too.

import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
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
  marketplaceIds: string[];
  dataStartTime?: string;
}

/** A downloaded report: the file (null when Amazon had no data), read like a Seller Central download. */
export type DownloadedReport = ReportFile | null;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function downloadReport(
  client: SpApiClient,
  settings: SpApiSettings,
  request: ReportRequest,
  dir: string,
  t: Translate,
  poll: { firstMs: number; maxMs: number; deadlineMs: number } = { firstMs: 500, maxMs: 30_000, deadlineMs: 20 * 60_000 },
): Promise<DownloadedReport> {
  const created = await client.call<Reports['CreateReportResponse']>('createReport', { body: request });
  const deadline = Date.now() + poll.deadlineMs;
  let interval = poll.firstMs;
  let report: Reports['Report'];
  for (;;) {
    report = await client.call<Reports['Report']>('getReport', { path: { reportId: created.reportId } });
    if (report.processingStatus === 'DONE') break;
    // Amazon cancels a report with no data: that is an empty report, not a failure.
    if (report.processingStatus === 'CANCELLED') return null;
    if (report.processingStatus === 'FATAL') throw new DataSourceError(t('sp-api.report-fatal', { type: request.reportType }), t('sp-api.report-fatal-hint'));
    if (Date.now() + interval > deadline) throw new DataSourceError(t('sp-api.report-slow', { type: request.reportType, minutes: Math.round(poll.deadlineMs / 60_000) }), t('sp-api.gave-up-hint'));
    await sleep(interval);
    interval = Math.min(poll.maxMs, interval * 2);
  }
  const document = await client.call<Reports['ReportDocument']>('getReportDocument', { path: { reportDocumentId: report.reportDocumentId! } });
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
  const path = join(dir, `${request.reportType}-${created.reportId}${document.compressionAlgorithm === 'GZIP' ? '.gz' : ''}.txt`);
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
  return ReportFile.open(path, charset ? parseEncoding(charset.replace(/^"|"$/g, '')) : null, t);
}
