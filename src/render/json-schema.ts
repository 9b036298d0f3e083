// The JSON contract scripts rely on, as a zod schema: the tests validate every document against
// it. Kept apart from the document builder so that a run never loads zod just to print JSON.

import { z } from 'zod';
import { CHECK_BASES, CHECK_IDS, CHECK_STATUSES } from '../core/check-result.js';
import { CLOSURE_REASONS, CLOSURE_REGIONS } from '../core/closure-request.js';
import { VERDICTS } from '../core/verdict.js';
import { JSON_SCHEMA_VERSION } from './json-schema-version.js';
import { ADAPTER_IDS } from '../core/seller-data-source.js';
import { SUBMITTER_IDS } from '../submit/submitter.js';


export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const checkJsonSchema = z.strictObject({
  id: z.enum(CHECK_IDS),
  status: z.enum(CHECK_STATUSES),
  summary: z.string().min(1),
  count: z.number().int().nonnegative().nullable(),
  items: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  remediation: z.string().nullable(),
  clearsOn: isoDate.nullable(),
  confirmed: z.boolean().nullable(),
  /** What the result rests on: data, the seller's word (a confirmation), both, or nothing yet. */
  basis: z.enum(CHECK_BASES),
  /** last-sale-window: the later day buyers can still file an A-to-z claim (latest estimated delivery + 90). */
  claimableUntil: isoDate.optional(),
  evidence: z
    .strictObject({
      files: z.array(
        z.strictObject({
          file: z.string(),
          kind: z.string(),
          rows: z.number().int().nonnegative(),
          from: isoDate.nullable(),
          to: isoDate,
          ageDays: z.number().int().nonnegative(),
        }),
      ),
    })
    .optional(),
});

export const requestJsonSchema = z.strictObject({
  complete: z.boolean(),
  id: z.string().regex(/^CR-[0-9A-F]{16}$/).nullable(),
  sellerId: z.string().nullable(),
  region: z.enum(CLOSURE_REGIONS).nullable(),
  marketplaces: z.array(z.string()),
  reason: z.enum(CLOSURE_REASONS).nullable(),
  reasonText: z.string(),
  email: z.string().nullable(),
  phone: z.string(),
  problems: z.array(z.strictObject({ field: z.string(), message: z.string() })),
});

export const submissionJsonSchema = z.strictObject({
  requestId: z.string(),
  submitter: z.enum(SUBMITTER_IDS),
  reference: z.string(),
  submittedAt: z.string(),
  alreadySubmitted: z.boolean(),
});

export const readinessJsonSchema = z.strictObject({
  schemaVersion: z.literal(JSON_SCHEMA_VERSION),
  adapter: z.enum(ADAPTER_IDS),
  demo: z.boolean(),
  asOf: isoDate,
  verdict: z.enum(VERDICTS),
  earliestCloseDate: isoDate.nullable(),
  checks: z.array(checkJsonSchema),
  request: requestJsonSchema.nullable(),
  submission: submissionJsonSchema.nullable(),
  /** Warnings about the data (files skipped, reports out of date), in the order they came. */
  warnings: z.array(z.string()),
  audit: z.strictObject({ runId: z.string().nullable(), database: z.string().nullable() }),
});

export type ReadinessJson = z.infer<typeof readinessJsonSchema>;
export type SubmissionJson = z.infer<typeof submissionJsonSchema>;


/** The one document of any --json command that failed. */
export const errorJsonSchema = z.strictObject({
  schemaVersion: z.literal(JSON_SCHEMA_VERSION),
  error: z.strictObject({
    code: z.enum(['usage', 'not-ready', 'data-source', 'interrupted', 'internal', 'audit-write', 'audit-busy', 'audit-damaged', 'audit-missing', 'audit-lost', 'archive-busy']),
    message: z.string().min(1),
    exitCode: z.number().int().positive(),
  }),
});
