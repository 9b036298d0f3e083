// The closure dossier's views for people and spreadsheets (Markdown, HTML, CSV) of the one value
// the audit module gathers (audit/dossier-data.ts): this file formats, it does not query.

import { REQUEST_STATES } from '../audit/request-states.js';
import type { Dossier } from '../audit/dossier-data.js';
import { csvRow } from './csv.js';
import { CHECK_IDS, CHECK_STATUSES, type CheckId, type CheckResult } from '../core/check-result.js';
import { VERDICTS } from '../core/verdict.js';
import { closureRequestText } from '../core/closure-request.js';
import type { PlainMessageKey, Translate } from '../messages/catalogue.js';

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
/** Quoted text in Markdown: what could open raw HTML, a link, an image, code, emphasis, an entity or a table cell is backslash-escaped (CommonMark), line breaks become spaces. */
const md = (text: string) => String(text).replace(/[\r\n]+/g, ' ').replace(/[\\`*_[\]<>|~!&]/g, (c) => `\\${c}`);
const cell = md;
/** A code fence longer than any run of backticks in what it holds, so the text cannot close it. */
const fenceFor = (text: string) => '`'.repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));

function chainLine(dossier: Dossier, t: Translate): string {
  const { chain } = dossier;
  return chain.intact
    ? t('dossier.chain-intact', { records: chain.records, head: chain.head })
    : t('dossier.chain-broken', { seq: chain.problem?.seq ?? 0, kind: chain.problem?.kind ?? '' });
}

/** The words of a dossier a person reads: states, statuses, verdicts and record types in their language. */
function wordsFor(t: Translate) {
  const known = <K extends string>(prefix: string, value: string, all: readonly K[]) => ((all as readonly string[]).includes(value) ? t(`${prefix}.${value}` as PlainMessageKey) : value);
  return {
    state: (state: string) => known('state', state, REQUEST_STATES),
    status: (check: CheckResult) => (check.status === 'manual' && check.confirmed ? `${t('status.confirmed')} ✔` : known('status', check.status, CHECK_STATUSES)),
    verdict: (verdict: string) => known('verdict.name', verdict, VERDICTS),
    type: (type: string) => t('audit.event', { type }),
    when: (at: string) => t('format.timestamp', { at }),
    confirmation: (c: { checkId: string; how: string }) =>
      `${(CHECK_IDS as readonly string[]).includes(c.checkId) ? t(`check.${c.checkId as CheckId}.title`) : c.checkId} (${c.how === 'flag' || c.how === 'prompt' ? t(`confirm.how.${c.how}`) : c.how})`,
  };
}

export function dossierMarkdown(dossier: Dossier, t: Translate): string {
  const w = wordsFor(t);
  const lines = [`# ${t('dossier.title')}`, '', `${t('dossier.generated', { at: dossier.generatedAt, database: md(dossier.database) })}`, '', `**${chainLine(dossier, t)}**`, '', ...(dossier.demo ? [`**${md(t('demo.banner'))}**`, ''] : [])];
  const { request, evidence } = dossier;
  lines.push(`## ${t('dossier.request')}`, '');
  if (request) {
    const text = closureRequestText(request.request, t);
    const fence = fenceFor(text);
    lines.push(fence, text, fence, '', `${t('dossier.state')}: **${md(w.state(request.state))}**`);
    if (request.submission) lines.push('', t('dossier.submitted', { at: md(w.when(request.submission.submittedAt)), via: md(request.submission.submitter), reference: md(request.submission.reference) }));
    for (const status of request.statuses) lines.push(`- ${md(w.when(status.at))}: ${md(w.state(status.state))}${status.reason ? ` — ${md(status.reason)}` : ''}`);
  } else {
    lines.push(t('dossier.no-request'));
  }
  lines.push('', `## ${t('dossier.evidence')}`, '');
  if (evidence) {
    lines.push(t('dossier.evidence-run', { runId: md(evidence.runId), at: md(w.when(evidence.at)), asOf: md(evidence.asOf), verdict: md(w.verdict(evidence.verdict)) }), '');
    lines.push(`| ${t('dossier.col.check')} | ${t('dossier.col.status')} | ${t('dossier.col.summary')} |`, '|---|---|---|');
    for (const check of evidence.checks) lines.push(`| ${cell(t(`check.${check.id}.title`))} | ${md(w.status(check))} | ${cell(check.summary)} |`);
    if (evidence.confirmations.length > 0) {
      lines.push('', `### ${t('dossier.confirmations')}`, '');
      for (const c of evidence.confirmations) lines.push(`- ${md(w.confirmation(c))}`);
    }
  } else {
    lines.push(t('dossier.no-evidence'));
  }
  lines.push('', `## ${t('dossier.timeline')}`, '', `| # | ${t('dossier.col.at')} | ${t('dossier.col.record')} | ${t('dossier.col.detail')} | ${t('dossier.col.hash')} |`, '|---|---|---|---|---|');
  // The timeline keeps each record's exact time, to the millisecond, as it is hashed.
  for (const r of dossier.timeline) lines.push(`| ${r.seq} | ${md(r.at)} | ${md(w.type(r.type))} | ${cell(r.detail)} | \`${md(r.hash.slice(0, 16))}…\` |`);
  lines.push('', `${t('dossier.head')}: \`${dossier.chain.head}\``, '');
  return lines.join('\n');
}

export function dossierHtml(dossier: Dossier, t: Translate): string {
  const e = escapeHtml;
  const w = wordsFor(t);
  const { request, evidence } = dossier;
  const rows = (cells: string[][]) => cells.map((c) => `<tr>${c.map((x) => `<td>${x}</td>`).join('')}</tr>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(t('dossier.title'))}</title>
<style>body{font:14px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}code,pre{font:12px ui-monospace,monospace}.broken{color:#b00}</style></head>
<body>
<h1>${e(t('dossier.title'))}</h1>
<p>${e(t('dossier.generated', { at: dossier.generatedAt, database: dossier.database }))}</p>
<p class="${dossier.chain.intact ? 'intact' : 'broken'}"><strong>${e(chainLine(dossier, t))}</strong></p>
${dossier.demo ? `<p class="sample-note"><strong>${e(t('demo.banner'))}</strong></p>\n` : ''}<h2>${e(t('dossier.request'))}</h2>
${request ? `<pre>${e(closureRequestText(request.request, t))}</pre><p>${e(t('dossier.state'))}: <strong>${e(w.state(request.state))}</strong></p>${request.submission ? `<p>${e(t('dossier.submitted', { at: w.when(request.submission.submittedAt), via: request.submission.submitter, reference: request.submission.reference }))}</p>` : ''}<ul>${request.statuses.map((s) => `<li>${e(w.when(s.at))}: ${e(w.state(s.state))}${s.reason ? ` — ${e(s.reason)}` : ''}</li>`).join('')}</ul>` : `<p>${e(t('dossier.no-request'))}</p>`}
<h2>${e(t('dossier.evidence'))}</h2>
${evidence ? `<p>${e(t('dossier.evidence-run', { runId: evidence.runId, at: w.when(evidence.at), asOf: evidence.asOf, verdict: w.verdict(evidence.verdict) }))}</p>
<table><tr><th>${e(t('dossier.col.check'))}</th><th>${e(t('dossier.col.status'))}</th><th>${e(t('dossier.col.summary'))}</th></tr>
${rows(evidence.checks.map((c) => [e(t(`check.${c.id}.title`)), e(w.status(c)), e(c.summary)]))}</table>` : `<p>${e(t('dossier.no-evidence'))}</p>`}
<h2>${e(t('dossier.timeline'))}</h2>
<table><tr><th>#</th><th>${e(t('dossier.col.at'))}</th><th>${e(t('dossier.col.record'))}</th><th>${e(t('dossier.col.detail'))}</th><th>${e(t('dossier.col.hash'))}</th></tr>
${rows(dossier.timeline.map((r) => [String(r.seq), e(r.at), e(w.type(r.type)), e(r.detail), `<code>${e(r.hash.slice(0, 16))}…</code>`]))}</table>
<p>${e(t('dossier.head'))}: <code>${e(dossier.chain.head)}</code></p>
</body></html>
`;
}

const CSV_COLUMNS = ['seq', 'at', 'run_id', 'record', 'request_id', 'detail', 'hash'] as const;

export function dossierCsv(dossier: Dossier): string {
  return [csvRow(CSV_COLUMNS), ...dossier.timeline.map((r) => csvRow([r.seq, r.at, r.runId, r.type, r.requestId, r.detail, r.hash]))].join('\n');
}
