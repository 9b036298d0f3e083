// `close-account archive` and `archive verify` through the real program (in-process): the demo
// seller's whole archive, its JSON documents held to their schemas, the manifest's hash in the
// audit log, a tampered file caught, and a folder of report files copied as they are.

import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { manifestSchema } from '../../src/archive/manifest.js';
import { main } from '../../src/main.js';
import { archiveJsonSchema, archiveVerifyJsonSchema } from '../../src/render/archive-json-schema.js';
import { AuditLog } from '../../src/audit/audit-log.js';
import { readAudit } from '../helpers/audit.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';
import { HEADERS, row, writeReport } from '../helpers/report-fixtures.js';

const home = mkdtempSync(join(tmpdir(), 'ca-archive-cli-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const db = join(home, 'audit.db');

async function run(argv: string[], options: { tty?: boolean; lang?: string } = {}) {
  const term = fakeTerminal({ tty: options.tty, env: { HOME: home, XDG_STATE_HOME: join(home, 'state'), ...(options.lang ? { LANG: options.lang } : {}) } });
  const code = await main([...argv, '--audit-db', db], term, { version: '1' });
  return { code, stdout: term.output(), stderr: term.errors() };
}

describe('archive on the demo seller', () => {
  const dir = join(home, 'demo-archive');

  it('writes a complete archive with no gaps, records its manifest hash, and prints one JSON document', async () => {
    const result = await run(['archive', '--out', dir, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const doc = archiveJsonSchema.parse(JSON.parse(result.stdout));
    expect(doc.gaps).toEqual([]);
    expect(doc.archive.complete).toBe(true);
    expect(doc.files.listed).toBeGreaterThan(10);
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
    expect(new Set(manifest.files.map((f) => f.kind))).toEqual(new Set(['all-orders', 'settlements', 'returns', 'removal-orders', 'fba-reimbursements', 'inventory-ledger', 'seller-performance', 'financial-events', 'vat-transactions']));
    const log = AuditLog.open(db);
    const recorded = log.recordsOfType('archive');
    log.close();
    expect(recorded.map((r) => (r.body as { manifestSha256: string }).manifestSha256)).toEqual([doc.archive.manifestSha256]);
    expect(readAudit(db).intact).toBe(true);
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain('<!doctype html>');
  });

  it('archive verify: intact (exit 0), in text and JSON, with or without the folder named', async () => {
    const text = await run(['archive', 'verify', dir]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('intact');
    const json = await run(['archive', 'verify', '--json']);
    expect(archiveVerifyJsonSchema.parse(JSON.parse(json.stdout)).status).toBe('intact');
  });

  it('a tampered file: exit 3 naming it; a manifest edited to match: exit 3 naming manifest.json', async () => {
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
    const victim = manifest.files.find((f) => f.kind === 'all-orders' && f.file)!;
    const original = readFileSync(join(dir, victim.file!));
    appendFileSync(join(dir, victim.file!), '111-0000000-0000000\t\t2026-01-01\n');
    const changed = await run(['archive', 'verify', dir]);
    expect(changed.code).toBe(3);
    expect(changed.stderr).toContain(victim.file!);
    const json = await run(['archive', 'verify', dir, '--json']);
    expect(archiveVerifyJsonSchema.parse(JSON.parse(json.stdout)).changed).toEqual([{ file: victim.file, problem: 'changed' }]);
    // The forger also fixes the manifest's hash and size: the audit log still knows the old manifest.
    const { createHash } = await import('node:crypto');
    const now = readFileSync(join(dir, victim.file!));
    victim.sha256 = createHash('sha256').update(now).digest('hex');
    victim.bytes = now.byteLength;
    writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const forged = await run(['archive', 'verify', dir]);
    expect(forged.code).toBe(3);
    expect(forged.stderr).toContain('manifest.json');
    writeFileSync(join(dir, victim.file!), original);
  });

  it('says it in Japanese and Chinese too', async () => {
    const other = join(home, 'demo-ja');
    const ja = await run(['archive', '--out', other, '--lang', 'ja']);
    expect(ja.code, ja.stderr).toBe(0);
    expect(ja.stdout).toContain('アーカイブを');
    const zh = await run(['archive', 'verify', other, '--lang', 'zh-CN']);
    expect(zh.stdout).toContain('存档');
  });

  it('a folder that cannot be written is exit 2 naming it, nothing half-written', async () => {
    writeFileSync(join(home, 'a-file'), '');
    const result = await run(['archive', '--out', join(home, 'a-file', 'sub')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(join(home, 'a-file'));
  });

  it('progress goes to stderr on a terminal, never to stdout', async () => {
    const result = await run(['archive', '--out', join(home, 'demo-tty')], { tty: true });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/\[#+\] Archiving \d+\/\d+/);
    expect(result.stdout).not.toContain('Archiving');
  });
});

describe('archive --adapter reports', () => {
  it('copies each recognised file byte for byte, dated by its rows; what it lacks are named gaps (exit 3)', async () => {
    const reports = join(home, 'reports');
    mkdirSync(reports);
    writeReport(reports, 'orders.txt', [
      HEADERS.allOrders,
      row(HEADERS.allOrders, { 'amazon-order-id': '111-1111111-0000001', 'purchase-date': '2025-01-02T10:00:00+00:00', 'order-status': 'Shipped', 'fulfillment-channel': 'Amazon', 'sales-channel': 'Amazon.com' }),
      row(HEADERS.allOrders, { 'amazon-order-id': '111-1111111-0000002', 'purchase-date': '2026-11-20T10:00:00+00:00', 'order-status': 'Shipped', 'fulfillment-channel': 'Amazon', 'sales-channel': 'Amazon.com' }),
    ]);
    writeFileSync(join(reports, 'notes.txt'), 'not a report\n');
    const out = join(home, 'reports-archive');
    const result = await run(['archive', '--adapter', 'reports', '--reports-dir', reports, '--out', out, '--json', '--as-of', '2026-11-26']);
    expect(result.code, result.stderr).toBe(3);
    const doc = archiveJsonSchema.parse(JSON.parse(result.stdout));
    const orders = doc.coverage.find((c) => c.kind === 'all-orders')!;
    expect(orders.covered).toEqual([{ from: '2025-01-02', to: '2026-11-20' }]);
    expect(orders.gaps).toEqual([
      { from: '2024-11-26', to: '2025-01-01' },
      { from: '2026-11-21', to: '2026-11-26' },
    ]);
    expect(doc.gaps.map((g) => g.kind)).toContain('settlements');
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')));
    const copied = manifest.files.find((f) => f.kind === 'all-orders')!;
    expect(readFileSync(join(out, copied.file!))).toEqual(readFileSync(join(reports, 'orders.txt')));
    expect(copied.origin).toEqual({ type: 'file', sourceFile: 'orders.txt' });
    expect(copied.rows).toBe(2);
    expect(result.stderr).toContain('notes.txt');
  });
});
