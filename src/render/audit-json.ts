// The JSON documents of `audit list`, `audit show` and `audit verify`: the views of the audit log
// scripts read. Their contract is the zod schema in audit-json-schema.ts; field names are camelCase
// (the runs table's columns are snake_case; the document does not expose storage names).

import type { AuditLog, RunSummary } from '../audit/audit-log.js';
import type { ChainVerdict } from '../audit/record-chain.js';
import { JSON_SCHEMA_VERSION } from './json-schema-version.js';

export function runJson(run: RunSummary) {
  return {
    id: run.id,
    startedAt: run.started_at,
    endedAt: run.ended_at,
    command: run.command,
    adapter: run.adapter,
    demo: run.demo,
    demoScenario: run.demo_scenario,
    asOf: run.as_of,
    outcome: run.outcome,
    verdict: run.verdict,
    earliestCloseDate: run.earliest_close_date,
    exitCode: run.exit_code,
    submissionReference: run.submission_reference,
  };
}

/** Whether the log verifies, as list and show say it beside what they read. */
export interface ChainJson {
  intact: boolean;
  problem: ChainVerdict['problem'];
}

export function auditListJson(database: string, log: { runs: RunSummary[]; total: number; head: { seq: number; hash: string }; chain: ChainJson } | null) {
  const runs = log?.runs ?? [];
  const total = log?.total ?? 0;
  // No log yet: nothing recorded, nothing broken.
  const chain = log?.chain ?? { intact: true, problem: null };
  return { schemaVersion: JSON_SCHEMA_VERSION, runs: runs.map(runJson), total, more: total - runs.length, head: log?.head ?? null, audit: { database, exists: log !== null }, chain };
}

export function auditShowJson(run: RunSummary, records: ReturnType<AuditLog['recordsOfRun']>, chain: ChainJson) {
  return { schemaVersion: JSON_SCHEMA_VERSION, run: runJson(run), records, chain };
}

/** No log yet is intact and empty: nothing has been recorded. */
export function auditVerifyJson(database: string, verdict: ChainVerdict | null) {
  return { schemaVersion: JSON_SCHEMA_VERSION, database, exists: verdict !== null, intact: verdict?.intact ?? true, records: verdict?.records ?? 0, head: verdict?.head ?? null, problem: verdict?.problem ?? null };
}
