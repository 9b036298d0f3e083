// The contracts of `audit list --json`, `audit show --json`, `audit verify --json` and
// `audit export --format json` (the dossier), as zod schemas the tests hold the output to.
// Kept apart from the builders so that a run never loads zod just to print JSON.

import { z } from 'zod';
import { CHECK_IDS, CHECK_STATUSES } from '../core/check-result.js';
import { VERDICTS } from '../core/verdict.js';
import { checkJsonSchema, isoDate } from './json-schema.js';
import { JSON_SCHEMA_VERSION } from './json-schema-version.js';
import { requestHistoryJsonSchema } from './status-json-schema.js';

const timestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}T/);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const runJsonSchema = z.strictObject({
  id: z.string().regex(/^run-/),
  startedAt: timestamp,
  endedAt: timestamp.nullable(),
  command: z.string(),
  adapter: z.string(),
  demo: z.boolean(),
  demoScenario: z.string().nullable(),
  asOf: isoDate,
  outcome: z.enum(['completed', 'failed', 'interrupted', 'running', 'abandoned']),
  verdict: z.enum(VERDICTS).nullable(),
  earliestCloseDate: isoDate.nullable(),
  exitCode: z.number().int().nullable(),
  submissionReference: z.string().nullable(),
});

const chainProblemJsonSchema = z.strictObject({
  kind: z.enum(['edited', 'missing', 'reordered', 'broken-link', 'guards-removed', 'guard-changed', 'unexpected-guard', 'not-json', 'truncated', 'rewritten', 'damaged']),
  seq: z.number().int().nonnegative(),
  guard: z.string().optional(),
  headPath: z.string().optional(),
  detail: z.string().optional(),
});

/** Whether the log verifies: list and show say it too, so an exit 0 never passes a broken log as the whole story. */
const chainJsonSchema = z.strictObject({ intact: z.boolean(), problem: chainProblemJsonSchema.nullable() });

const headJsonSchema = z.strictObject({ seq: z.number().int().nonnegative(), hash: z.string() });

export const auditListJsonSchema = z.strictObject({
  schemaVersion: z.literal(JSON_SCHEMA_VERSION),
  runs: z.array(runJsonSchema),
  total: z.number().int().nonnegative(),
  more: z.number().int().nonnegative(),
  head: headJsonSchema.nullable(),
  audit: z.strictObject({ database: z.string(), exists: z.boolean() }),
  chain: chainJsonSchema,
});

export const auditRecordJsonSchema = z.strictObject({
  seq: z.number().int().positive(),
  at: timestamp,
  type: z.string(),
  requestId: z.string().nullable(),
  body: z.unknown(),
  hash: sha256,
});

export const auditShowJsonSchema = z.strictObject({
  schemaVersion: z.literal(JSON_SCHEMA_VERSION),
  run: runJsonSchema,
  records: z.array(auditRecordJsonSchema),
  chain: chainJsonSchema,
});

export const auditVerifyJsonSchema = z.strictObject({
  schemaVersion: z.literal(JSON_SCHEMA_VERSION),
  database: z.string(),
  exists: z.boolean(),
  intact: z.boolean(),
  records: z.number().int().nonnegative(),
  head: z.string().nullable(),
  problem: chainProblemJsonSchema.nullable(),
});

/** `audit export --format json` (or `audit export --json`): the closure dossier. */
export const dossierJsonSchema = z.strictObject({
  schemaVersion: z.literal(1),
  /** audit export --seller ID: the seller the dossier is limited to. */
  seller: z.string().optional(),
  generatedAt: timestamp,
  database: z.string(),
  chain: z.strictObject({ intact: z.boolean(), records: z.number().int().nonnegative(), head: z.string(), problem: chainProblemJsonSchema.nullable() }),
  /** The evidence or the submission is the embedded sample seller's (added 2026-12-03; not a change of meaning). */
  demo: z.boolean(),
  request: requestHistoryJsonSchema.nullable(),
  evidence: z
    .strictObject({
      runId: z.string(),
      at: timestamp,
      asOf: isoDate,
      verdict: z.enum(VERDICTS),
      earliestCloseDate: isoDate.nullable(),
      checks: z.array(checkJsonSchema.extend({ id: z.enum(CHECK_IDS), status: z.enum(CHECK_STATUSES) })),
      confirmations: z.array(z.strictObject({ checkId: z.string(), how: z.string() })),
    })
    .nullable(),
  timeline: z.array(
    z.strictObject({ seq: z.number().int().positive(), at: timestamp, runId: z.string().nullable(), type: z.string(), requestId: z.string().nullable(), detail: z.string(), hash: sha256 }),
  ),
});
