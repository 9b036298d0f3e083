// The JSON document of `plan --json`; its contract is the zod schema in plan-json-schema.ts.

import type { ClosurePlan } from '../core/closure-plan.js';
import type { Readiness } from '../core/readiness.js';
import type { Translate } from '../messages/catalogue.js';
import { JSON_SCHEMA_VERSION } from './json-schema-version.js';

export function planJson(readiness: Readiness, plan: ClosurePlan, t: Translate) {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    adapter: readiness.adapter,
    demo: readiness.isDemo,
    verdict: readiness.verdict,
    asOf: plan.asOf,
    closeOn: plan.closeOn,
    complete: plan.complete,
    steps: plan.steps.map((s) => ({ ...s, title: t(`plan.step.${s.id}`), where: t(`plan.where.${s.id}`), why: t(`plan.why.${s.id}`) })),
  };
}
