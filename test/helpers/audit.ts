// Reads an audit log back for assertions, through the same class the tool uses.

import { AuditLog, type RunSummary } from '../../src/audit/audit-log.js';

export interface AuditSnapshot {
  runs: RunSummary[];
  types: string[];
  submissions: number;
  confirmations: { checkId: string; how: string }[];
  requests: ReturnType<AuditLog['requests']>;
  intact: boolean;
}

export function readAudit(path: string): AuditSnapshot {
  const log = AuditLog.open(path);
  try {
    const records = [...log.allRecords()];
    const confirmations = records
      .filter((r) => r.type === 'readiness')
      .flatMap((r) => (r.body as { confirmations: { checkId: string; how: string }[] }).confirmations);
    return {
      runs: log.listRuns(),
      types: records.map((r) => r.type),
      submissions: records.filter((r) => r.type === 'submission').length,
      confirmations: confirmations.sort((a, b) => a.checkId.localeCompare(b.checkId)),
      requests: log.requests(),
      intact: log.verify().intact,
    };
  } finally {
    log.close();
  }
}
