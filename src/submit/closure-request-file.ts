// The closure-request file (`check --out request.json`, `--dry-run --out`): the checked request and
// the findings it was based on, so that `submit --request-file` can refuse it once the data has
// changed or it has grown old. Not the dated closure plan of the `plan` command (core/closure-plan.ts).

import { writeOutputFile } from '../io/output-file.js';
import { readBoundedText } from '../io/bounded-read.js';
import { z } from 'zod';
import type { CheckId } from '../core/check-result.js';
import type { ClosureRequest } from '../core/closure-request.js';
import { findingsOf, fingerprint, type CheckFinding } from '../core/readiness-fingerprint.js';
import type { Readiness } from '../core/readiness.js';
import { UsageError } from '../errors.js';
import type { Translate } from '../messages/catalogue.js';
import type { DataSourceOptions } from '../adapters/registry.js';
import { DEMO_SCENARIOS } from '../adapters/demo/demo-scenarios.js';
import { ADAPTER_IDS } from '../core/seller-data-source.js';

/** The file's kind, as written since its first version (when it was called a plan). */
export const REQUEST_FILE_KIND = 'close-account.plan';

const requestFileSchema = z.object({
  kind: z.literal(REQUEST_FILE_KIND),
  version: z.literal(1),
  createdAt: z.iso.datetime(),
  source: z.object({
    adapter: z.enum(ADAPTER_IDS),
    demoScenario: z.enum(DEMO_SCENARIOS).nullable(),
    reportsDir: z.string().nullable(),
  }),
  asOf: z.string(),
  verdict: z.string(),
  attested: z.array(z.string()),
  fingerprint: z.string(),
  findings: z.array(z.object({ id: z.string(), status: z.string(), count: z.number().nullable(), items: z.array(z.record(z.string(), z.unknown())), clearsOn: z.string().nullable(), confirmed: z.boolean().nullable() })),
  request: z.object({ id: z.string(), sellerId: z.string() }).passthrough().nullable(),
});

export type ClosureRequestFile = Omit<z.infer<typeof requestFileSchema>, 'request' | 'findings'> & { request: ClosureRequest | null; findings: CheckFinding[] };

export function makeRequestFile(readiness: Readiness, request: ClosureRequest | null, checked: { source: DataSourceOptions; attested: ReadonlySet<CheckId> }, now: Date): ClosureRequestFile {
  const findings = findingsOf(readiness.checks);
  const { source } = checked;
  return {
    kind: REQUEST_FILE_KIND,
    version: 1,
    createdAt: now.toISOString(),
    source: {
      adapter: source.adapter,
      demoScenario: source.adapter === 'demo' ? source.demoScenario : null,
      reportsDir: source.adapter === 'reports' ? source.reportsDir : null,
    },
    asOf: readiness.asOf,
    verdict: readiness.verdict,
    attested: [...checked.attested],
    fingerprint: fingerprint(findings),
    findings,
    request,
  };
}

/** Written to a temporary file and renamed into place: never half a file; a path it cannot write is exit 2, nothing left. */
export async function writeRequestFile(path: string, file: ClosureRequestFile, t: Translate): Promise<void> {
  await writeOutputFile(path, `${JSON.stringify(file, null, 2)}\n`, t);
}

/** A closure-request file is a few kilobytes; anything much bigger is not one (and is not read whole). */
export const REQUEST_FILE_MAX_BYTES = 4 * 1024 * 1024;

export function readRequestFile(path: string, t: Translate): ClosureRequestFile {
  const text = readBoundedText(path, REQUEST_FILE_MAX_BYTES, {
    unreadable: (code) => new UsageError(t('error.request-file-unreadable', { path, code }), t('error.request-file-hint')),
    tooLarge: (cap) => new UsageError(t('error.request-file-too-large', { path, cap }), t('error.request-file-hint')),
  });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(t('error.request-file-invalid', { path, detail: (error as Error).message }), t('error.request-file-hint'));
  }
  const parsed = requestFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(t('error.request-file-invalid', { path, detail: `${issue.path.join('.') || '(plan)'}: ${issue.message}` }), t('error.request-file-hint'));
  }
  return parsed.data as unknown as ClosureRequestFile;
}

export function attestedOf(file: ClosureRequestFile): ReadonlySet<CheckId> {
  return new Set(file.attested as CheckId[]);
}
