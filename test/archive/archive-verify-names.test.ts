// `archive verify` says whose archive it checked, and what to do about each kind of change (outside
// testing, issue 16's leftovers): a file the manifest does not list was put there afterwards, so
// its hint is to move it out (or archive again), not to "restore it from a backup".

import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { archiveVerifyJsonSchema } from '../../src/render/archive-json-schema.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';
import { readySellerReports } from '../helpers/report-fixtures.js';

const home = mkdtempSync(join(tmpdir(), 'ca-archive-names-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const db = join(home, 'audit.db');
const reports = join(home, 'reports');
mkdirSync(reports);
readySellerReports(reports);

async function run(argv: string[]) {
  const term = fakeTerminal({ env: { HOME: home, XDG_STATE_HOME: join(home, 'state') } });
  const code = await main([...argv, '--audit-db', db], term, { version: '1' });
  return { code, stdout: term.output(), stderr: term.errors() };
}

const REPORTS_ARCHIVE = ['archive', '--adapter', 'reports', '--reports-dir', reports, '--as-of', '2026-11-26'];

describe('archive verify names the seller and tells an unlisted file from a changed one', () => {
  it('names the seller of the manifest in text and JSON, in en, zh-CN and ja; a reports archive without --seller-id says it names none', async () => {
    const named = join(home, 'named');
    const unnamed = join(home, 'unnamed');
    expect((await run([...REPORTS_ARCHIVE, '--seller-id', 'A1ACMEEXAMPLE1', '--out', named])).code).toBe(3);
    expect((await run([...REPORTS_ARCHIVE, '--out', unnamed])).code).toBe(3);
    const en = await run(['archive', 'verify', named]);
    expect(en.code, en.stderr).toBe(0);
    expect(en.stdout).toContain(`Archive ${named} of seller A1ACMEEXAMPLE1 is intact`);
    expect((await run(['archive', 'verify', named, '--lang', 'zh-CN'])).stdout).toContain(`卖家 A1ACMEEXAMPLE1 的存档 ${named} 完好`);
    expect((await run(['archive', 'verify', named, '--lang', 'ja'])).stdout).toContain(`セラー A1ACMEEXAMPLE1 のアーカイブ ${named} は無傷です`);
    expect(archiveVerifyJsonSchema.parse(JSON.parse((await run(['archive', 'verify', named, '--json'])).stdout)).sellerId).toBe('A1ACMEEXAMPLE1');
    expect((await run(['archive', 'verify', unnamed])).stdout).toContain('of an unnamed seller (made from report files without --seller-id)');
    expect(archiveVerifyJsonSchema.parse(JSON.parse((await run(['archive', 'verify', unnamed, '--json'])).stdout)).sellerId).toBeNull();
  });

  it('an unlisted file: exit 3, named, with the hint to move it out or archive again (not to restore it); the seller named', async () => {
    const dir = join(home, 'named');
    writeFileSync(join(dir, 'my-notes.txt'), 'notes');
    const result = await run(['archive', 'verify', dir]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`Archive ${dir} of seller A1ACMEEXAMPLE1 has changed: my-notes.txt (not in the manifest)`);
    expect(result.stderr).toContain('my-notes.txt: not part of the archive');
    expect(result.stderr).toContain('Move it out of the folder');
    expect(result.stderr).not.toContain('Restore the named files from a backup');
    for (const [lang, move] of [['zh-CN', '移出该文件夹'], ['ja', 'フォルダーの外へ移して']] as const) {
      const other = await run(['archive', 'verify', dir, '--lang', lang]);
      expect(other.stderr).toContain(move);
      expect(other.stderr).toContain('A1ACMEEXAMPLE1');
    }
    // A changed file beside it: each gets its own hint.
    const listed = (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: { file: string | null }[] }).files.find((f) => f.file)!.file!;
    appendFileSync(join(dir, listed), 'x\n');
    const both = await run(['archive', 'verify', dir]);
    expect(both.stderr).toContain(`${listed} (not as recorded)`);
    expect(both.stderr).toContain('my-notes.txt: not part of the archive');
    expect(both.stderr).toContain('Restore the named files from a backup');
  });
});
