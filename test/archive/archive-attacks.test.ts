// Attacks on the archive from outside (fresh-context testing, 2026-12-03): another seller's archive
// put in a seller's recorded folder, a marketplace whose report failed hidden by another's, a file
// swapped for a symlink or slipped in beside the listed ones, an unrelated folder given as --out.
// Each must fail closed: nothing the archive cannot account for makes data-export pass.

import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoSeller } from '../../src/adapters/demo/demo-seller.js';
import { ArchiveFolder } from '../../src/archive/archive-folder.js';
import { archiveEvidence } from '../../src/archive/archive-record.js';
import { buildArchive, type ArchiveSource, type ArchiveUnit } from '../../src/archive/build-archive.js';
import { demoArchiveSource } from '../../src/archive/demo-archive.js';
import { manifestSchema } from '../../src/archive/manifest.js';
import { manifestHash, verifyArchive } from '../../src/archive/verify-archive.js';
import { requiredCoverage } from '../../src/core/archive-coverage.js';
import { main } from '../../src/main.js';
import { translator } from '../../src/messages/catalogue.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';
import { HEADERS, row, writeReport } from '../helpers/report-fixtures.js';

const t = translator();
const home = mkdtempSync(join(tmpdir(), 'ca-archive-attacks-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const db = join(home, 'audit.db');
const DAY = '2026-11-26';
/** One All Orders row: a shipped order of that day. */
const order = (id: string, day: string) => row(HEADERS.allOrders, { 'amazon-order-id': id, 'purchase-date': `${day}T10:00:00+00:00`, 'order-status': 'Shipped', 'fulfillment-channel': 'Amazon', 'sales-channel': 'Amazon.com' });

async function run(argv: string[]) {
  const term = fakeTerminal({ env: { HOME: home, XDG_STATE_HOME: join(home, 'state') } });
  const code = await main([...argv, '--audit-db', db, ...(argv[1] === 'verify' || argv.includes('--as-of') ? [] : ['--as-of', DAY])], term, { version: '1' });
  return { code, stdout: term.output(), stderr: term.errors(), term };
}

describe('another seller', () => {
  it("another seller's complete archive copied into a seller's recorded folder does not make that seller's data-export pass", async () => {
    const demo = join(home, 'demo');
    expect((await run(['archive', '--out', demo])).code).toBe(0);
    const reports = join(home, 'other-reports');
    mkdirSync(reports);
    writeReport(reports, 'orders.txt', [HEADERS.allOrders, row(HEADERS.allOrders, { 'amazon-order-id': '111-1111111-0000001', 'purchase-date': '2026-11-20T10:00:00+00:00', 'order-status': 'Shipped', 'fulfillment-channel': 'Amazon', 'sales-channel': 'Amazon.com' })]);
    const other = join(home, 'other');
    expect((await run(['archive', '--adapter', 'reports', '--reports-dir', reports, '--seller-id', 'OTHERSELLER1', '--out', other])).code).toBe(3);
    // The forger replaces OTHERSELLER1's folder with the demo seller's complete archive.
    rmSync(other, { recursive: true });
    cpSync(demo, other, { recursive: true });
    const { term } = await run(['--version']);
    const evidence = await archiveEvidence({ path: db, term, t }, 'OTHERSELLER1', DAY, t);
    expect(evidence).not.toBeNull();
    expect(evidence!.status).toBe('changed');
    expect(evidence!.changed).toContain('manifest.json');
  });
});

describe('a marketplace whose report failed', () => {
  it('a problem for one marketplace is a gap even when another marketplace covers the same days', async () => {
    const dir = mkdtempSync(join(home, 'per-marketplace-'));
    const inner = demoArchiveSource(demoSeller('blocked'));
    const failing = (unit: ArchiveUnit) => unit.kind === 'returns' && unit.marketplaces.length === 1 && unit.marketplaces[0] === 'A2EUQ1WTGCTBG2';
    const source: ArchiveSource = { ...inner, fetch: (unit) => (failing(unit) ? Promise.resolve({ type: 'problem', status: 'FATAL', detail: 'aborted' }) : inner.fetch(unit)) };
    const result = await buildArchive(new ArchiveFolder(dir, t), source, { day: DAY, required: requiredCoverage(DAY, inner.regions), now: () => Date.parse(`${DAY}T12:00:00Z`) });
    expect(result.manifest.problems.length).toBeGreaterThan(0);
    expect(result.gaps.map((g) => g.kind)).toContain('returns');
  });
});

describe('the folder holds what the manifest does not list', () => {
  const dir = join(home, 'folder-attacks');
  const setUp = async () => {
    rmSync(dir, { recursive: true, force: true });
    await buildArchive(new ArchiveFolder(dir, t), demoArchiveSource(demoSeller('blocked')), { day: DAY, required: requiredCoverage(DAY, ['north-america', 'europe']), now: () => Date.parse(`${DAY}T12:00:00Z`) });
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
    return { manifest, recorded: new Set([manifestHash(dir)]) };
  };

  it('a listed file replaced by a symlink to the same bytes elsewhere is named (moving the folder would lose it)', async () => {
    const { manifest, recorded } = await setUp();
    const victim = manifest.files.find((f) => f.file)!.file!;
    const outside = join(home, 'outside.txt');
    renameSync(join(dir, victim), outside);
    symlinkSync(outside, join(dir, victim));
    const verdict = await verifyArchive(dir, recorded, t);
    expect(verdict.status).toBe('changed');
    expect(verdict.changed.map((c) => c.file)).toContain(victim);
  });

  it('a file slipped in beside the listed ones is named', async () => {
    const { recorded } = await setUp();
    writeFileSync(join(dir, 'all-orders_extra.txt'), 'amazon-order-id\tpurchase-date\n');
    const verdict = await verifyArchive(dir, recorded, t);
    expect(verdict.status).toBe('changed');
    expect(verdict.changed).toContainEqual({ file: 'all-orders_extra.txt', problem: 'unlisted' });
  });
});

describe('--out an unrelated folder', () => {
  it('refuses a folder that holds other files and no archive, overwriting and adding nothing', async () => {
    const out = join(home, 'my-website');
    mkdirSync(out);
    writeFileSync(join(out, 'index.html'), '<p>my own page</p>');
    const result = await run(['archive', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(out);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('<p>my own page</p>');
    expect(readdirSync(out)).toEqual(['index.html']);
  });

  it("refuses the folder of another seller's archive rather than replacing its manifest", async () => {
    const out = join(home, 'demo');
    const before = readFileSync(join(out, 'manifest.json'));
    const reports = join(home, 'other-reports');
    const result = await run(['archive', '--adapter', 'reports', '--reports-dir', reports, '--seller-id', 'THIRDSELLER', '--out', out]);
    expect(result.code).toBe(2);
    expect(readFileSync(join(out, 'manifest.json'))).toEqual(before);
  });
});

describe('a reports folder with awkward names and line ends', () => {
  it('two files whose names are one once made plain are both kept, each as listed; CR-only and CRLF rows are counted', async () => {
    const reports = join(home, 'awkward-reports');
    mkdirSync(reports);
    writeReport(reports, 'a b.txt', [HEADERS.allOrders, order('111-1111111-0000001', '2025-01-02')]);
    writeReport(reports, 'a-b.txt', [HEADERS.allOrders, order('111-1111111-0000002', '2026-11-20')]);
    writeFileSync(join(reports, 'Upper.txt'), [HEADERS.allOrders, order('111-1111111-0000003', '2026-10-01'), order('111-1111111-0000004', '2026-10-02')].join('\r') + '\r');
    writeFileSync(join(reports, 'upper.txt'), [HEADERS.allOrders, order('111-1111111-0000005', '2026-09-01')].join('\r\n') + '\r\n');
    const out = join(home, 'awkward-archive');
    const made = await run(['archive', '--adapter', 'reports', '--reports-dir', reports, '--seller-id', 'AWKWARD1', '--out', out]);
    expect(made.code, made.stderr).toBe(3);
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')));
    const names = manifest.files.map((f) => f.file!);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(4);
    expect(Object.fromEntries(manifest.files.map((f) => [(f.origin as { sourceFile: string }).sourceFile, f.rows]))).toEqual({ 'a b.txt': 1, 'a-b.txt': 1, 'Upper.txt': 2, 'upper.txt': 1 });
    for (const f of manifest.files) expect(readFileSync(join(out, f.file!))).toEqual(readFileSync(join(reports, (f.origin as { sourceFile: string }).sourceFile)));
    const verified = await run(['archive', 'verify', out]);
    expect(verified.code, verified.stderr).toBe(0);
  });
});

describe('the page beside the manifest', () => {
  it('an index.html edited to show what the archive does not hold is named by archive verify, and data-export fails', async () => {
    const out = join(home, 'page-archive');
    expect((await run(['archive', '--out', out])).code).toBe(0);
    expect((await run(['archive', 'verify', out])).code).toBe(0);
    writeFileSync(join(out, 'index.html'), '<!doctype html><p>Every period covered.</p>');
    const verified = await run(['archive', 'verify', out]);
    expect(verified.code).toBe(3);
    expect(verified.stderr).toContain('index.html');
    const { term } = await run(['--version']);
    const evidence = await archiveEvidence({ path: db, term, t }, 'A2DEMO5ELLER7Q', DAY, t);
    expect(evidence).toMatchObject({ status: 'changed', changed: ['index.html'] });
  });
});

describe('index.html in the manifest', () => {
  const unit = (id: string): ArchiveUnit => ({ id, kind: 'all-orders', marketplaces: [], period: { from: '2026-11-01', to: '2026-11-02' } });
  const naming = (name: string): ArchiveSource => ({ id: 'demo', sellerId: 'A2DEMO5ELLER7Q', regions: [], units: () => Promise.resolve([unit('u1')]), fetch: () => Promise.resolve({ type: 'file', name, chunks: [Buffer.from('data\n')], rows: () => 0, origin: { type: 'demo', reportType: 'x' } }) });

  it('a source file named index.html or manifest.json is never written nor listed (listed, the page overwrote it and the fresh archive failed its own verify)', async () => {
    for (const name of ['index.html', 'Manifest.json']) {
      const dir = join(home, `reserved-${name}`);
      const failure = await buildArchive(new ArchiveFolder(dir, t), naming(name), { day: DAY, required: [], now: () => Date.parse(`${DAY}T12:00:00Z`), page: () => 'PAGE' }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Error);
      expect(readdirSync(dir).filter((f) => !f.startsWith('.'))).toEqual(['manifest.json']);
      expect(manifestSchema.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))).files).toEqual([]);
    }
  });

  it('a manifest listing index.html does not parse: verify refuses it (exit 2) rather than checking the page against two hashes', async () => {
    const dir = join(home, 'page-listed');
    await buildArchive(new ArchiveFolder(dir, t), naming('all-orders_x.txt'), { day: DAY, required: [], now: () => Date.parse(`${DAY}T12:00:00Z`) });
    const text = readFileSync(join(dir, 'manifest.json'), 'utf8').replace('all-orders_x.txt', 'index.html');
    writeFileSync(join(dir, 'manifest.json'), text);
    const failure = await verifyArchive(dir, new Set([manifestHash(dir)]), t).catch((error: unknown) => error);
    expect((failure as { exitCode?: number }).exitCode).toBe(2);
  });
});

describe('archived again into the same folder on a later day', () => {
  it('fetches only what is new, covers as of the new day, and says so (it said "covered" as of the old day, fetching nothing)', async () => {
    const out = join(home, 'later');
    const first = await run(['archive', '--out', out, '--as-of', '2026-11-01', '--json']);
    expect(first.code, first.stderr).toBe(0);
    const before = JSON.parse(first.stdout) as { files: { listed: number; fetched: number } };
    const again = await run(['archive', '--out', out, '--json']);
    expect(again.code, again.stderr).toBe(0);
    const doc = JSON.parse(again.stdout) as { archive: { day: string }; gaps: unknown[]; files: { listed: number; fetched: number; reused: number } };
    expect(doc.archive.day).toBe(DAY);
    expect(doc.gaps).toEqual([]);
    expect(doc.files.fetched).toBeGreaterThan(0);
    expect(doc.files.fetched).toBeLessThan(before.files.fetched);
    expect(doc.files.reused).toBeLessThanOrEqual(doc.files.listed);
    const { term } = await run(['--version']);
    const evidence = await archiveEvidence({ path: db, term, t }, 'A2DEMO5ELLER7Q', DAY, t);
    expect(evidence!.status).toBe('intact');
    expect(evidence!.coverage.every((c) => c.gaps.length === 0)).toBe(true);
  });
});

describe('a file cut short, then archived again on a later day', () => {
  it('the damaged file is removed (said), not left unlisted: the new archive verifies (it failed its own verify, naming the file unlisted)', async () => {
    const dir = join(home, 'cut-later');
    const removed: string[] = [];
    const build = (day: string) => buildArchive(new ArchiveFolder(dir, t), demoArchiveSource(demoSeller('blocked')), { day, required: requiredCoverage(day, ['north-america']), now: () => Date.parse(`${day}T12:00:00Z`), onDamaged: (file) => removed.push(file) });
    const first = await build('2026-11-01');
    const victim = first.manifest.files.find((f) => f.file && f.kind === 'all-orders')!.file!;
    writeFileSync(join(dir, victim), readFileSync(join(dir, victim)).subarray(0, 20));
    const second = await build(DAY);
    expect(removed).toEqual([victim]);
    const verdict = await verifyArchive(dir, new Set([second.manifestSha256]), t);
    expect(verdict.changed).toEqual([]);
  });
});

describe('a report file edited, then archived again into the same folder', () => {
  it('its new copy is kept beside the old one under another name, and the archive verifies (the copy overwrote the kept file, and the new archive failed its own verify)', async () => {
    const reports = join(home, 'edited-reports');
    mkdirSync(reports);
    writeReport(reports, 'orders.txt', [HEADERS.allOrders, order('111-1111111-0000001', '2026-11-20')]);
    const out = join(home, 'edited-archive');
    const args = ['archive', '--adapter', 'reports', '--reports-dir', reports, '--seller-id', 'EDITED1SELLER', '--out', out];
    expect((await run(args)).code).toBe(3);
    writeReport(reports, 'orders.txt', [HEADERS.allOrders, order('111-1111111-0000001', '2026-11-20'), order('111-1111111-0000002', '2026-11-21')]);
    expect((await run(args)).code).toBe(3);
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')));
    expect(new Set(manifest.files.map((f) => f.file)).size).toBe(2);
    const verified = await run(['archive', 'verify', out]);
    expect(verified.code, verified.stderr).toBe(0);
  });
});

describe('an archive as of a day still to come', () => {
  it('is refused (exit 2, nothing written): it recorded the months to come as "no data" and data-export passed on that day', async () => {
    const out = join(home, 'future');
    const result = await run(['archive', '--out', out, '--as-of', '2027-06-01']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('2027-06-01');
    expect(() => readdirSync(out)).toThrow();
  });
});

describe('a forged archive record in the audit log', () => {
  it('an archive event added outside close-account (the chain broken) vouches for nothing: dry-run data-export fails, archive verify names manifest.json', async () => {
    const { default: Database } = await import('better-sqlite3');
    const { createHash } = await import('node:crypto');
    const forgedDb = join(home, 'forged.db');
    const out = join(home, 'forged-archive');
    const runOn = async (argv: string[]) => {
      const term = fakeTerminal({ env: { HOME: home, XDG_STATE_HOME: join(home, 'state') } });
      const code = await main([...argv, '--audit-db', forgedDb], term, { version: '1' });
      return { code, stdout: term.output(), stderr: term.errors() };
    };
    expect((await runOn(['archive', '--out', out])).code).toBe(0);
    // The forger edits a file, fixes the manifest to match, and adds a record of that manifest's hash.
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')));
    const victim = manifest.files.find((f) => f.kind === 'all-orders' && f.file)!;
    const lines = readFileSync(join(out, victim.file!), 'utf8').split('\n');
    const edited = Buffer.from([lines[0], ...lines.slice(2)].join('\n'));
    writeFileSync(join(out, victim.file!), edited);
    victim.sha256 = createHash('sha256').update(edited).digest('hex');
    victim.bytes = edited.byteLength;
    const text = `${JSON.stringify(manifest, null, 2)}\n`;
    writeFileSync(join(out, 'manifest.json'), text);
    const db = new Database(forgedDb);
    const last = db.prepare('SELECT seq, hash FROM records ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
    const body = JSON.stringify({ dir: out, seller: 'A2DEMO5ELLER7Q', source: 'demo', day: manifest.day, manifestSha256: createHash('sha256').update(text).digest('hex'), files: 1, complete: true, gaps: 0 });
    db.prepare('INSERT INTO records (seq, at, run_id, type, request_id, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(last.seq + 1, '2026-11-26T13:00:00.000Z', 'run-forged', 'archive', null, body, last.hash, '0'.repeat(64));
    db.close();
    const dry = await runOn(['check', '--dry-run', '--json', '--attest', 'all']);
    const check = (JSON.parse(dry.stdout) as { checks: { id: string; status: string }[] }).checks.find((c) => c.id === 'data-export')!;
    expect(check.status).toBe('fail');
    const verified = await runOn(['archive', 'verify', out]);
    expect(verified.code).toBe(3);
    expect(verified.stderr).toContain('manifest.json');
  });
});

describe('a gzipped report in the folder', () => {
  it('is copied as it is, and its rows are counted in the text it holds (the manifest said 2 of 40)', async () => {
    const reports = join(home, 'gz-reports');
    mkdirSync(reports);
    const rows = Array.from({ length: 40 }, (_, i) => row(HEADERS.allOrders, { 'amazon-order-id': `111-1111111-${String(i).padStart(7, '0')}`, 'purchase-date': `2026-0${(i % 9) + 1}-02T10:00:00+00:00`, 'order-status': 'Shipped', 'fulfillment-channel': 'Amazon', 'sales-channel': 'Amazon.com' }));
    writeReport(reports, 'orders.txt.gz', [HEADERS.allOrders, ...rows], { gzip: true });
    const out = join(home, 'gz-archive');
    expect((await run(['archive', '--adapter', 'reports', '--reports-dir', reports, '--seller-id', 'GZSELLER', '--out', out])).code).toBe(3);
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')));
    expect(manifest.files.map((f) => f.rows)).toEqual([40]);
    expect(readFileSync(join(out, manifest.files[0]!.file!))).toEqual(readFileSync(join(reports, 'orders.txt.gz')));
  });
});

describe('the seller an archive is filed under', () => {
  it('is a merchant token: a --seller-id with terminal escapes or markup is refused before anything is written (it was stored raw in manifest.json and index.html)', async () => {
    for (const sellerId of ['A2DEMO\u001b]0;pwned\u0007', '<img src=x onerror=alert(1)>', 'A2 DEMO5ELLER']) {
      const out = join(home, `bad-seller-${sellerId.length}`);
      const result = await run(['archive', '--adapter', 'reports', '--reports-dir', home, '--seller-id', sellerId, '--out', out]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('Merchant Token');
      expect(() => readdirSync(out)).toThrow();
    }
  });
});
