// data-export judged from the archive: pure (the verification and coverage are data passed in),
// and through `check` after `archive`, in every language.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { coverageOf, requiredCoverage } from '../../src/core/archive-coverage.js';
import { checkDataExport, type ArchiveEvidence } from '../../src/core/checks/data-export.js';
import { main } from '../../src/main.js';
import { translator } from '../../src/messages/catalogue.js';
import { ja } from '../../src/messages/ja.js';
import { zhCN } from '../../src/messages/zh-CN.js';
import { readinessJsonSchema } from '../../src/render/json-schema.js';
import { planJsonSchema } from '../../src/render/plan-json-schema.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';

const DAY = '2026-11-26';
const full = (regions: string[]) => requiredCoverage(DAY, regions).map((r) => ({ kind: r.kind, period: r.period }));
const evidence = (regions: string[], items = full(regions), status: ArchiveEvidence['status'] = 'intact', changed: string[] = []): ArchiveEvidence => ({
  dir: '/archive',
  day: DAY,
  status,
  changed,
  coverage: coverageOf(requiredCoverage(DAY, regions), items),
});

describe('checkDataExport (pure)', () => {
  for (const [language, messages] of [['en', undefined], ['ja', ja], ['zh-CN', zhCN]] as const) {
    const t = translator(messages);
    const ctx = { asOf: DAY, t };
    it(`${language}: passes where no tax document is left, names gaps and changed files, schedules the 1099-K`, () => {
      expect(checkDataExport(evidence([]), ['japan'], false, ctx).status).toBe('pass');
      const withGap = full([]).filter((i) => i.kind !== 'returns');
      const gaps = checkDataExport(evidence([], withGap), ['japan'], true, ctx);
      expect(gaps.status).toBe('fail');
      expect(gaps.items).toEqual([{ kind: 'returns', from: '2024-11-26', to: DAY }]);
      expect(gaps.summary).toContain(t('archive.kind', { kind: 'returns' }));
      const changed = checkDataExport(evidence([], undefined, 'changed', ['all-orders_x.txt']), ['japan'], true, ctx);
      expect(changed.status).toBe('fail');
      expect(changed.summary).toContain('all-orders_x.txt');
      // North America: the 1099-K is left, available by 31 January next year; a confirmation, dated.
      const us = checkDataExport(evidence(['north-america']), ['north-america'], false, ctx);
      expect(us).toMatchObject({ status: 'manual', confirmed: false, clearsOn: '2027-01-31' });
      expect(us.summary).toContain('1099-K');
      expect(checkDataExport(evidence(['north-america']), ['north-america'], true, ctx)).toMatchObject({ status: 'manual', confirmed: true });
      // Europe: VAT transactions are required of the archive, and VAT invoices left to confirm.
      const eu = checkDataExport(evidence(['europe'], full(['europe']).filter((i) => i.kind !== 'vat-transactions')), ['europe'], false, ctx);
      expect(eu.items[0]).toMatchObject({ kind: 'vat-transactions' });
    });
  }

  it('losing any file of a complete archive never makes the verdict less strict (fail or stays)', () => {
    const ctx = { asOf: DAY, t: translator() };
    const items = full([]);
    for (let i = 0; i < items.length; i++) {
      const fewer = items.filter((_, j) => j !== i);
      expect(checkDataExport(evidence([], fewer), ['japan'], true, ctx).status).toBe('fail');
    }
  });
});

describe('check after archive (the demo seller)', () => {
  const home = mkdtempSync(join(tmpdir(), 'ca-data-export-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  const db = join(home, 'audit.db');
  const run = async (argv: string[]) => {
    const term = fakeTerminal({ env: { HOME: home, XDG_STATE_HOME: join(home, 'state') } });
    const code = await main([...argv, '--audit-db', db], term, { version: '1' });
    return { code, stdout: term.output(), stderr: term.errors() };
  };
  const dataExport = async (argv: string[] = []) => {
    const doc = readinessJsonSchema.parse(JSON.parse((await run(['check', '--json', ...argv])).stdout));
    return doc.checks.find((c) => c.id === 'data-export')!;
  };

  it('without an archive: the question, as before', async () => {
    expect(await dataExport()).toMatchObject({ status: 'manual', confirmed: false, clearsOn: null });
  });

  it('an archive made weeks ago: fails, naming what happened since', async () => {
    expect((await run(['archive', '--as-of', '2026-11-01', '--out', join(home, 'old')])).code).toBe(0);
    const check = await dataExport();
    expect(check.status).toBe('fail');
    expect(check.items).toContainEqual({ kind: 'all-orders', from: '2026-11-02', to: DAY });
  });

  it("today's archive: only the 1099-K is left, dated for the plan; confirmed, it is done", async () => {
    expect((await run(['archive', '--out', join(home, 'today')])).code).toBe(0);
    const check = await dataExport();
    expect(check).toMatchObject({ status: 'manual', confirmed: false, clearsOn: '2027-01-31', basis: 'data' });
    expect(check.summary).toContain(join(home, 'today'));
    expect(await dataExport(['--attest', 'data-export'])).toMatchObject({ status: 'manual', confirmed: true, basis: 'both' });
    const plan = planJsonSchema.parse(JSON.parse((await run(['plan', '--json'])).stdout));
    // The records step is never done before the 1099-K appears (here the 90 days end later still).
    expect(plan.steps.find((s) => s.id === 'download-records')!.doneBy >= '2027-01-31').toBe(true);
  });
});
