// index.html beside the manifest: coverage as a timeline per kind (covered green, empty grey, gaps
// red), and every file linked. One self-contained page (inline CSS, no script, no external asset)
// that opens offline; every text from the data is escaped.

import { daysBetween } from '../core/dates.js';
import type { KindCoverage, Period } from '../core/archive-coverage.js';
import type { Manifest } from '../archive/manifest.js';
import type { Translate } from '../messages/catalogue.js';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function bar(required: Period, part: Period, cls: string, title: string): string {
  const total = Math.max(1, daysBetween(required.from, required.to) + 1);
  const left = (daysBetween(required.from, part.from) / total) * 100;
  const width = Math.max(0.4, ((daysBetween(part.from, part.to) + 1) / total) * 100);
  return `<span class="${cls}" style="left:${left.toFixed(3)}%;width:${width.toFixed(3)}%" title="${escapeHtml(title)}"></span>`;
}

export function archiveIndexHtml(manifest: Manifest, coverage: readonly KindCoverage[], t: Translate): string {
  const title = t('archive.index-title', { seller: manifest.seller.id, day: manifest.day });
  const rows = coverage.map((c) => {
    const kindName = t('archive.kind', { kind: c.kind });
    const empties = manifest.files.filter((f) => f.kind === c.kind && f.file === null);
    const bars = [
      ...c.covered.map((p) => bar(c.required, p, 'covered', `${p.from} – ${p.to}`)),
      ...empties.map((f) => bar(c.required, f.period, 'empty', `${f.period.from} – ${f.period.to}: ${t('archive.index-empty')}`)),
      ...c.gaps.map((p) => bar(c.required, p, 'gap', t('archive.gap', { kind: kindName, from: p.from, to: p.to }))),
    ].join('');
    const gapText = c.gaps.map((p) => `<li class="gap-text" data-kind="${escapeHtml(c.kind)}">${escapeHtml(t('archive.gap', { kind: kindName, from: p.from, to: p.to }))}</li>`).join('');
    return `<tr data-kind="${escapeHtml(c.kind)}"><th>${escapeHtml(kindName)}<div class="range">${escapeHtml(c.required.from)} – ${escapeHtml(c.required.to)}</div></th><td><div class="timeline">${bars}</div>${gapText ? `<ul>${gapText}</ul>` : ''}</td></tr>`;
  });
  const files = manifest.files
    .filter((f) => f.file !== null)
    .map((f) => `<tr><td>${escapeHtml(t('archive.kind', { kind: f.kind }))}</td><td>${escapeHtml(f.period.from)} – ${escapeHtml(f.period.to)}</td><td>${escapeHtml(f.marketplaces.join(', '))}</td><td class="n">${f.rows}</td><td class="n">${f.bytes}</td><td><a href="${encodeURIComponent(f.file!)}">${escapeHtml(f.file!)}</a><br><code>SHA-256 ${escapeHtml(f.sha256 ?? '')}</code></td></tr>`);
  return `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #ddd;vertical-align:top}
.coverage th{width:14em}
.range{font-weight:normal;color:#666;font-size:12px}
.timeline{position:relative;height:18px;background:#f4f4f4;border:1px solid #ccc}
.timeline span{position:absolute;top:0;bottom:0}
.covered{background:#2e9d4f}
.empty{background:#b5b5b5}
.gap{background:#e0001b;outline:2px solid #e0001b}
.gap-text{color:#e0001b;font-weight:bold}
ul{margin:4px 0;padding-left:1.2em}
.n{text-align:right}
code{font-size:11px;color:#555;word-break:break-all}
.files td:nth-child(2){white-space:nowrap}
.files td:nth-child(6){word-break:break-all}
.sample-note{color:#8a5a00;font-weight:bold}
.legend span{display:inline-block;width:1em;height:1em;vertical-align:middle;margin:0 4px}
</style></head><body>
<h1>${escapeHtml(title)}</h1>
${manifest.source === 'demo' ? `<p class="sample-note">${escapeHtml(t('demo.banner'))}</p>\n` : ''}<p class="legend"><span class="covered"></span><span class="empty"></span><span class="gap"></span>${escapeHtml(t('archive.index-legend'))}</p>
<h2>${escapeHtml(t('archive.heading-coverage'))}</h2>
<table class="coverage">${rows.join('\n')}</table>
<h2>${escapeHtml(t('archive.index-files'))}</h2>
<table class="files">${files.join('\n')}</table>
</body></html>
`;
}
