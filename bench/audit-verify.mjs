#!/usr/bin/env node
// `close-account audit verify` over a 100,000-record audit log, side by side in one run with
// `node -e 0` and with a plain read of every record (the floor: no hashing). Records are shaped
// like real ones: one in ten a readiness record with thirteen check results.
// Usage: node bench/audit-verify.mjs [records] [rounds]   (npm run build first)

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RECORDS = Number(process.argv[2] ?? 100_000);
const ROUNDS = Number(process.argv[3] ?? 5);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.cjs');
const data = join(root, 'bench', '.data');
const db = join(data, `audit-${RECORDS}.db`);
if (!existsSync(cli)) throw new Error('dist/cli.cjs is missing: run npm run build first');
mkdirSync(data, { recursive: true });

if (!existsSync(db)) {
  // Built through the tool's own schema and hashing, in one transaction for speed.
  const { default: Database } = await import('better-sqlite3');
  // dist/ is one bundle now: the tool's own audit modules are bundled here for the bench.
  const { build } = await import('esbuild');
  const lib = join(data, 'lib');
  await build({ entryPoints: ['audit-log', 'canonical-json', 'record-chain'].map((m) => join(root, 'src', 'audit', `${m}.ts`)), bundle: true, format: 'esm', platform: 'node', outdir: lib, outExtension: { '.js': '.mjs' }, external: ['better-sqlite3'], logLevel: 'error' });
  const { AuditLog } = await import(join(lib, 'audit-log.mjs'));
  const { canonicalJson } = await import(join(lib, 'canonical-json.mjs'));
  const { recordHash, GENESIS_HASH } = await import(join(lib, 'record-chain.mjs'));
  AuditLog.open(db).close();
  const raw = new Database(db);
  const insert = raw.prepare('INSERT INTO records (seq, at, run_id, type, request_id, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const check = (i) => ({ id: `check-${i}`, status: 'pass', summary: 'No open orders (312,328 orders read since 2026-07-29).', count: 0, items: [], remediation: null, clearsOn: null, confirmed: null });
  let prev = GENESIS_HASH;
  raw.transaction(() => {
    for (let seq = 1; seq <= RECORDS; seq++) {
      const runId = `run-${Math.floor(seq / 10)}`;
      const type = seq % 10 === 2 ? 'readiness' : seq % 10 === 1 ? 'run-started' : 'warning';
      const body =
        type === 'readiness'
          ? { asOf: '2026-11-26', verdict: 'blocked', earliestCloseDate: '2027-02-18', checks: Array.from({ length: 13 }, (_, i) => check(i)), confirmations: [] }
          : type === 'run-started'
            ? { command: 'check', adapter: 'demo', demo: true, asOf: '2026-11-26', process: { pid: 1, host: 'bench' } }
            : { message: `warning ${seq}` };
      const content = { seq, at: new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString(), runId, type, requestId: null, body: canonicalJson(body) };
      const hash = recordHash(prev, content);
      insert.run(seq, content.at, runId, type, null, content.body, prev, hash);
      prev = hash;
    }
  })();
  raw.close();
}

const plainRead = join(data, 'plain-read.mjs');
writeFileSync(plainRead, `import Database from '${join(root, 'node_modules', 'better-sqlite3', 'lib', 'index.js')}';\nconst db = new Database(process.argv[2], { readonly: true });\nlet n = 0; for (const row of db.prepare('SELECT * FROM records ORDER BY rowid').iterate()) n += row.body.length;\nconsole.log(n);\n`);

const env = { ...process.env, HOME: data, XDG_DATA_HOME: data };
const commands = {
  'node -e 0': [process.execPath, ['-e', '0']],
  'plain read of every record': [process.execPath, [plainRead, db]],
  'close-account audit verify': [process.execPath, [cli, 'audit', 'verify', '--audit-db', db]],
};
const samples = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, [command, args]] of Object.entries(commands)) {
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, { env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${name}: exit ${result.status}\n${result.stderr}`);
    samples[name].push(Number(process.hrtime.bigint() - start) / 1e6);
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const base = median(samples['node -e 0']);
console.log(`audit verify over ${RECORDS.toLocaleString()} records, ${ROUNDS} interleaved rounds, medians (Node ${process.version})`);
for (const [name, values] of Object.entries(samples)) {
  const m = median(values);
  console.log(`  ${name.padEnd(30)} ${(m / 1000).toFixed(3).padStart(7)} s   ${(m / base).toFixed(1).padStart(6)}× node -e 0`);
}
if (process.argv.includes('--clean')) rmSync(db);
