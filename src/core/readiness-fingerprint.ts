// A fingerprint of the data a readiness result was based on: the checks' findings, not their
// wording (which moves with the day: "6 days ago"), so that a saved plan can tell whether the
// seller's data has changed since.

import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { CheckResult } from './check-result.js';

export type CheckFinding = Pick<CheckResult, 'id' | 'status' | 'count' | 'items' | 'clearsOn' | 'confirmed'>;

export function findingsOf(checks: readonly CheckResult[]): CheckFinding[] {
  return checks.map(({ id, status, count, items, clearsOn, confirmed }) => ({ id, status, count, items, clearsOn, confirmed }));
}

/** Sorted-key JSON, so that the same findings always hash the same. */
export function fingerprint(findings: readonly CheckFinding[]): string {
  return `sha256:${createHash('sha256').update(canonicalJson(findings)).digest('hex')}`;
}

export interface FindingChange {
  id: string;
  before: { status: string; count: number | null };
  after: { status: string; count: number | null };
}

/** What changed between two sets of findings, check by check. */
export function changedFindings(before: readonly CheckFinding[], after: readonly CheckFinding[]): FindingChange[] {
  const old = new Map(before.map((f) => [f.id, f]));
  const changes: FindingChange[] = [];
  for (const now of after) {
    const then = old.get(now.id);
    if (then && canonicalJson(then) === canonicalJson(now)) continue;
    changes.push({
      id: now.id,
      before: { status: then?.status ?? 'absent', count: then?.count ?? null },
      after: { status: now.status, count: now.count },
    });
  }
  return changes;
}
