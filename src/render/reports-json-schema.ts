// The contract of `reports --json`: which reports to download and (with --reports-dir) which the
// folder has and which files it skipped. A zod schema the tests hold the output to.

import { z } from 'zod';
import { REPORT_KINDS, SKIP_REASONS } from '../adapters/reports/report-kinds.js';
import { JSON_SCHEMA_VERSION } from './json-schema-version.js';

export const reportsJsonSchema = z.strictObject({
  schemaVersion: z.literal(JSON_SCHEMA_VERSION),
  folder: z.string().nullable(),
  reports: z.array(
    z.strictObject({
      kind: z.enum(REPORT_KINDS),
      name: z.string().min(1),
      needed: z.boolean(),
      where: z.string().min(1),
      range: z.string().min(1),
      answers: z.string().min(1),
      files: z.array(z.strictObject({ name: z.string(), ageDays: z.number().int() })),
    }),
  ),
  skipped: z.array(
    z.strictObject({
      name: z.string(),
      reason: z.enum(SKIP_REASONS),
      code: z.string().optional(),
      kinds: z.array(z.enum(REPORT_KINDS)).optional(),
    }),
  ),
});
