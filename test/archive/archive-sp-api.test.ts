// The SP-API archive against the fake SP-API, in this process on one virtual clock shared with the
// fake (report production delays and createReport's rate take no real time): every kind, every
// fault, each report created once and only when the archive needs it, at the documented rate.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { virtualClock } from '../../src/adapters/sp-api/clock.js';
import { USAGE_PLANS } from '../../src/adapters/sp-api/models/usage-plans.js';
import { spApiSettings } from '../../src/adapters/sp-api/sp-api-settings.js';
import { ArchiveFolder, hashFile } from '../../src/archive/archive-folder.js';
import { buildArchive } from '../../src/archive/build-archive.js';
import { ARCHIVE_REPORT_PLAN } from '../../src/archive/report-plan.js';
import { createSpApiArchive } from '../../src/archive/sp-api-archive.js';
import { requiredCoverage } from '../../src/core/archive-coverage.js';
import { ALL_FAULTS, NO_FAULTS, startFakeSpApi, type FakeSpApi, type Faults } from '../helpers/fake-sp-api.js';
import { t } from '../helpers/records.js';
import { POLL, TEST_NOW } from '../helpers/sp-api-session.js';

const DAY = '2026-11-26';
const opened: { fake: FakeSpApi; dir: string }[] = [];
afterEach(async () => {
  for (const { fake, dir } of opened.splice(0)) {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Every fault the fake has, over the quiet demo seller: 429s, 503s, slow answers, pages, expiring tokens, gzip, damaged downloads, production delays. */
const EVERY_FAULT: Faults = {
  ...ALL_FAULTS,
  slowMs: 0,
  gzipCp1252: false,
  gzipReports: ['GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', 'GET_LEDGER_DETAIL_VIEW_DATA', 'GET_FBA_REIMBURSEMENTS_DATA'],
  damagedDownloads: 1,
  reportsPageSize: 2,
  reportDelayMs: 90_000,
};

async function archiveAgainstFake(faults: Faults, dir?: string) {
  const clock = virtualClock(TEST_NOW);
  const fake = await startFakeSpApi('blocked', { ...faults, tokenLifetime: 3600 }, { now: clock.now });
  const folder = dir ?? mkdtempSync(join(tmpdir(), 'ca-archive-sp-'));
  opened.push({ fake, dir: folder });
  const settings = spApiSettings(fake.env, null, t, () => {});
  const archive = await createSpApiArchive({ settings, t, clock, userAgent: 'test', poll: POLL });
  const progress: (number | null)[] = [];
  const result = await buildArchive(new ArchiveFolder(folder, t), archive.source, { day: DAY, required: requiredCoverage(DAY, archive.source.regions), now: clock.now, onProgress: (p) => progress.push(p.etaMs) });
  await archive.close();
  return { fake, result, dir: folder, clock, calls: archive.calls(), progress };
}

describe('archive --adapter sp-api against the fake', () => {
  it('with every fault on: a complete archive of every kind, each report created once, at the documented rate', async () => {
    const { fake, result, dir, clock, calls, progress } = await archiveAgainstFake(EVERY_FAULT);
    expect(result.manifest.problems).toEqual([]);
    expect(result.gaps).toEqual([]);
    expect(result.manifest.complete).toBe(true);
    const kinds = new Set(result.manifest.files.map((f) => f.kind));
    for (const kind of ['all-orders', 'settlements', 'returns', 'removal-orders', 'fba-reimbursements', 'inventory-ledger', 'seller-performance', 'financial-events']) expect(kinds, kind).toContain(kind);

    // Every report created is one the archive needs, and none twice (type, marketplaces, period).
    const created = fake.reports();
    const keys = created.map((r) => `${r.reportType}|${r.marketplaceIds?.join('+')}|${r.dataStartTime}|${r.dataEndTime}`);
    expect(new Set(keys).size).toBe(keys.length);
    const planned = new Set(Object.values(ARCHIVE_REPORT_PLAN).map((p) => p.reportType));
    for (const report of created) expect(planned).toContain(report.reportType);
    expect(created.some((r) => r.reportType === 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2')).toBe(false);
    const createUnits = result.manifest.files.filter((f) => ARCHIVE_REPORT_PLAN[f.kind]?.via === 'create').length;
    expect(created.length).toBe(createUnits);

    // createReport's bucket: 15 at once, then one per 1/0.0167 s (the model's usage plan), never faster.
    const { rate, burst } = USAGE_PLANS.createReport;
    const at = created.map((r) => Date.parse(r.createdTime)).sort((a, b) => a - b);
    // Measured from the run's start, where the bucket is full: the k-th report Amazon sees comes no
    // earlier than the bucket allows. (Pairwise gaps between arrival stamps are no measure here:
    // on the virtual clock, concurrent waiters move time on while an earlier request is still on its
    // way, so it is stamped late, never early; a lower bound from the start is immune to that.)
    for (let k = burst; k < at.length; k++) expect((at[k]! - TEST_NOW) / 1000, `createReport #${k + 1}`).toBeGreaterThanOrEqual((k - burst + 1) / rate - 1);

    // Settlements: listed page by page (nextToken alone), each downloaded and kept whole.
    const nextTokenPages = fake.requests.filter((r) => r.operation === 'getReports' && r.path.includes('nextToken=') && r.status === 200);
    expect(nextTokenPages.length).toBeGreaterThan(0);
    expect(nextTokenPages.every((r) => !/[?&](reportTypes|pageSize)=/.test(r.path))).toBe(true);
    const settlementFiles = result.manifest.files.filter((f) => f.kind === 'settlements');
    expect(settlementFiles.length).toBe(fake.settlementReports().length);

    // A damaged gzip download was fetched again, and what is kept is the document, unpacked, whole.
    for (const report of fake.settlementReports()) expect(fake.downloads.get(report.reportDocumentId!)).toBe(2);
    const one = settlementFiles.find((f) => f.file)!;
    const kept = readFileSync(join(dir, one.file!), 'utf8');
    expect(kept.split('\n')[0]).toContain('settlement-id');
    expect((await hashFile(join(dir, one.file!))).sha256).toBe(one.sha256);

    // Windows Amazon accepts: orders 30 days, returns 60 (cancelled beyond, per the fake's cited rules).
    for (const f of result.manifest.files.filter((x) => x.kind === 'all-orders')) expect(Date.parse(f.period.to) - Date.parse(f.period.from)).toBeLessThan(30 * 86_400_000);
    // A window without orders came back CANCELLED: empty for its period, no file.
    expect(result.manifest.files.some((f) => f.kind === 'all-orders' && f.file === null && f.rows === 0)).toBe(true);
    // The run took virtual time, at least the floor the documented rate allows.
    expect(clock.now() - TEST_NOW).toBeGreaterThanOrEqual(((created.length - burst) / rate) * 1000 - 1000);
    expect(calls.createReport).toBeGreaterThanOrEqual(created.length);
    // The ETA is honest: at the start, the floor the createReport rate allows for every report to make; at the end, nothing.
    expect(progress[0]).toBeGreaterThanOrEqual(((created.length - burst) / rate) * 1000 - 1000);
    expect(progress.at(-1)).toBe(0);
  }, 60_000);

  it('a report Amazon aborts (FATAL) is a problem and a named gap; a document damaged every time is reported after its retries', async () => {
    const { result } = await archiveAgainstFake({ ...NO_FAULTS, fatalReports: ['GET_FBA_REIMBURSEMENTS_DATA'], gzipReports: ['GET_LEDGER_DETAIL_VIEW_DATA'], damagedDownloads: 99 });
    expect(result.manifest.problems.map((p) => [p.kind, p.status])).toEqual([
      ['fba-reimbursements', 'FATAL'],
      ['inventory-ledger', 'DOWNLOAD_FAILED'],
    ]);
    expect(result.gaps.map((g) => g.kind)).toEqual(['fba-reimbursements', 'inventory-ledger']);
  }, 60_000);

  it('resumed after a stop, nothing already written is asked for or downloaded again', async () => {
    const first = await archiveAgainstFake(NO_FAULTS);
    const before = first.fake.reports().length;
    // The same folder, a new process's worth of state: every unit is already whole.
    const again = await archiveAgainstFake(NO_FAULTS, first.dir);
    opened.splice(opened.findIndex((o) => o.dir === first.dir && o.fake === again.fake), 1);
    expect(again.result.fetched).toBe(0);
    expect(again.fake.reports()).toEqual([]);
    expect([...again.fake.downloads.values()]).toEqual([]);
    expect(before).toBeGreaterThan(15);
  }, 60_000);
});
