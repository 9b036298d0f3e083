#!/usr/bin/env node
// The SP-API archive against the fake SP-API on a virtual clock (no real waiting): how many
// createReport calls it makes and how long it takes in Amazon's time, beside the floor the
// documented rates allow for those calls (createReport: 15 at once, then 0.0167 a second), in one
// run, for a few report production delays. Real time per run is printed too, as a ratio only.
// Usage: node bench/archive.mjs [--delays 0,90,600]   (esbuild bundles the TypeScript it needs)

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const delays = (args[args.indexOf('--delays') + 1] && args.includes('--delays') ? args[args.indexOf('--delays') + 1] : '0,90,600').split(',').map(Number);

const work = mkdtempSync(join(tmpdir(), 'bench-archive-'));
try {
  // Inside the project, so the bundle's bare imports (zod, better-sqlite3) resolve from its node_modules.
  mkdirSync(join(root, 'bench', '.data'), { recursive: true });
  const bundle = join(root, 'bench', '.data', `archive-bench-${process.pid}.mjs`);
  await build({
    stdin: {
      contents: `
        export { virtualClock } from './src/adapters/sp-api/clock.ts';
        export { spApiSettings } from './src/adapters/sp-api/sp-api-settings.ts';
        export { RateLimiter } from './src/adapters/sp-api/rate-limiter.ts';
        export { ArchiveFolder } from './src/archive/archive-folder.ts';
        export { buildArchive } from './src/archive/build-archive.ts';
        export { createSpApiArchive } from './src/archive/sp-api-archive.ts';
        export { requiredCoverage } from './src/core/archive-coverage.ts';
        export { translator } from './src/messages/catalogue.ts';
        export { startFakeSpApi, NO_FAULTS } from './test/helpers/fake-sp-api.ts';
      `,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: bundle,
    packages: 'external',
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'error',
  });
  const m = await import(pathToFileURL(bundle).href);
  rmSync(bundle, { force: true });
  const t = m.translator();
  const NOW = Date.parse('2026-11-26T12:00:00Z');
  const DAY = '2026-11-26';
  const rows = [];
  for (const delaySeconds of delays) {
    const clock = m.virtualClock(NOW);
    const fake = await m.startFakeSpApi('blocked', { ...m.NO_FAULTS, reportDelayMs: delaySeconds * 1000 }, { now: clock.now });
    const dir = mkdtempSync(join(work, 'archive-'));
    const realStart = process.hrtime.bigint();
    const archive = await m.createSpApiArchive({ settings: m.spApiSettings(fake.env, null, t, () => {}), t, clock, userAgent: 'bench', poll: { firstMs: 500, maxMs: 30_000, deadlineMs: 20 * 60_000 } });
    const result = await m.buildArchive(new m.ArchiveFolder(dir, t), archive.source, { day: DAY, required: m.requiredCoverage(DAY, archive.source.regions), now: clock.now });
    await archive.close();
    const realMs = Number(process.hrtime.bigint() - realStart) / 1e6;
    const counts = archive.client.countByOperation();
    const created = fake.reports().length;
    const floorMs = m.RateLimiter.floorMs(new Map([['createReport', created]]));
    const wallMs = clock.now() - NOW;
    rows.push({ delaySeconds, created, calls: counts.get('createReport') ?? 0, files: result.manifest.files.length, gaps: result.gaps.length, wallMs, floorMs, realMs });
    await fake.close();
  }
  const minutes = (ms) => (ms / 60_000).toFixed(1);
  console.log('report delay | reports created | createReport calls | manifest entries | gaps | wall (virtual) | floor (rates) | wall/floor | real time (relative)');
  const fastest = Math.min(...rows.map((r) => r.realMs));
  for (const r of rows) {
    console.log(`${String(r.delaySeconds).padStart(9)} s | ${String(r.created).padStart(15)} | ${String(r.calls).padStart(18)} | ${String(r.files).padStart(16)} | ${String(r.gaps).padStart(4)} | ${minutes(r.wallMs).padStart(10)} min | ${minutes(r.floorMs).padStart(9)} min | ${(r.wallMs / r.floorMs).toFixed(3).padStart(10)} | ${(r.realMs / fastest).toFixed(2)}×`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
