// manifest.json: what an archive holds, file by file (kind, marketplaces, period, rows, bytes,
// SHA-256, where it came from), what it was asked to cover, and what could not be fetched. It is
// read back only through this schema: a manifest that does not parse is an input error.

import { z } from 'zod';
import { ARCHIVE_KINDS } from '../core/archive-coverage.js';
import { isIsoDate } from '../core/dates.js';

export const MANIFEST_SCHEMA_VERSION = 1;
export const MANIFEST_NAME = 'manifest.json';
/** The page beside the manifest, made from it (so not listed in it). */
export const INDEX_NAME = 'index.html';
/** The entries listed since manifest.json was last written, one JSON line each, while a build runs (build-archive.ts). */
export const JOURNAL_NAME = '.manifest.journal';
/** Held by the build writing the folder (its pid and host, JSON): a second build at once is refused (archive-folder.ts). */
export const LOCK_NAME = '.archive.lock';

const isoDate = z.string().refine(isIsoDate, 'a date YYYY-MM-DD');
const period = z.strictObject({ from: isoDate, to: isoDate }).refine((p) => p.from <= p.to, 'from is after to');
/**
 * A file's name inside the archive folder: one plain name, never a path that leaves it, and never
 * the manifest's or its page's (index.html is made from the manifest, so it cannot be listed in it:
 * a file listed as index.html was overwritten by the page, and the archive failed its own verify).
 */
export const fileNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,200}$/, 'a plain file name')
  .refine((name) => ![MANIFEST_NAME, INDEX_NAME].includes(name.toLowerCase()), 'not the name of the manifest or its page');

/** `name` made distinct with the start of a digest, before its extension (still a plain name of at most 200 characters). */
export function nameWithDigest(name: string, digest: string): string {
  const extension = /\.[A-Za-z0-9]{1,10}$/.exec(name)?.[0] ?? '';
  return `${name.slice(0, name.length - extension.length).slice(0, 160)}_${digest.slice(0, 16)}${extension}`;
}

export const originSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('report'), reportType: z.string(), reportId: z.string() }),
  z.strictObject({ type: z.literal('api'), operation: z.string() }),
  z.strictObject({ type: z.literal('file'), sourceFile: z.string() }),
  z.strictObject({ type: z.literal('demo'), reportType: z.string() }),
]);
export type Origin = z.infer<typeof originSchema>;

export const manifestFileSchema = z.strictObject({
  /** null: Amazon had no data for the period (a report cancelled for lack of data); nothing to keep. */
  file: fileNameSchema.nullable(),
  kind: z.enum(ARCHIVE_KINDS),
  marketplaces: z.array(z.string()),
  period,
  rows: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  origin: originSchema,
  /** What the unit of work was: resuming skips a unit already fetched and verified. */
  unit: z.string(),
});
export type ManifestFile = z.infer<typeof manifestFileSchema>;

export const manifestProblemSchema = z.strictObject({
  unit: z.string(),
  kind: z.enum(ARCHIVE_KINDS),
  period,
  status: z.enum(['FATAL', 'SLOW', 'FORBIDDEN', 'DOWNLOAD_FAILED', 'UNAVAILABLE']),
  detail: z.string(),
});
export type ManifestProblem = z.infer<typeof manifestProblemSchema>;

export const manifestSchema = z.strictObject({
  schemaVersion: z.literal(MANIFEST_SCHEMA_VERSION),
  tool: z.literal('close-account'),
  seller: z.strictObject({ id: z.string(), regions: z.array(z.string()) }),
  source: z.enum(['demo', 'reports', 'sp-api']),
  /** The day the archive is as of: the required periods end here. */
  day: isoDate,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Every planned unit was fetched (or answered as empty, or failed for good). */
  complete: z.boolean(),
  required: z.array(z.strictObject({ kind: z.enum(ARCHIVE_KINDS), period, snapshot: z.boolean() })),
  files: z.array(manifestFileSchema),
  problems: z.array(manifestProblemSchema),
});
export type Manifest = z.infer<typeof manifestSchema>;
