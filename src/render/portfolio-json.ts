// The JSON document of `portfolio check --json`; its contract is portfolio-json-schema.ts.

import type { Translate } from '../messages/catalogue.js';
import type { PortfolioCheck } from '../portfolio/check-accounts.js';
import { JSON_SCHEMA_VERSION } from './json-schema-version.js';

export function portfolioJson(result: PortfolioCheck, t: Translate, generatedAt: Date) {
  const failed = result.accounts.filter((a) => a.error).length;
  const ready = result.accounts.filter((a) => a.readiness?.verdict === 'ready').length;
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    kind: 'portfolio-check' as const,
    generatedAt: generatedAt.toISOString(),
    accountsFile: result.accountsFile,
    asOf: result.asOf,
    exitCode: result.exitCode,
    summary: { accounts: result.accounts.length, ready, notReady: result.accounts.length - ready - failed, failed },
    accounts: result.accounts.map((a) => ({
      name: a.account.name,
      sellerId: a.account.sellerId,
      region: a.account.region,
      source: a.account.source.kind,
      protected: a.account.protected,
      demo: a.readiness?.isDemo ?? a.account.source.kind === 'demo',
      status: a.error ? ('failed' as const) : ('checked' as const),
      verdict: a.readiness?.verdict ?? null,
      earliestCloseDate: a.readiness?.earliestCloseDate ?? null,
      blockers: a.blockers,
      firstBlocker: a.blockers[0] ? { id: a.blockers[0], title: t(`check.${a.blockers[0]}.title`), summary: a.readiness!.checks.find((c) => c.id === a.blockers[0])!.summary } : null,
      checks: a.readiness?.checks.map((c) => ({ id: c.id, status: c.status, summary: c.summary, clearsOn: c.clearsOn ?? null })) ?? [],
      changes: a.changes,
      error: a.error,
      warnings: a.warnings,
      runId: a.runId,
    })),
    regions: result.regions.map((s) => ({ sellerId: s.sellerId, independent: true as const, requests: s.requests })),
  };
}
