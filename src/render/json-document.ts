// The JSON document of `check --json`, `--dry-run --json` and `submit --json`: one document on
// stdout. Its contract is the zod schema in json-schema.ts, which the tests hold it to.

import { CLOSURE_REASONS, CLOSURE_REGIONS, type RequestDraft } from '../core/closure-request.js';
import type { Readiness } from '../core/readiness.js';
import type { ReadinessJson, SubmissionJson } from './json-schema.js';

import { JSON_SCHEMA_VERSION } from './json-schema-version.js';

export { JSON_SCHEMA_VERSION };

/** A draft may hold what the seller mistyped; the document only carries valid enum values. */
function oneOf<T extends string>(allowed: readonly T[], value: unknown): T | null {
  return allowed.includes(value as T) ? (value as T) : null;
}

export function requestJson(draft: RequestDraft | null): ReadinessJson['request'] {
  if (!draft) return null;
  const source = draft.request ?? draft.fields;
  return {
    complete: draft.request !== null,
    id: draft.request?.id ?? null,
    sellerId: source.sellerId ?? null,
    region: oneOf(CLOSURE_REGIONS, source.region),
    marketplaces: source.marketplaces ?? [],
    reason: oneOf(CLOSURE_REASONS, source.reason),
    reasonText: source.reasonText ?? '',
    email: source.email ?? null,
    phone: source.phone ?? '',
    problems: draft.problems,
  };
}

export function readinessJson(
  readiness: Readiness,
  draft: RequestDraft | null,
  audit: ReadinessJson['audit'],
  warnings: readonly string[],
  submission: SubmissionJson | null = null,
): ReadinessJson {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    adapter: readiness.adapter,
    demo: readiness.isDemo,
    asOf: readiness.asOf,
    verdict: readiness.verdict,
    earliestCloseDate: readiness.earliestCloseDate,
    checks: readiness.checks,
    request: requestJson(draft),
    submission,
    warnings: [...warnings],
    audit,
  };
}
