import type { CheckResult } from './check-result.js';
import { laterOf, type IsoDate } from './dates.js';

export const VERDICTS = ['ready', 'blocked', 'needs-confirmation'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Ready only when nothing fails, nothing is unknown and every manual item is confirmed. */
export function verdictOf(checks: readonly CheckResult[]): Verdict {
  if (checks.some((c) => c.status === 'fail' || c.status === 'unknown')) return 'blocked';
  if (checks.some((c) => c.status === 'manual' && c.confirmed !== true)) return 'needs-confirmation';
  return 'ready';
}

/**
 * The earliest day closure can happen: the latest day a time-gated check clears, and never
 * before the as-of day. Null when a time-gated check could not be evaluated, since then no
 * date can be promised.
 */
export function earliestCloseDate(checks: readonly CheckResult[], timeGated: ReadonlySet<string>, asOf: IsoDate): IsoDate | null {
  let earliest = asOf;
  for (const check of checks) {
    if (!timeGated.has(check.id)) continue;
    if (check.status === 'unknown') return null;
    if (check.clearsOn) earliest = laterOf(earliest, check.clearsOn);
  }
  return earliest;
}
