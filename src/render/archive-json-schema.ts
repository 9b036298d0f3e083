// The contract of `archive --json` and `archive verify --json`: what the archive holds, its
// coverage per kind with every gap, and (verify) what changed. zod schemas the tests hold the
// output to.

import { z } from 'zod';
import { ARCHIVE_KINDS } from '../core/archive-coverage.js';
import { JSON_SCHEMA_VERSION } from './json-schema-version.js';

const period = z.strictObject({ from: z.string(), to: z.string() });

export const coverageJsonSchema = z.array(
  z.strictObject({
    kind: z.enum(ARCHIVE_KINDS),
    required: period,
    covered: z.array(period),
    gaps: z.array(period),
  }),
);

export const archiveJsonSchema = z.strictObject({
  schemaVersion: z.literal(JSON_SCHEMA_VERSION),
  archive: z.strictObject({
    dir: z.string(),
    manifest: z.string(),
    index: z.string(),
    seller: z.string(),
    source: z.enum(['demo', 'reports', 'sp-api']),
    day: z.string(),
    complete: z.boolean(),
    manifestSha256: z.string().regex(/^[0-9a-f]{64}$/),
    runId: z.string().nullable(),
  }),
  files: z.strictObject({ listed: z.number().int(), fetched: z.number().int(), reused: z.number().int(), empty: z.number().int() }),
  coverage: coverageJsonSchema,
  gaps: z.array(z.strictObject({ kind: z.enum(ARCHIVE_KINDS), from: z.string(), to: z.string() })),
  problems: z.array(z.strictObject({ kind: z.enum(ARCHIVE_KINDS), from: z.string(), to: z.string(), status: z.string(), detail: z.string() })),
  calls: z.record(z.string(), z.number().int()).nullable(),
});
export type ArchiveJson = z.infer<typeof archiveJsonSchema>;

export const archiveVerifyJsonSchema = z.strictObject({
  schemaVersion: z.literal(JSON_SCHEMA_VERSION),
  dir: z.string(),
  /** The seller the manifest names; null for a reports archive made without --seller-id. */
  sellerId: z.string().nullable(),
  status: z.enum(['intact', 'changed']),
  manifestSha256: z.string(),
  manifestRecorded: z.boolean(),
  changed: z.array(z.strictObject({ file: z.string(), problem: z.enum(['missing', 'changed', 'unreadable', 'unlisted', 'not-a-file']) })),
  files: z.number().int(),
  complete: z.boolean(),
  /** The build that wrote it stopped before the end: archive again into the folder to finish it. */
  unfinished: z.boolean(),
  coverage: coverageJsonSchema,
});
export type ArchiveVerifyJson = z.infer<typeof archiveVerifyJsonSchema>;
