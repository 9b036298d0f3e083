// Two archive builds into one folder at once (attack 2026-12-04): each rewrote the manifest and
// the journal over the other's. The folder is locked while a build runs: the second is refused
// (exit 2, errorCode archive-busy, naming the holder), and a lock a killed build left is taken over.

import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoSeller } from '../../src/adapters/demo/demo-seller.js';
import { ArchiveFolder, type LockOwner } from '../../src/archive/archive-folder.js';
import { buildArchive, type ArchiveSource, type ArchiveUnit } from '../../src/archive/build-archive.js';
import { demoArchiveSource } from '../../src/archive/demo-archive.js';
import { LOCK_NAME } from '../../src/archive/manifest.js';
import { manifestHash, verifyArchive } from '../../src/archive/verify-archive.js';
import { requiredCoverage } from '../../src/core/archive-coverage.js';
import { CliError, EXIT } from '../../src/errors.js';
import { translator } from '../../src/messages/catalogue.js';

const t = translator();
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ca-archive-lock-'));
  dirs.push(dir);
  return dir;
};

const DAY = '2026-11-26';
const owner = (pid: number, alive: ReadonlySet<number> = new Set([1001, 1002]), stale: number[] = []): LockOwner => ({ pid, host: 'here', isAlive: (p) => alive.has(p), onStale: (p) => stale.push(p) });
const build = (dir: string, source: ArchiveSource, lock: LockOwner) => buildArchive(new ArchiveFolder(dir, t), source, { day: DAY, required: requiredCoverage(DAY, ['north-america']), now: () => Date.parse(`${DAY}T12:00:00Z`), lock });

/** The demo source, held at its first unit until released: a build under way. */
function heldDemo() {
  const inner = demoArchiveSource(demoSeller('blocked'));
  let release!: () => void;
  let reached!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const atFirst = new Promise<void>((r) => (reached = r));
  let first = true;
  const source: ArchiveSource = {
    ...inner,
    fetch: async (unit: ArchiveUnit) => {
      if (first) {
        first = false;
        reached();
        await released;
      }
      return inner.fetch(unit);
    },
  };
  return { source, release, atFirst };
}

describe('two builds into one folder at once', () => {
  it('the second is refused (exit 2, archive-busy, naming the first one\'s pid) and writes nothing; the first finishes intact and gives the lock up', async () => {
    const dir = join(tempDir(), 'archive');
    const held = heldDemo();
    const first = build(dir, held.source, owner(1001));
    await held.atFirst;
    const second = await build(dir, demoArchiveSource(demoSeller('blocked')), owner(1002)).catch((error: unknown) => error);
    held.release();
    expect(second).toBeInstanceOf(CliError);
    expect((second as CliError).exitCode).toBe(EXIT.usage);
    expect((second as CliError).errorCode).toBe('archive-busy');
    expect((second as CliError).message).toContain(dir);
    expect((second as CliError).message).toContain('1001');
    const result = await first;
    expect(result.manifest.complete).toBe(true);
    expect(existsSync(join(dir, LOCK_NAME))).toBe(false);
    expect((await verifyArchive(dir, new Set([manifestHash(dir)]), t)).status).toBe('intact');
  });

  it('a lock left by a process that is gone is taken over, and said; one of another host is not', async () => {
    const dir = join(tempDir(), 'archive');
    mkdirSync(dir);
    writeFileSync(join(dir, LOCK_NAME), `${JSON.stringify({ pid: 4242, host: 'here' })}\n`);
    const stale: number[] = [];
    const result = await build(dir, demoArchiveSource(demoSeller('blocked')), owner(1001, new Set([1001]), stale));
    expect(result.manifest.complete).toBe(true);
    expect(stale).toEqual([4242]);
    writeFileSync(join(dir, LOCK_NAME), `${JSON.stringify({ pid: 4242, host: 'elsewhere' })}\n`);
    const refused = await build(dir, demoArchiveSource(demoSeller('blocked')), owner(1001, new Set([1001]))).catch((error: unknown) => error);
    expect((refused as CliError).errorCode).toBe('archive-busy');
  });

  it('a build that fails gives the lock up', async () => {
    const dir = join(tempDir(), 'archive');
    const inner = demoArchiveSource(demoSeller('blocked'));
    const failing: ArchiveSource = { ...inner, fetch: () => Promise.reject(new Error('source broke')) };
    await expect(build(dir, failing, owner(1001))).rejects.toThrow('source broke');
    expect(existsSync(join(dir, LOCK_NAME))).toBe(false);
  });

  it('archive verify while a build writes the folder says it is being written (by whom), not unfinished nor changed', async () => {
    const dir = join(tempDir(), 'archive');
    const held = heldDemo();
    const first = build(dir, held.source, owner(1001));
    await held.atFirst;
    const verdict = await verifyArchive(dir, new Set(), t, new Map(), { host: 'here', isAlive: (pid) => pid === 1001 });
    expect(verdict.building).toEqual({ pid: 1001, host: 'here' });
    held.release();
    await first;
    expect((await verifyArchive(dir, new Set([manifestHash(dir)]), t, new Map(), { host: 'here', isAlive: () => true })).building).toBeNull();
  });
});
