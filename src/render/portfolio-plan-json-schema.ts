// The contract of `portfolio plan --json`; the builder is portfolioPlanJson in portfolio-plan.ts.

import { z } from 'zod';
import { CHECK_IDS } from '../core/check-result.js';
import { PLAN_STEPS } from '../core/closure-plan.js';
import { VERDICTS } from '../core/verdict.js';
import { isoDate } from './json-schema.js';
import { JSON_SCHEMA_VERSION } from './json-schema-version.js';

const REGIONS = ['north-america', 'europe', 'japan', 'australia'] as const;

export const portfolioPlanJsonSchema = z.strictObject({
  schemaVersion: z.literal(JSON_SCHEMA_VERSION),
  kind: z.literal('portfolio-plan'),
  asOf: isoDate,
  lastCloseOn: isoDate.nullable(),
  accounts: z.array(
    z.strictObject({
      name: z.string().min(1),
      sellerId: z.string().min(1),
      region: z.enum(REGIONS),
      protected: z.boolean(),
      /** The embedded sample seller, not a real account. */
      demo: z.boolean(),
      /** A protected account: why its plan has no submit step. */
      noSubmit: z.string().min(1).nullable(),
      status: z.enum(['checked', 'failed']),
      verdict: z.enum(VERDICTS).nullable(),
      closeOn: isoDate.nullable(),
      complete: z.boolean(),
      error: z.strictObject({ code: z.enum(['usage', 'data-source', 'internal']), message: z.string().min(1), hint: z.string().nullable() }).nullable(),
    }),
  ),
  steps: z.array(
    z.strictObject({
      account: z.string().min(1),
      sellerId: z.string().min(1),
      region: z.enum(REGIONS),
      demo: z.boolean(),
      id: z.enum(PLAN_STEPS),
      clears: z.array(z.enum(CHECK_IDS)),
      startOn: isoDate,
      doneBy: isoDate,
      recheckOn: isoDate,
      title: z.string().min(1),
    }),
  ),
});
