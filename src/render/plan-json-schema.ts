// The contract of `plan --json`: the dated checklist, each step with its title, where and why in
// the seller's language. A zod schema the tests hold the output to; the builder is plan-json.ts.

import { z } from 'zod';
import { CHECK_IDS } from '../core/check-result.js';
import { PLAN_STEPS } from '../core/closure-plan.js';
import { VERDICTS } from '../core/verdict.js';
import { isoDate } from './json-schema.js';
import { JSON_SCHEMA_VERSION } from './json-schema-version.js';
import { ADAPTER_IDS } from '../core/seller-data-source.js';

export const planJsonSchema = z.strictObject({
  schemaVersion: z.literal(JSON_SCHEMA_VERSION),
  adapter: z.enum(ADAPTER_IDS),
  demo: z.boolean(),
  verdict: z.enum(VERDICTS),
  asOf: isoDate,
  closeOn: isoDate,
  complete: z.boolean(),
  steps: z.array(
    z.strictObject({
      id: z.enum(PLAN_STEPS),
      clears: z.array(z.enum(CHECK_IDS)),
      items: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
      startOn: isoDate,
      doneBy: isoDate,
      recheckOn: isoDate,
      title: z.string().min(1),
      where: z.string().min(1),
      why: z.string().min(1),
    }),
  ),
});
