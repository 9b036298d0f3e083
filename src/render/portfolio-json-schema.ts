// The contract of `portfolio check --json`: one document for every account, so that documents of
// several hosts (the accounts file split across a job runner) can be merged
// (scripts/merge-portfolio.mjs). The builder is portfolio-json.ts.

import { z } from 'zod';
import { CHECK_IDS, CHECK_STATUSES } from '../core/check-result.js';
import { CLOSURE_REGIONS } from '../core/closure-request.js';
import { VERDICTS } from '../core/verdict.js';
import { isoDate } from './json-schema.js';
import { JSON_SCHEMA_VERSION } from './json-schema-version.js';

const ACCOUNT_REGIONS = ['north-america', 'europe', 'japan', 'australia'] as const;

export const portfolioJsonSchema = z.strictObject({
  schemaVersion: z.literal(JSON_SCHEMA_VERSION),
  kind: z.literal('portfolio-check'),
  generatedAt: z.string().datetime(),
  accountsFile: z.string(),
  asOf: isoDate,
  exitCode: z.union([z.literal(0), z.literal(3), z.literal(4)]),
  summary: z.strictObject({
    accounts: z.number().int().nonnegative(),
    ready: z.number().int().nonnegative(),
    notReady: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
  }),
  accounts: z.array(
    z.strictObject({
      name: z.string().min(1),
      sellerId: z.string().min(1),
      region: z.enum(ACCOUNT_REGIONS),
      source: z.enum(['demo', 'reports', 'sp-api']),
      protected: z.boolean(),
      demo: z.boolean(),
      status: z.enum(['checked', 'failed']),
      verdict: z.enum(VERDICTS).nullable(),
      earliestCloseDate: isoDate.nullable(),
      blockers: z.array(z.enum(CHECK_IDS)),
      firstBlocker: z.strictObject({ id: z.enum(CHECK_IDS), title: z.string().min(1), summary: z.string().min(1) }).nullable(),
      checks: z.array(z.strictObject({ id: z.enum(CHECK_IDS), status: z.enum(CHECK_STATUSES), summary: z.string(), clearsOn: isoDate.nullable() })),
      /** Null on a dry run (nothing compared); previous null on an account's first run. */
      changes: z
        .strictObject({
          previous: z.strictObject({ runId: z.string(), at: z.string(), verdict: z.enum(VERDICTS) }).nullable(),
          verdictChanged: z.boolean(),
          cleared: z.array(z.enum(CHECK_IDS)),
          added: z.array(z.enum(CHECK_IDS)),
        })
        .nullable(),
      error: z.strictObject({ code: z.enum(['usage', 'data-source', 'internal']), message: z.string().min(1), hint: z.string().nullable() }).nullable(),
      warnings: z.array(z.string()),
      runId: z.string().nullable(),
    }),
  ),
  regions: z.array(
    z.strictObject({
      sellerId: z.string(),
      /** Each region's request stands alone: closing one leaves the others open. */
      independent: z.literal(true),
      requests: z.array(
        z.strictObject({
          region: z.enum(CLOSURE_REGIONS),
          accounts: z.array(z.string()),
          marketplaces: z.array(z.string()),
          fromData: z.boolean(),
          listed: z.boolean(),
        }),
      ),
    }),
  ),
});

export type PortfolioJson = z.infer<typeof portfolioJsonSchema>;
