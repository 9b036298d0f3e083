// An audit log of many earlier `check` runs, for timing `check` on a log that has grown: `check`
// verifies the whole log before it appends (src/audit/open-audit-log.ts). The first run is a real
// one (the built program on the demo seller); the others repeat its records under new run ids,
// appended through the audit log's own code (src/audit/audit-log.ts, bundled here by esbuild), so
// the chain, the guards and the heads kept outside are as close-account writes them.
// The last run is a real one again, so the log ends as a run of the program leaves it.
// Usage: makeAuditLogFixture({ cli, home, runs }) with env HOME = XDG_DATA_HOME = home.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function makeAuditLogFixture({ cli, home, runs }) {
  const env = { PATH: process.env.PATH, HOME: home, XDG_DATA_HOME: home };
  const first = spawnSync(process.execPath, [cli, 'check'], { env, stdio: 'ignore' });
  if (first.status !== 3) throw new Error(`check on the demo seller exited ${first.status}`);
  // Bundled under node_modules/ so that it finds better-sqlite3 there.
  mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
  const out = mkdtempSync(join(root, 'node_modules', '.cache', 'close-account-fixture-'));
  try {
    const entryPoints = { 'audit-log': 'src/audit/audit-log.ts', 'chain-head': 'src/audit/chain-head.ts' };
    await build({ entryPoints, bundle: true, platform: 'node', format: 'cjs', outdir: out, outExtension: { '.js': '.cjs' }, external: ['better-sqlite3'], logLevel: 'warning', absWorkingDir: root });
    const require = createRequire(import.meta.url);
    const { AuditLog } = require(join(out, 'audit-log.cjs'));
    const { ChainHeadStore } = require(join(out, 'chain-head.cjs'));
    const path = join(home, 'close-account', 'audit.db');
    const log = AuditLog.open(path, () => new Date(), 5000, ChainHeadStore.forLog(path, env, process.platform, home));
    try {
      // A fixture needs no durability: no fsync per record (the log's own setting is FULL).
      log.db.pragma('synchronous = OFF');
      const [template] = log.listRuns(1);
      const records = log.recordsOfRun(template.id);
      for (let run = 1; run < runs; run++) {
        const runId = `${template.id}-${String(run).padStart(5, '0')}`;
        for (const record of records) log.append(record.type, runId, record.body, record.requestId);
      }
    } finally {
      log.close();
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  // The log as a seller has it: last closed by a run of the program, which verified it before
  // appending (the appends above verify nothing) and keeps the file's digest beside the head.
  const last = spawnSync(process.execPath, [cli, 'check'], { env, stdio: 'ignore' });
  if (last.status !== 3) throw new Error(`check on the demo seller exited ${last.status}`);
}
