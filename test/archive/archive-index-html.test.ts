// index.html opened in a real headless Chromium (Debian's chromium): every kind and every gap is
// on the page, every file is linked, text from the data stays text, and nothing is fetched from
// anywhere (the page is self-contained). A screenshot is written for a person to look at.

import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoSeller } from '../../src/adapters/demo/demo-seller.js';
import { ArchiveFolder } from '../../src/archive/archive-folder.js';
import { buildArchive, type ArchiveSource } from '../../src/archive/build-archive.js';
import { demoArchiveSource } from '../../src/archive/demo-archive.js';
import { manifestCoverage } from '../../src/archive/verify-archive.js';
import { allGaps, requiredCoverage } from '../../src/core/archive-coverage.js';
import { translator } from '../../src/messages/catalogue.js';
import { archiveIndexHtml } from '../../src/render/archive-index-html.js';
import { renderedDomAndScreenshot } from '../helpers/headless-chromium.js';

const t = translator();
const dir = mkdtempSync(join(tmpdir(), 'ca-archive-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOSTILE = '<img src=x onerror="document.title=1">&amp;';

describe('the archive index in a real browser', () => {
  it('shows every kind and every gap, links every file, keeps hostile text as text', async () => {
    const demo = demoArchiveSource(demoSeller('blocked'));
    // Two kinds lose windows (as when Amazon aborts them); the seller id is hostile text.
    const source: ArchiveSource = {
      ...demo,
      sellerId: HOSTILE,
      fetch: async (unit) => (unit.kind === 'returns' && unit.period.from < '2025-06-01') || unit.kind === 'seller-performance' ? { type: 'problem', status: 'FATAL', detail: 'aborted' } : demo.fetch(unit),
    };
    const DAY = '2026-11-26';
    const { manifest } = await buildArchive(new ArchiveFolder(dir, t), source, { day: DAY, required: requiredCoverage(DAY, ['north-america']), now: () => Date.parse(`${DAY}T12:00:00Z`) });
    const coverage = manifestCoverage(manifest);
    const gaps = allGaps(coverage);
    expect(gaps.map((g) => g.kind)).toEqual(['returns', 'seller-performance']);
    const page = join(dir, 'index.html');
    await new ArchiveFolder(dir, t).writeFile('index.html', [Buffer.from(archiveIndexHtml(manifest, coverage, t))]);

    const png = join(dir, 'index.png');
    const dom = await renderedDomAndScreenshot(page, png, 1200, 900);
    for (const c of coverage) expect(dom, c.kind).toContain(`data-kind="${c.kind}"`);
    for (const g of gaps) expect(dom).toContain(t('archive.gap', { kind: t('archive.kind', { kind: g.kind }), from: g.gap.from, to: g.gap.to }));
    expect((dom.match(/class="gap" style=/g) ?? []).length).toBe(gaps.length);
    for (const f of manifest.files.filter((x) => x.file)) expect(dom).toContain(`href="${encodeURIComponent(f.file!)}"`);
    // The hostile seller id is on the page as text: no element came of it.
    expect(dom).not.toMatch(/<img/i);
    expect(dom).toContain('&lt;img src=x');
    // Self-contained: no URL to anywhere but the files beside it.
    const html = readFileSync(page, 'utf8');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);

    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    // Kept for a person to look at, when asked.
    if (process.env.ARCHIVE_SCREENSHOT) copyFileSync(png, process.env.ARCHIVE_SCREENSHOT);
  }, 60_000);
});
