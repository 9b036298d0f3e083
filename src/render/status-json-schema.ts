// The contracts of `status --json` and `status --record STATE --json`, as zod schemas the tests
// hold the output to. Kept apart from the command so that a run never loads zod to print JSON.

import { z } from 'zod';
import { REQUEST_STATES } from '../audit/request-states.js';
import { CLOSURE_REASONS, CLOSURE_REGIONS } from '../core/closure-request.js';
import { isoDate } from './json-schema.js';
import { JSON_SCHEMA_VERSION } from './json-schema-version.js';

const timestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}T/);

export const closureRequestJsonSchema = z.strictObject({
  id: z.string().regex(/^CR-[0-9A-F]{16}$/),
  sellerId: z.string(),
  region: z.enum(CLOSURE_REGIONS),
  marketplaces: z.array(z.string()),
  reason: z.enum(CLOSURE_REASONS),
  reasonText: z.string(),
  email: z.string(),
  phone: z.string(),
  basedOn: z.strictObject({ asOf: isoDate, verdict: z.string() }),
});

export const requestHistoryJsonSchema = z.strictObject({
  request: closureRequestJsonSchema,
  createdAt: timestamp,
  state: z.enum(REQUEST_STATES),
  submission: z
    .strictObject({ requestId: z.string(), runId: z.string(), submitter: z.string(), reference: z.string(), submittedAt: timestamp, receipt: z.unknown() })
    .nullable(),
  statuses: z.array(z.strictObject({ at: timestamp, state: z.enum(REQUEST_STATES), reason: z.string().nullable(), matchedCheck: z.string().nullable() })),
  interruptedSubmission: z.strictObject({ at: timestamp, submitter: z.string(), runId: z.string() }).nullable(),
});

export const statusJsonSchema = z.strictObject({
  schemaVersion: z.literal(JSON_SCHEMA_VERSION),
  requests: z.array(requestHistoryJsonSchema),
  audit: z.strictObject({ database: z.string() }),
});

export const statusRecordJsonSchema = z.strictObject({
  schemaVersion: z.literal(JSON_SCHEMA_VERSION),
  request: requestHistoryJsonSchema,
});
