// An archive in the audit log: the event that records its manifest's hash, the hashes recorded
// (for `archive verify`), and the evidence data-export is judged from (the latest archive of the
// seller, verified now).

import type { AuditLog } from '../audit/audit-log.js';
import type { AuditLogPlace } from '../audit/open-audit-log.js';
import { auditLogExists, openAuditLog } from '../audit/open-audit-log.js';
import { coverageOf, requiredCoverage } from '../core/archive-coverage.js';
import type { ArchiveEvidence } from '../core/checks/data-export.js';
import { CliError } from '../errors.js';
import type { Translate } from '../messages/catalogue.js';
import type { Manifest } from './manifest.js';
import type { ArchiveVerification } from './verify-archive.js';

export const archiveEvent = {
  type: 'archive',
  body: ({ dir, manifest, manifestSha256, indexSha256, gaps }: { dir: string; manifest: Manifest; manifestSha256: string; indexSha256: string; gaps: number }) => ({
    dir,
    seller: manifest.seller.id,
    source: manifest.source,
    day: manifest.day,
    manifestSha256,
    indexSha256,
    files: manifest.files.length,
    complete: manifest.complete,
    gaps,
  }),
};

interface RecordedArchive {
  dir: string;
  seller: string | null;
  manifestSha256: string;
  /** index.html's hash (logs written before it was recorded have none). */
  indexSha256: string | null;
}

/** index.html's recorded hash by manifest hash. */
const indexesOf = (recorded: readonly RecordedArchive[]) => new Map(recorded.flatMap((r) => (r.indexSha256 ? [[r.manifestSha256, r.indexSha256] as const] : [])));

/** The archives the log recorded; `trusted` is false when the log does not verify (a record added or edited outside close-account). */
async function readRecorded(place: AuditLogPlace, opened: AuditLog | null = null): Promise<{ recorded: RecordedArchive[]; trusted: boolean }> {
  if (!opened && !(await auditLogExists(place))) return { recorded: [], trusted: true };
  const audit = opened ?? (await openAuditLog(place, 'read'));
  try {
    const records = audit.recordsOfType(archiveEvent.type);
    // A hash the log holds vouches for a manifest only while the log's chain holds (a forged record
    // would vouch for a forged manifest). A log this run opened to append was verified as it opened
    // (verifyBeforeAppend, which refuses a broken one): walking it again would undo its shortcut.
    const trusted = records.length === 0 || audit.verifiedBy !== null || audit.verify().intact;
    const recorded = records.flatMap((record) => {
      const body = record.body as { manifestSha256?: unknown; dir?: unknown; seller?: unknown; indexSha256?: unknown };
      if (typeof body.manifestSha256 !== 'string' || typeof body.dir !== 'string') return [];
      return [{ dir: body.dir, seller: typeof body.seller === 'string' ? body.seller : null, manifestSha256: body.manifestSha256, indexSha256: typeof body.indexSha256 === 'string' ? body.indexSha256 : null }];
    });
    return { recorded, trusted };
  } finally {
    if (!opened) audit.close();
  }
}

/** Manifest hashes the audit log recorded for archives, and the latest archive's folder. */
export async function recordedArchives(place: AuditLogPlace): Promise<{ hashes: Set<string>; indexes: Map<string, string>; latestDir: string | null; logVerifies: boolean }> {
  const { recorded, trusted } = await readRecorded(place);
  // A log that does not verify vouches for no manifest: each is named as not recorded (and the log as the cause).
  return { hashes: new Set(trusted ? recorded.map((r) => r.manifestSha256) : []), indexes: trusted ? indexesOf(recorded) : new Map(), latestDir: recorded.at(-1)?.dir ?? null, logVerifies: trusted };
}

/**
 * The evidence data-export is judged from: the latest archive the audit log recorded for this
 * seller, verified now (files re-hashed, manifest against the log), its coverage as of the check's
 * day (what happened after the archive was made is a gap: archive again, it fetches only that).
 * `opened`: the audit log this run already has open (left open); else it is opened here and closed.
 */
export async function archiveEvidence(place: AuditLogPlace, sellerId: string | null, asOf: string, t: Translate, opened: AuditLog | null = null): Promise<ArchiveEvidence | null> {
  if (!sellerId) return null;
  const { recorded, trusted } = await readRecorded(place, opened);
  const latest = recorded.filter((r) => r.seller === sellerId).at(-1);
  if (!latest) return null;
  // The log does not verify: nothing it says of the archive is evidence.
  if (!trusted) return { dir: latest.dir, day: asOf, status: 'changed', changed: [place.path], coverage: [] };
  // Loaded only for a seller with an archive: `check` without one needs no manifest schema (zod).
  const { verifyArchive } = await import('./verify-archive.js');
  const { MANIFEST_NAME } = await import('./manifest.js');
  let verdict: ArchiveVerification;
  try {
    // Only manifests the log recorded for this seller count: another seller's archive copied into the folder is not this one's.
    const own = recorded.filter((r) => r.seller === sellerId);
    verdict = await verifyArchive(latest.dir, new Set(own.map((r) => r.manifestSha256)), t, indexesOf(own));
  } catch (error) {
    // The folder or its manifest is gone or unreadable: the archive does not verify.
    if (!(error instanceof CliError)) throw error;
    return { dir: latest.dir, day: asOf, status: 'changed', changed: [MANIFEST_NAME], coverage: [] };
  }
  if (verdict.seller !== sellerId) return { dir: latest.dir, day: verdict.day, status: 'changed', changed: [MANIFEST_NAME], coverage: [] };
  const day = verdict.day > asOf ? verdict.day : asOf;
  // Nothing an archive holds speaks for days after it was last written: they had not happened.
  const written = verdict.manifest.updatedAt.slice(0, 10);
  const items = verdict.manifest.files.map((f) => ({ kind: f.kind, period: { from: f.period.from, to: f.period.to > written ? written : f.period.to } }));
  const coverage = coverageOf(requiredCoverage(day, verdict.manifest.seller.regions), items, verdict.manifest.problems);
  return { dir: latest.dir, day: verdict.day, status: verdict.status, changed: verdict.changed.map((c) => c.file), coverage };
}
