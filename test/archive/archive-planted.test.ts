// What someone (or something) planted in an archive folder: a symlink or a FIFO under a name the
// archive writes or reads. Nothing is written through a link, nothing is read through one, and no
// FIFO blocks the command: each is refused with an input error naming its path (attack 2026-12-04).

import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoSeller } from '../../src/adapters/demo/demo-seller.js';
import { ArchiveFolder } from '../../src/archive/archive-folder.js';
import { buildArchive } from '../../src/archive/build-archive.js';
import { demoArchiveSource } from '../../src/archive/demo-archive.js';
import { MANIFEST_NAME } from '../../src/archive/manifest.js';
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
