// An SP-API archive killed (SIGKILL) as the built program runs, then run again: it continues
// where it stopped, and nothing the first run wrote is asked for or downloaded again (counted at
// the fake). The second run's archive verifies. The kill comes between two writes of the
// manifest: what the first run wrote is listed only in the journal (build-archive.ts).

import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ArchiveFolder, hashFile } from '../../src/archive/archive-folder.js';
import { manifestSchema } from '../../src/archive/manifest.js';
import { ARCHIVE_REPORT_PLAN } from '../../src/archive/report-plan.js';
import { translator } from '../../src/messages/catalogue.js';
import { startCli } from '../helpers/cli-async.js';
import { runMain } from '../helpers/cli-in-process.js';
import { sandbox } from '../helpers/cli-process.js';
import { NO_FAULTS, startFakeSpApi, type FakeSpApi } from '../helpers/fake-sp-api.js';

const box = sandbox();
let fake: FakeSpApi | null = null;
afterAll(async () => {
  await fake?.close();
  rmSync(box.home, { recursive: true, force: true });
});

describe('archive --adapter sp-api, killed and resumed', () => {
  it('SIGKILL after a file is written; the next run fetches only what is missing, and verifies', async () => {
    fake = await startFakeSpApi('blocked', NO_FAULTS);
    const dir = join(box.home, 'archive');
    const env = { ...box.env, ...fake.env };
    const args = ['archive', '--adapter', 'sp-api', '--out', dir, '--json'];
    const first = startCli(args, { ...env, CLOSE_ACCOUNT_FAILPOINT: 'archive-after-file' });
    await first.waitForStderr('failpoint reached: archive-after-file', 60_000);
    first.child.kill('SIGKILL');
    await first.exit();

    const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
    expect(manifest.complete).toBe(false);
    // Killed between checkpoints: the manifest lists nothing yet, the journal what was written.
    expect(manifest.files).toEqual([]);
    const stopped = { ...manifest, files: new ArchiveFolder(dir, translator()).readJournal() };
    expect(stopped.files.length).toBeGreaterThan(0);
    // Nothing half-written is left in place of a file.
    for (const entry of stopped.files.filter((f) => f.file)) {
      expect(existsSync(join(dir, entry.file!))).toBe(true);
      expect(await hashFile(join(dir, entry.file!))).toEqual({ bytes: entry.bytes, sha256: entry.sha256 });
    }
    const createdBefore = fake.reports().length;
    const documentsBefore = new Map(fake.downloads);

    // The next run needs no process of its own (the killed one did): main() in this process, which
    // does not block it (the fake answers from it).
    const second = await runMain(args, env);
    expect(second.code, second.stderr).toBe(0);
    const done = manifestSchema.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
    expect(done.complete).toBe(true);

    // Each unit the first run wrote: its report made once and its document downloaded once, in all.
    const created = fake.reports();
    for (const entry of stopped.files) {
      if (entry.origin.type !== 'report') continue;
      const plan = Object.values(ARCHIVE_REPORT_PLAN).find((p) => p.reportType === (entry.origin as { reportType: string }).reportType)!;
      if (plan.via === 'create') {
        const same = created.filter((r) => r.reportType === plan.reportType && r.marketplaceIds?.join('+') === entry.marketplaces.join('+') && (entry.kind === 'seller-performance' || r.dataStartTime?.slice(0, 10) === entry.period.from));
        expect(same.length, entry.unit).toBe(1);
      }
      const id = entry.origin.type === 'report' ? created.find((r) => r.reportId === (entry.origin as { reportId: string }).reportId)?.reportDocumentId : undefined;
      if (id) expect(fake.downloads.get(id), entry.unit).toBe(1);
    }
    // The second run asked only for what was missing: fewer reports than a fresh archive needs.
    expect(created.length - createdBefore).toBeLessThan(created.length);
    expect(documentsBefore.size).toBeGreaterThan(0);

    const verify = await runMain(['archive', 'verify', dir], env);
    expect(verify.code, verify.stderr).toBe(0);
  }, 120_000);
});
