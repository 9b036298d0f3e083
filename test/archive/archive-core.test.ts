// The archive's core: coverage and gaps (by property), the manifest written whole whatever fails,
// verification naming what changed, and a resumed build fetching only what is missing.

import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { demoSeller } from '../../src/adapters/demo/demo-seller.js';
import { ArchiveFolder, REAL_WRITES, type WriteCalls } from '../../src/archive/archive-folder.js';
import { buildArchive, type ArchiveSource, type ArchiveUnit } from '../../src/archive/build-archive.js';
import { demoArchiveSource } from '../../src/archive/demo-archive.js';
import { JOURNAL_NAME, MANIFEST_NAME, manifestSchema, type ManifestFile } from '../../src/archive/manifest.js';
import { manifestHash, verifyArchive } from '../../src/archive/verify-archive.js';
import { coverageOf, gapsIn, mergePeriods, requiredCoverage, windowsOf, type Period } from '../../src/core/archive-coverage.js';
import { addDays, daysBetween } from '../../src/core/dates.js';
import { CliError, EXIT } from '../../src/errors.js';
import { translator } from '../../src/messages/catalogue.js';

const t = translator();
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ca-archive-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const BASE = '2025-01-01';
const periodArb = fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 60 })).map(([start, length]): Period => ({ from: addDays(BASE, start), to: addDays(BASE, start + length) }));
const daysIn = (periods: readonly Period[]) => {
  const days = new Set<string>();
  for (const p of periods) for (let d = p.from; d <= p.to; d = addDays(d, 1)) days.add(d);
  return days;
};

describe('coverage and gaps', () => {
  it('covered and gaps partition the required period exactly, day by day', () => {
    fc.assert(
      fc.property(periodArb, fc.array(periodArb, { maxLength: 12 }), (required, files) => {
        const [coverage] = coverageOf([{ kind: 'all-orders', period: required, snapshot: false }], files.map((period) => ({ kind: 'all-orders' as const, period })));
        const want = daysIn([required]);
        const fileDays = daysIn(files);
        const covered = daysIn(coverage!.covered);
        const gaps = daysIn(coverage!.gaps);
        for (const day of want) expect(covered.has(day) !== gaps.has(day)).toBe(true);
        for (const day of covered) expect(fileDays.has(day) && want.has(day)).toBe(true);
        for (const day of gaps) expect(fileDays.has(day)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('removing a file can only add gaps; adding one can only remove them (never the other way)', () => {
    fc.assert(
      fc.property(periodArb, fc.array(periodArb, { minLength: 1, maxLength: 8 }), (required, files) => {
        const gapDays = (list: Period[]) => daysIn(coverageOf([{ kind: 'returns', period: required, snapshot: false }], list.map((period) => ({ kind: 'returns' as const, period })))[0]!.gaps);
        const all = gapDays(files);
        const fewer = gapDays(files.slice(1));
        expect([...all].filter((day) => !fewer.has(day))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('files of another kind cover nothing; a snapshot needs one taken on its day or later', () => {
    const required = requiredCoverage('2026-11-26', ['north-america']);
    expect(required.map((r) => r.kind)).not.toContain('vat-transactions');
    expect(requiredCoverage('2026-11-26', ['europe']).map((r) => r.kind)).toContain('vat-transactions');
    const coverage = coverageOf(required, [
      { kind: 'returns', period: { from: '2020-01-01', to: '2026-11-26' } },
      { kind: 'seller-performance', period: { from: '2026-11-25', to: '2026-11-25' } },
    ]);
    expect(coverage.find((c) => c.kind === 'all-orders')!.gaps).toEqual([{ from: '2024-11-26', to: '2026-11-26' }]);
    expect(coverage.find((c) => c.kind === 'returns')!.gaps).toEqual([]);
    expect(coverage.find((c) => c.kind === 'seller-performance')!.gaps).toHaveLength(1);
  });

  it('windows cut a period into consecutive pieces no longer than allowed, ends included', () => {
    fc.assert(
      fc.property(periodArb, fc.integer({ min: 1, max: 90 }), (period, size) => {
        const windows = windowsOf(period, size);
        expect(windows[0]!.from).toBe(period.from);
        expect(windows.at(-1)!.to).toBe(period.to);
        windows.forEach((w, i) => {
          expect(daysBetween(w.from, w.to) + 1).toBeLessThanOrEqual(size);
          if (i > 0) expect(daysBetween(windows[i - 1]!.to, w.from)).toBe(1);
        });
        expect(mergePeriods(windows)).toEqual([period]);
        expect(gapsIn(period, mergePeriods(windows))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

const DAY = '2026-11-26';
const required = requiredCoverage(DAY, ['north-america']);
const build = (dir: string, source: ArchiveSource, writes?: WriteCalls) => buildArchive(new ArchiveFolder(dir, t, writes), source, { day: DAY, required, now: () => Date.parse(`${DAY}T12:00:00Z`) });

/** What the folder lists so far, not yet checked: the manifest's entries, then the journal's (written since). */
function listedSoFar(dir: string): ManifestFile[] {
  const folder = new ArchiveFolder(dir, t);
  return [...(folder.readManifest()?.files ?? []), ...folder.readJournal()];
}

/** The demo source, counting what it is asked for. */
function countingDemo(): ArchiveSource & { asked: string[] } {
  const inner = demoArchiveSource(demoSeller('blocked'));
  const asked: string[] = [];
  return { ...inner, asked, fetch: (unit: ArchiveUnit) => (asked.push(unit.id), inner.fetch(unit)) };
}

describe('building, verifying and resuming an archive', () => {
  it('the demo seller gives a complete archive without gaps; verify finds it intact once the log knows its manifest', async () => {
    const dir = tempDir();
    const result = await build(dir, countingDemo());
    expect(result.gaps).toEqual([]);
    expect(result.manifest.complete).toBe(true);
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(dir, MANIFEST_NAME), 'utf8')));
    const orders = manifest.files.filter((f) => f.kind === 'all-orders' && f.file);
    expect(orders.reduce((n, f) => n + f.rows, 0)).toBe(demoSeller('blocked').orders.length);
    const recorded = new Set([manifestHash(dir)]);
    expect((await verifyArchive(dir, recorded, t)).status).toBe('intact');
    // Unknown to the log: the manifest itself is named.
    expect((await verifyArchive(dir, new Set(), t)).changed).toEqual([{ file: MANIFEST_NAME, problem: 'changed' }]);
  });

  it('a tampered, a cut and a removed file are each named', async () => {
    const dir = tempDir();
    const { manifest } = await build(dir, countingDemo());
    const recorded = new Set([manifestHash(dir)]);
    const [a, b, c] = manifest.files.filter((f) => f.file).map((f) => f.file!);
    appendFileSync(join(dir, a!), 'x');
    writeFileSync(join(dir, b!), readFileSync(join(dir, b!)).subarray(0, 10));
    unlinkSync(join(dir, c!));
    const verdict = await verifyArchive(dir, recorded, t);
    expect(verdict.status).toBe('changed');
    expect(verdict.changed).toEqual([
      { file: a, problem: 'changed' },
      { file: b, problem: 'changed' },
      { file: c, problem: 'missing' },
    ]);
  });

  it('resumed, it fetches only the units not already whole (and a damaged one again)', async () => {
    const dir = tempDir();
    const first = countingDemo();
    const { manifest } = await build(dir, first);
    const damaged = manifest.files.find((f) => f.file)!;
    appendFileSync(join(dir, damaged.file!), 'x');
    const second = countingDemo();
    const result = await build(dir, second);
    expect(second.asked).toEqual([damaged.unit]);
    // Files kept (empty answers are not files).
    expect(result.reused).toBe(manifest.files.filter((f) => f.file).length - 1);
  });

  it('a full disk mid-way stops with exit 2, and the manifest still parses and it and the journal list only whole files', async () => {
    // 1 write for the manifest, 11 empty answers (a journal line each), then 2 per file (its data, its line):
    // the 31st write is the 10th file's data, the 32nd its journal line.
    for (const limit of [30, 31]) {
      const dir = tempDir();
      let writes = 0;
      const full: WriteCalls = {
        ...REAL_WRITES,
        writeSync: (fd, data) => {
          if (++writes > limit) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC', syscall: 'write' });
          return REAL_WRITES.writeSync(fd, data);
        },
      };
      const failure = await build(dir, countingDemo(), full).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(CliError);
      expect((failure as CliError).exitCode).toBe(EXIT.usage);
      expect((failure as CliError).message).toContain('ENOSPC');
      const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(dir, MANIFEST_NAME), 'utf8')));
      expect(manifest.complete).toBe(false);
      const listed = listedSoFar(dir).filter((f) => f.file);
      expect(listed).toHaveLength(9);
      for (const entry of listed) {
        const bytes = readFileSync(join(dir, entry.file!));
        expect(bytes.byteLength).toBe(entry.bytes);
      }
      // No partial file is left behind, and the next run completes the archive.
      expect(readdirSync(dir).filter((name) => name.endsWith('.partial'))).toEqual([]);
      expect(readFileSync(join(dir, MANIFEST_NAME), 'utf8')).not.toContain('.partial');
      const resumed = await build(dir, countingDemo());
      expect(resumed.manifest.complete).toBe(true);
      expect(resumed.reused).toBe(listed.length);
      expect((await verifyArchive(dir, new Set([manifestHash(dir)]), t)).status).toBe('intact');
    }
  });

  it('killed after the manifest was last written, resumed: each file only the journal lists is hashed again, kept when whole, fetched again when not', async () => {
    const dir = tempDir();
    const killed = new Error('killed');
    let files = 0;
    const first = countingDemo();
    // The process stops dead after the 8th file is in place and listed (as the archive-after-file failpoint does).
    const stop = async (_unit: ArchiveUnit, wroteFile: boolean) => {
      if (wroteFile && ++files === 8) throw killed;
    };
    expect(await buildArchive(new ArchiveFolder(dir, t), first, { day: DAY, required, now: () => Date.parse(`${DAY}T12:00:00Z`), afterUnit: stop }).catch((error: unknown) => error)).toBe(killed);
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(dir, MANIFEST_NAME), 'utf8')));
    // Between checkpoints: the manifest lists none of them; the journal lists them all.
    expect(manifest.complete).toBe(false);
    expect(manifest.files).toEqual([]);
    const listed = new ArchiveFolder(dir, t).readJournal();
    const journal = listed.filter((f) => f.file);
    expect(journal).toHaveLength(8);
    const [appended, cut, removed, flipped, ...whole] = journal.map((f) => ({ ...f, path: join(dir, f.file!) }));
    appendFileSync(appended!.path, 'x');
    writeFileSync(cut!.path, readFileSync(cut!.path).subarray(0, 10));
    unlinkSync(removed!.path);
    // Same size, one byte changed: only the hash tells.
    const bytes = readFileSync(flipped!.path);
    bytes[0] = bytes[0]! ^ 1;
    writeFileSync(flipped!.path, bytes);
    // A line cut short (killed as it was appended) is passed over.
    appendFileSync(join(dir, JOURNAL_NAME), '{"file":"all-orders_x.txt","kind":"all-or');

    const second = countingDemo();
    const result = await build(dir, second);
    const damaged = [appended!, cut!, removed!, flipped!].map((f) => f.unit);
    expect(second.asked.filter((unit) => journal.some((f) => f.unit === unit)).sort()).toEqual([...damaged].sort());
    expect(result.reused).toBe(whole.length);
    // Nothing else the journal lists is asked for again: the whole files, the empty answers.
    const kept = listed.map((f) => f.unit).filter((unit) => !damaged.includes(unit));
    expect(kept.length).toBeGreaterThan(whole.length);
    expect(second.asked.filter((unit) => kept.includes(unit))).toEqual([]);
    expect(result.manifest.complete).toBe(true);
    expect(new Set(result.manifest.files.map((f) => f.unit)).size).toBe(result.manifest.files.length);
    // Every file as listed: the archive verifies, and the journal is gone.
    expect((await verifyArchive(dir, new Set([manifestHash(dir)]), t)).status).toBe('intact');
    expect(existsSync(join(dir, JOURNAL_NAME))).toBe(false);
  });

  it('a journal left beside a manifest that already lists its entries (killed as the next run began) lists nothing twice', async () => {
    const dir = tempDir();
    const killed = new Error('killed');
    const now = () => Date.parse(`${DAY}T12:00:00Z`);
    let files = 0;
    const afterFiles = (count: number) => async (_unit: ArchiveUnit, wroteFile: boolean) => {
      if (wroteFile && ++files === count) throw killed;
    };
    expect(await buildArchive(new ArchiveFolder(dir, t), countingDemo(), { day: DAY, required, now, afterUnit: afterFiles(5) }).catch((error: unknown) => error)).toBe(killed);
    const journal = readFileSync(join(dir, JOURNAL_NAME));
    // The next run writes the journal's entries into its manifest, and is killed at once.
    expect(await buildArchive(new ArchiveFolder(dir, t), countingDemo(), { day: DAY, required, now, afterUnit: () => Promise.reject(killed) }).catch((error: unknown) => error)).toBe(killed);
    expect(manifestSchema.parse(JSON.parse(readFileSync(join(dir, MANIFEST_NAME), 'utf8'))).files.filter((f) => f.file)).toHaveLength(5);
    // As if killed before it emptied the journal: the old journal is still there.
    writeFileSync(join(dir, JOURNAL_NAME), journal);
    const third = countingDemo();
    const result = await build(dir, third);
    expect(result.reused).toBe(5);
    expect(new Set(result.manifest.files.map((f) => f.unit)).size).toBe(result.manifest.files.length);
    expect((await verifyArchive(dir, new Set([manifestHash(dir)]), t)).status).toBe('intact');
  });

  it('a link planted under the journal\'s name is reported (exit 2, naming it), not written through', async () => {
    const dir = tempDir();
    await build(dir, countingDemo());
    const outside = join(tempDir(), 'precious.txt');
    writeFileSync(outside, 'keep me');
    symlinkSync(outside, join(dir, JOURNAL_NAME));
    const failure = await build(dir, countingDemo()).catch((error: unknown) => error);
    expect((failure as CliError).exitCode).toBe(EXIT.usage);
    expect((failure as CliError).message).toContain(join(dir, JOURNAL_NAME));
    expect(readFileSync(outside, 'utf8')).toBe('keep me');
  });

  it('an unwritable folder (a file where the folder should be) is exit 2 naming it', async () => {
    const parent = tempDir();
    writeFileSync(join(parent, 'taken'), '');
    const failure = await build(join(parent, 'taken', 'archive'), countingDemo()).catch((error: unknown) => error);
    expect((failure as CliError).exitCode).toBe(EXIT.usage);
    expect((failure as CliError).message).toContain(join(parent, 'taken'));
  });

  it('a manifest that does not parse is an input error, not a crash', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, MANIFEST_NAME), '{"schemaVersion": 1, "files": [{"file": "../../etc/passwd"}]}');
    const failure = await verifyArchive(dir, new Set(), t).catch((error: unknown) => error);
    expect((failure as CliError).exitCode).toBe(EXIT.usage);
  });
});
