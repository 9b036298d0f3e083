// An archive whose build never finished (killed, or stopped by a failure): `archive verify` says
// it is unfinished and how to finish it (archive again into the same folder: it resumes), rather
// than naming the manifest as changed and telling the seller to restore files from a backup
// (attack 2026-12-04). A finished build leaves no journal.

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoSeller } from '../../src/adapters/demo/demo-seller.js';
import { ArchiveFolder } from '../../src/archive/archive-folder.js';
import { buildArchive } from '../../src/archive/build-archive.js';
import { demoArchiveSource } from '../../src/archive/demo-archive.js';
import { JOURNAL_NAME, LOCK_NAME } from '../../src/archive/manifest.js';
import { requiredCoverage } from '../../src/core/archive-coverage.js';
import { translator } from '../../src/messages/catalogue.js';
import { runMain } from '../helpers/cli-in-process.js';

const t = translator();
const home = mkdtempSync(join(tmpdir(), 'ca-archive-unfinished-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const DAY = '2026-11-26';
const env = { HOME: home, XDG_STATE_HOME: join(home, 'state') };
const db = join(home, 'audit.db');

describe('archive verify on a build that never finished', () => {
  it('says it is unfinished and to run archive again into the folder (it resumes), exit 3; --json says unfinished', async () => {
    const dir = join(home, 'stopped');
    let units = 0;
    const stopped = buildArchive(new ArchiveFolder(dir, t), demoArchiveSource(demoSeller('blocked')), {
      day: DAY,
      required: requiredCoverage(DAY, ['north-america']),
      now: () => Date.parse(`${DAY}T12:00:00Z`),
      // Stopped dead after a few files, as a kill does: the manifest says not complete, the journal lists them.
      afterUnit: async () => {
        if (++units === 3) throw new Error('killed');
      },
    });
    await expect(stopped).rejects.toThrow('killed');
    const verified = await runMain(['archive', 'verify', dir, '--audit-db', db], env);
    expect(verified.code).toBe(3);
    expect(verified.stderr).toContain('unfinished');
    expect(verified.stderr).toContain('close-account archive');
    expect(verified.stderr).not.toContain('Restore the named files from a backup');
    const json = await runMain(['archive', 'verify', dir, '--audit-db', db, '--json'], env);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'changed', complete: false, unfinished: true });
  });

  it('a finished build leaves no journal, and verifies intact', async () => {
    const dir = join(home, 'finished');
    const made = await runMain(['archive', '--out', dir, '--audit-db', db, '--as-of', DAY], env);
    expect(made.code, made.stderr).toBe(0);
    expect(existsSync(join(dir, JOURNAL_NAME))).toBe(false);
    const verified = await runMain(['archive', 'verify', dir, '--audit-db', db, '--json'], env);
    expect(verified.code, verified.stderr).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ status: 'intact', unfinished: false });
  });

  it('killed once the final manifest is written but before the archive is recorded: the journal is left, verify says unfinished, and archive again finishes it', async () => {
    const dir = join(home, 'unrecorded');
    const stopped = buildArchive(new ArchiveFolder(dir, t), demoArchiveSource(demoSeller('blocked')), {
      day: DAY,
      required: requiredCoverage(DAY, ['north-america']),
      now: () => Date.parse(`${DAY}T12:00:00Z`),
      page: () => '<!doctype html><p>page</p>',
      record: () => {
        throw new Error('killed');
      },
    });
    await expect(stopped).rejects.toThrow('killed');
    expect(existsSync(join(dir, JOURNAL_NAME))).toBe(true);
    const verified = await runMain(['archive', 'verify', dir, '--audit-db', db, '--json'], env);
    expect(verified.code).toBe(3);
    expect(JSON.parse(verified.stdout)).toMatchObject({ complete: true, unfinished: true });
    const again = await runMain(['archive', '--out', dir, '--audit-db', db, '--as-of', DAY], env);
    expect(again.code, again.stderr).toBe(0);
    expect(existsSync(join(dir, JOURNAL_NAME))).toBe(false);
    expect((await runMain(['archive', 'verify', dir, '--audit-db', db], env)).code).toBe(0);
  });

  it('while a build writes the folder (its lock held by a running process), verify says so and by whom', async () => {
    // The folder a build stopped in (manifest not complete), now being written again: this test's own process stands for that build.
    const dir = join(home, 'stopped');
    writeFileSync(join(dir, LOCK_NAME), `${JSON.stringify({ pid: process.pid, host: hostname() })}\n`);
    const verified = await runMain(['archive', 'verify', dir, '--audit-db', db], env);
    rmSync(join(dir, LOCK_NAME));
    expect(verified.code).toBe(3);
    expect(verified.stderr).toContain('being written now');
    expect(verified.stderr).toContain(String(process.pid));
    expect(verified.stderr).not.toContain('is unfinished');
  });
});
