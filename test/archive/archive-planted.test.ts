// What someone (or something) planted in an archive folder: a symlink or a FIFO under a name the
// archive writes or reads. Nothing is written through a link, nothing is read through one, and no
// FIFO blocks the command: each is refused with an input error naming its path (attack 2026-12-04).

import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoSeller } from '../../src/adapters/demo/demo-seller.js';
import { ArchiveFolder } from '../../src/archive/archive-folder.js';
import { buildArchive } from '../../src/archive/build-archive.js';
import { demoArchiveSource } from '../../src/archive/demo-archive.js';
import { JOURNAL_NAME, MANIFEST_NAME } from '../../src/archive/manifest.js';
import { manifestHash, verifyArchive } from '../../src/archive/verify-archive.js';
import { requiredCoverage } from '../../src/core/archive-coverage.js';
import { EXIT, UsageError } from '../../src/errors.js';
import { translator } from '../../src/messages/catalogue.js';

const t = translator();
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ca-archive-planted-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const DAY = '2026-11-26';
const build = (dir: string) => buildArchive(new ArchiveFolder(dir, t), demoArchiveSource(demoSeller('blocked')), { day: DAY, required: requiredCoverage(DAY, ['north-america']), now: () => Date.parse(`${DAY}T12:00:00Z`) });
const mkfifo = (path: string) => execFileSync('mkfifo', [path]);

/** An input error (exit 2) naming `path`: what every planted thing must give. */
async function refusedNaming(promise: Promise<unknown>, path: string): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageError);
  expect((error as UsageError).exitCode).toBe(EXIT.usage);
  expect((error as UsageError).message).toContain(path);
}

/** A finished demo archive in a new folder, and the name of one file it lists. */
async function finished(): Promise<{ dir: string; file: string }> {
  const dir = tempDir();
  const { manifest } = await build(join(dir, 'archive'));
  return { dir: join(dir, 'archive'), file: manifest.files.find((f) => f.file)!.file! };
}

describe('a symlink planted where the archive writes a temporary file', () => {
  it("is reported (exit 2, naming it), not followed: the file it points to keeps its bytes (opened with 'w', it was truncated)", async () => {
    const home = tempDir();
    const victim = join(home, 'precious.txt');
    writeFileSync(victim, 'the seller’s own notes');
    const dir = join(home, 'archive');
    mkdirSync(dir);
    const planted = join(dir, `.${MANIFEST_NAME}.partial`);
    symlinkSync(victim, planted);
    await refusedNaming(build(dir), planted);
    expect(readFileSync(victim, 'utf8')).toBe('the seller’s own notes');
    expect(lstatSync(planted).isSymbolicLink()).toBe(true);
  });

  it('a temporary file a killed run left (a plain file) is written over as before', async () => {
    const dir = join(tempDir(), 'archive');
    mkdirSync(dir);
    writeFileSync(join(dir, `.${MANIFEST_NAME}.partial`), 'half a manifest');
    const result = await build(dir);
    expect(result.manifest.complete).toBe(true);
    expect(existsSync(join(dir, `.${MANIFEST_NAME}.partial`))).toBe(false);
  });
});

describe('a symlink or FIFO inside an archive being resumed or verified', () => {
  // Each case would block for ever on a FIFO: a short timeout makes a hang a failure.
  const names = (file: string) => [MANIFEST_NAME, JOURNAL_NAME, file];

  for (const kind of ['symlink', 'fifo'] as const) {
    it(`resuming: a ${kind} under the manifest's, the journal's or a listed file's name is refused naming it, never read through or waited on`, async () => {
      const outside = join(tempDir(), 'outside.txt');
      for (const which of [0, 1, 2]) {
        const { dir, file } = await finished();
        const path = join(dir, names(file)[which]!);
        // The link leads to what was there (a parseable manifest, a file's own bytes): still not followed.
        writeFileSync(outside, existsSync(path) ? readFileSync(path) : '');
        rmSync(path, { force: true });
        if (kind === 'symlink') symlinkSync(outside, path);
        else mkfifo(path);
        await refusedNaming(build(dir), path);
        if (kind === 'symlink') expect(lstatSync(path).isSymbolicLink()).toBe(true);
      }
    }, 5_000);

    it(`verifying: a ${kind} in place of manifest.json is refused naming it, never read through or waited on`, async () => {
      const { dir } = await finished();
      const recorded = new Set([manifestHash(dir)]);
      const path = join(dir, MANIFEST_NAME);
      const outside = join(tempDir(), 'manifest.json');
      writeFileSync(outside, readFileSync(path));
      unlinkSync(path);
      if (kind === 'symlink') symlinkSync(outside, path);
      else mkfifo(path);
      await refusedNaming(verifyArchive(dir, recorded, t), path);
    }, 5_000);

    it(`verifying: a ${kind} in place of a listed file or index.html is named (not-a-file), never read or waited on`, async () => {
      const { dir, file } = await finished();
      const recorded = new Set([manifestHash(dir)]);
      for (const name of [file, 'index.html']) {
        const path = join(dir, name);
        if (existsSync(path)) unlinkSync(path);
        if (kind === 'symlink') symlinkSync(join(tmpdir(), 'nowhere'), path);
        else mkfifo(path);
      }
      const indexes = new Map([[[...recorded][0]!, '0'.repeat(64)]]);
      const verdict = await verifyArchive(dir, recorded, t, indexes);
      expect(verdict.changed).toEqual(expect.arrayContaining([{ file, problem: 'not-a-file' }, { file: 'index.html', problem: 'not-a-file' }]));
    }, 5_000);
  }
});
