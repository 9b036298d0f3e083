// The data of the closure dossier an accountant can keep, gathered from the audit log: the
// readiness evidence per check, the confirmations, the request, the submission and its outcome,
// the timeline of every record, and the chain's verdict. A plain value; render/dossier.ts formats
// it (Markdown, HTML, CSV) and `audit export --format json` prints it as it is.

import type { CheckResult } from '../core/check-result.js';
import type { AuditLog, RequestHistory } from './audit-log.js';
import type { ChainVerdict } from './record-chain.js';

export interface Dossier {
  schemaVersion: 1;
  /** audit export --seller: the one seller the dossier is about (their runs and requests only). */
  seller?: string;
  generatedAt: string;
  database: string;
  chain: ChainVerdict;
  /** The evidence or the submission is the embedded sample seller's: nothing of it is a real account. */
  demo: boolean;
  request: RequestHistory | null;
  evidence: {
    runId: string;
    at: string;
    asOf: string;
    verdict: string;
    earliestCloseDate: string | null;
    checks: CheckResult[];
    confirmations: { checkId: string; how: string }[];
  } | null;
  timeline: { seq: number; at: string; runId: string | null; type: string; requestId: string | null; detail: string; hash: string }[];
}

/** A record's details in a line: its fields that say most, without the bulky ones. */
function detailOf(type: string, body: unknown): string {
  if (!body || typeof body !== 'object') return '';
  const b = body as Record<string, unknown>;
  if (type === 'readiness') return `verdict ${b.verdict}, earliest closure ${b.earliestCloseDate ?? '-'}, as of ${b.asOf}`;
  if (type === 'request') return `${b.sellerId} ${b.region} (${(b.marketplaces as string[] | undefined)?.join(', ')}) ${b.reason}`;
  return Object.entries(b)
    .filter(([, v]) => v !== null && typeof v !== 'object')
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

/**
 * The runs and requests of one seller: runs that name it (a portfolio account, or --seller-id) and
 * those that made or moved one of its requests. Each client of an agency gets their own dossier.
 */
function sellerScope(audit: AuditLog, sellerId: string): { runs: Set<string>; requests: Set<string> } {
  const runs = new Set<string>();
  const requests = new Set<string>();
  for (const record of audit.allRecords()) {
    const body = record.body as { sellerId?: unknown; account?: { sellerId?: unknown } } | null;
    if (record.type === 'run-started' && record.runId && (body?.sellerId === sellerId || body?.account?.sellerId === sellerId)) runs.add(record.runId);
    if (record.type === 'request' && record.requestId && body?.sellerId === sellerId) {
      requests.add(record.requestId);
      if (record.runId) runs.add(record.runId);
    }
  }
  // Runs that acted on one of the seller's requests (a submission, a status) belong to it too.
  for (const record of audit.allRecords()) if (record.requestId && requests.has(record.requestId) && record.runId) runs.add(record.runId);
  return { runs, requests };
}

export function buildDossier(audit: AuditLog, requestId: string | null, now: Date, sellerId: string | null = null): Dossier {
  const scope = sellerId === null ? null : sellerScope(audit, sellerId);
  const inScope = (record: { runId: string | null; requestId: string | null }) =>
    scope === null || (record.runId !== null && scope.runs.has(record.runId)) || (record.requestId !== null && scope.requests.has(record.requestId));
  const histories = audit.requests().filter((h) => scope === null || scope.requests.has(h.request.id));
  const request = (requestId ? histories.find((h) => h.request.id === requestId) : histories[0]) ?? null;
  const timeline: Dossier['timeline'] = [];
  let evidence: Dossier['evidence'] = null;
  let evidenceRun = request?.submission?.runId ?? null;
  const readinessRecords: { runId: string; at: string; body: Record<string, unknown> }[] = [];
  // Whether each run read the demo seller: its start says so, and the wizard's chosen source, later, has the last word.
  const demoRuns = new Map<string, boolean>();
  for (const record of audit.allRecords()) {
    if (record.runId && (record.type === 'run-started' || record.type === 'run-source')) demoRuns.set(record.runId, (record.body as { demo?: unknown } | null)?.demo === true);
    if (!inScope(record)) continue;
    timeline.push({ seq: record.seq, at: record.at, runId: record.runId, type: record.type, requestId: record.requestId, detail: detailOf(record.type, record.body), hash: record.hash });
    if (record.type === 'readiness' && record.runId) readinessRecords.push({ runId: record.runId, at: record.at, body: record.body as Record<string, unknown> });
  }
  // The evidence is what the submission was based on; with no submission, the latest check.
  const chosen = (evidenceRun ? readinessRecords.filter((r) => r.runId === evidenceRun).at(-1) : undefined) ?? readinessRecords.at(-1);
  if (chosen) {
    evidenceRun = chosen.runId;
    const b = chosen.body as { asOf: string; verdict: string; earliestCloseDate: string | null; checks: CheckResult[]; confirmations: { checkId: string; how: string }[] };
    evidence = { runId: chosen.runId, at: chosen.at, asOf: b.asOf, verdict: b.verdict, earliestCloseDate: b.earliestCloseDate, checks: b.checks, confirmations: b.confirmations ?? [] };
  }
  const demo = request?.submission?.submitter === 'demo' || (evidence !== null && demoRuns.get(evidence.runId) === true);
  return { schemaVersion: 1, ...(sellerId === null ? {} : { seller: sellerId }), generatedAt: now.toISOString(), database: audit.path, chain: audit.verify(), demo, request, evidence, timeline };
}
