// A saved plan (`--dry-run --out plan.json`): the checked request and the findings it was based
// on, so that `submit --plan` can refuse it once the data has changed or it has grown old.

import { writeOutputFile } from '../io/output-file.js';
import { readBoundedText } from '../io/bounded-read.js';
import { z } from 'zod';
import type { CheckId } from '../core/check-result.js';
import type { ClosureRequest } from '../core/closure-request.js';
import { findingsOf, fingerprint, type CheckFinding } from '../core/readiness-fingerprint.js';
import type { Readiness } from '../core/readiness.js';
import { UsageError } from '../errors.js';
import type { Translate } from '../messages/catalogue.js';
import type { GlobalOptions } from './global-options.js';
import { ADAPTER_IDS } from '../core/seller-data-source.js';
import { DEMO_SCENARIOS } from '../adapters/demo/demo-scenarios.js';

export const PLAN_KIND = 'close-account.plan';

const planSchema = z.object({
  kind: z.literal(PLAN_KIND),
  version: z.literal(1),
  createdAt: z.iso.datetime(),
  source: z.object({
    adapter: z.enum(ADAPTER_IDS),
    demoScenario: z.enum(DEMO_SCENARIOS).nullable(),
    reportsDir: z.string().nullable(),
  }),
  asOf: z.string(),
  verdict: z.string(),
  attested: z.array(z.string()),
  fingerprint: z.string(),
  findings: z.array(z.object({ id: z.string(), status: z.string(), count: z.number().nullable(), items: z.array(z.record(z.string(), z.unknown())), clearsOn: z.string().nullable(), confirmed: z.boolean().nullable() })),
  request: z.object({ id: z.string(), sellerId: z.string() }).passthrough().nullable(),
});

export type Plan = Omit<z.infer<typeof planSchema>, 'request' | 'findings'> & { request: ClosureRequest | null; findings: CheckFinding[] };

export function makePlan(readiness: Readiness, request: ClosureRequest | null, options: GlobalOptions, now: Date): Plan {
  const findings = findingsOf(readiness.checks);
  return {
    kind: PLAN_KIND,
    version: 1,
    createdAt: now.toISOString(),
    source: {
      adapter: options.adapter,
      demoScenario: options.adapter === 'demo' ? options.demoScenario : null,
      reportsDir: options.adapter === 'reports' ? options.reportsDir : null,
    },
    asOf: readiness.asOf,
    verdict: readiness.verdict,
    attested: [...options.attested],
    fingerprint: fingerprint(findings),
    findings,
    request,
  };
}

/** Written to a temporary file and renamed into place: never half a plan; a path it cannot write is exit 2, nothing left. */
export async function writePlan(path: string, plan: Plan, t: Translate): Promise<void> {
  await writeOutputFile(path, `${JSON.stringify(plan, null, 2)}\n`, t);
}

/** A plan is a few kilobytes; anything much bigger is not one (and is not read whole). */
export const PLAN_MAX_BYTES = 4 * 1024 * 1024;

export function readPlan(path: string, t: Translate): Plan {
  const text = readBoundedText(path, PLAN_MAX_BYTES, {
    unreadable: (code) => new UsageError(t('error.plan-unreadable', { path, code }), t('error.plan-hint')),
    tooLarge: (cap) => new UsageError(t('error.plan-too-large', { path, cap }), t('error.plan-hint')),
  });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(t('error.plan-invalid', { path, detail: (error as Error).message }), t('error.plan-hint'));
  }
  const parsed = planSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(t('error.plan-invalid', { path, detail: `${issue.path.join('.') || '(plan)'}: ${issue.message}` }), t('error.plan-hint'));
  }
  return parsed.data as unknown as Plan;
}

export function attestedOf(plan: Plan): Set<CheckId> {
  return new Set(plan.attested as CheckId[]);
}
