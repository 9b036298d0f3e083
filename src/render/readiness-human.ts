// The human view of a readiness result: a table of checks, then each blocker with what to do,
// the verdict and the earliest closure date. Same data as the JSON view, for people.

import type { CheckResult, CheckStatus } from '../core/check-result.js';
import { CLOSURE_REGIONS, closureRequestText, type RequestDraft } from '../core/closure-request.js';
import { marketplaceById, type ClosureRegion } from '../core/marketplaces.js';
import type { Readiness } from '../core/readiness.js';
import type { PlainMessageKey, Translate } from '../messages/catalogue.js';
import { PLAIN, type Style } from '../io/style.js';
import { renderTable } from './table.js';

/** How many offending records a blocker lists on screen; --json carries the capped list. */
const ITEMS_SHOWN = 5;

function statusLabel(status: CheckStatus, confirmed: boolean | null, style: Style, t: Translate): string {
  switch (status) {
    case 'pass':
      return style.green(`✔ ${t('status.pass')}`);
    case 'fail':
      return style.red(`✖ ${t('status.fail')}`);
    case 'warn':
      return style.yellow(`! ${t('status.warn')}`);
    case 'unknown':
      return style.yellow(`? ${t('status.unknown')}`);
    case 'manual':
      return confirmed ? style.green(`✔ ${t('status.confirmed')}`) : style.cyan(`○ ${t('status.manual')}`);
  }
}

export { displayWidth } from '../io/text-layout.js';

/** A record's value as the seller reads it: claim kinds and regions named, the rest as the data has it. */
function itemValue(key: string, value: string | number, t: Translate): string {
  if (key === 'kind') return t('item.kind', { value });
  if (key === 'region' && (CLOSURE_REGIONS as readonly string[]).includes(String(value))) return t(`region.${value as ClosureRegion}`);
  if (key === 'marketplaceId') return marketplaceById(String(value))?.country ?? String(value);
  // Dates and times as the language writes them, like every other date on screen.
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return t('format.timestamp', { at: value });
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return t('format.day', { date: value });
  return String(value);
}

export function describeItem(item: Record<string, string | number | null>, t: Translate): string {
  return Object.entries(item)
    // Zero quantities are noise next to the ones that block.
    .filter(([, value]) => value !== null && value !== '' && value !== 0)
    .map(([key, value]) => t('item.pair', { key: t('item.field', { key }), value: itemValue(key, value!, t) }))
    .join(t('item.joiner'));
}

/** A request field's name as the seller reads it. */
const FIELD_LABELS: Record<string, PlainMessageKey> = {
  sellerId: 'request.field.seller-id',
  region: 'request.field.region',
  marketplaces: 'request.field.marketplaces',
  reason: 'request.field.reason',
  reasonText: 'request.field.reason-text',
  email: 'request.field.email',
  phone: 'request.field.phone',
};
export const fieldLabel = (field: string, t: Translate) => (FIELD_LABELS[field] ? t(FIELD_LABELS[field]) : field);

export function checkTitle(check: Pick<CheckResult, 'id'>, t: Translate): string {
  return t(`check.${check.id}.title`);
}

/** The colour a status label is shown in. */
function statusColour(check: Pick<CheckResult, 'status' | 'confirmed'>, style: Style): (text: string) => string {
  switch (check.status) {
    case 'pass':
      return style.green;
    case 'fail':
      return style.red;
    case 'warn':
    case 'unknown':
      return style.yellow;
    case 'manual':
      return check.confirmed ? style.green : style.cyan;
  }
}

/** One row per check: status, title, finding; fitted to `width` cells (the finding wraps in its column). */
export function renderCheckTable(readiness: Readiness, style: Style, t: Translate, width: number | null = null): string {
  const rows = readiness.checks.map((check) => [statusLabel(check.status, check.confirmed, PLAIN, t), checkTitle(check, t), check.summary]);
  return renderTable(rows, {
    width: width ?? Number.MAX_SAFE_INTEGER,
    indent: 2,
    style: (text, row, column) => (column === 0 ? statusColour(readiness.checks[row]!, style)(text) : text),
  });
}

/** Where the text is read: the wizard speaks of questions and answers, never of flags. */
export interface RenderPlace {
  wizard?: boolean;
}

export function renderBlockers(readiness: Readiness, style: Style, t: Translate, place: RenderPlace = {}): string {
  const needsWork = readiness.checks.filter((c) => c.status === 'fail' || c.status === 'unknown' || c.status === 'warn' || (c.status === 'manual' && !c.confirmed));
  if (needsWork.length === 0) return '';
  const lines: string[] = [style.bold(t('render.what-to-do'))];
  for (const check of needsWork) {
    lines.push('', `${statusLabel(check.status, check.confirmed, style, t)}  ${t('render.label', { label: style.bold(checkTitle(check, t)), value: check.summary })}`);
    for (const item of check.items.slice(0, ITEMS_SHOWN)) lines.push(style.dim(`      ${describeItem(item, t)}`));
    if (check.count !== null && check.count > ITEMS_SHOWN) {
      const more = check.count - ITEMS_SHOWN;
      lines.push(style.dim(`      ${place.wizard ? t('wizard.more-items', { count: more }) : t('render.more-items', { count: more })}`));
    }
    if (check.remediation) lines.push(`    → ${check.remediation}`);
    if (check.status === 'manual') lines.push(style.dim(`    ${place.wizard ? t('wizard.confirm-later') : t('render.attest-hint', { id: check.id })}`));
  }
  return lines.join('\n');
}

export function renderVerdict(readiness: Readiness, style: Style, t: Translate, place: RenderPlace = {}): string {
  const date = readiness.earliestCloseDate;
  switch (readiness.verdict) {
    case 'ready':
      return style.green(style.bold(t('verdict.ready')));
    case 'needs-confirmation':
      return style.yellow(style.bold(place.wizard ? t('wizard.verdict.needs-confirmation') : t('verdict.needs-confirmation')));
    case 'blocked': {
      const when = date === null ? t('verdict.no-date') : date > readiness.asOf ? t('verdict.earliest', { date }) : t('verdict.once-cleared');
      return t('text.two-sentences', { first: style.red(style.bold(t('verdict.blocked'))), second: when });
    }
  }
}

export function renderRequestDraft(draft: RequestDraft, style: Style, t: Translate): string {
  if (draft.request) return `${style.bold(t('render.request-heading'))}\n${indent(closureRequestText(draft.request, t))}`;
  const lines = [style.bold(t('render.request-incomplete'))];
  for (const problem of draft.problems) lines.push(`  - ${t('render.label', { label: fieldLabel(problem.field, t), value: problem.message })}`);
  lines.push(style.dim(`  ${t('render.request-flags')}`));
  return lines.join('\n');
}

export function indent(text: string, by = '  '): string {
  return text
    .split('\n')
    .map((line) => by + line)
    .join('\n');
}

export function renderReadiness(readiness: Readiness, style: Style, t: Translate, width: number | null = null): string {
  const parts: string[] = [];
  if (readiness.isDemo) parts.push(style.yellow(style.bold(t('demo.banner'))), '');
  const who = readiness.account.displayName ?? readiness.account.sellerId ?? t('render.unnamed-seller');
  parts.push(style.bold(t('render.heading', { who, asOf: readiness.asOf, adapter: readiness.adapter })), '');
  parts.push(renderCheckTable(readiness, style, t, width));
  const blockers = renderBlockers(readiness, style, t);
  if (blockers) parts.push('', blockers);
  parts.push('', renderVerdict(readiness, style, t));
  return parts.join('\n');
}
