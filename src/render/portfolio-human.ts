// `portfolio check` for people: one row per account (region, verdict, earliest closure date,
// the first blocker, what changed since its last run), the errors of the sources that failed,
// and the closure requests each seller needs by region.

import type { Style } from '../io/style.js';
import type { Translate } from '../messages/catalogue.js';
import type { AccountResult, PortfolioCheck } from '../portfolio/check-accounts.js';
import type { SellerRegions } from '../portfolio/region-map.js';
import { markedAccountName } from './portfolio-plan.js';
import { checkTitle } from './readiness-human.js';
import { renderTable } from './table.js';

function changeText(result: AccountResult, t: Translate): string {
  const changes = result.changes;
  if (!changes) return '-';
  if (!changes.previous) return t('portfolio.change.first');
  const parts: string[] = [];
  if (changes.verdictChanged) parts.push(t('portfolio.change.verdict', { from: t(`verdict.name.${changes.previous.verdict}`) }));
  if (changes.cleared.length > 0) parts.push(t('portfolio.change.cleared', { checks: changes.cleared.map((id) => checkTitle({ id }, t)).join(', ') }));
  if (changes.added.length > 0) parts.push(t('portfolio.change.added', { checks: changes.added.map((id) => checkTitle({ id }, t)).join(', ') }));
  return parts.length > 0 ? parts.join('; ') : t('portfolio.change.none');
}

function firstBlocker(result: AccountResult, t: Translate): string {
  const first = result.blockers[0];
  if (!first) return '-';
  const more = result.blockers.length - 1;
  const check = result.readiness!.checks.find((c) => c.id === first)!;
  const title = check.status === 'unknown' ? t('portfolio.blocker.unknown', { title: checkTitle({ id: first }, t) }) : checkTitle({ id: first }, t);
  return more > 0 ? t('portfolio.blocker.more', { title, count: more }) : title;
}

export function renderRegionMap(regions: readonly SellerRegions[], style: Style, t: Translate, samples: ReadonlySet<string> = new Set(), kept: ReadonlySet<string> = new Set()): string {
  // Marked as in the table: a protected account is never read as one whose request is to be sent.
  const named = (name: string) => markedAccountName({ name, protected: kept.has(name) }, samples.has(name), t);
  const lines: string[] = [style.bold(t('portfolio.regions.heading'))];
  for (const seller of regions) {
    lines.push(`  ${t('portfolio.regions.seller', { sellerId: seller.sellerId, count: seller.requests.length })}`);
    for (const request of seller.requests) {
      const closes = t('portfolio.regions.closes', { region: t(`region.${request.region}`), countries: request.marketplaces.join(', ') });
      const whose = request.listed ? t('portfolio.regions.accounts', { names: request.accounts.map(named).join(', ') }) : style.yellow(t('portfolio.regions.unlisted'));
      lines.push(`    ${closes} ${whose}`);
    }
  }
  lines.push(style.dim(t('portfolio.regions.independent')));
  return lines.join('\n');
}

export function renderPortfolioCheck(result: PortfolioCheck, style: Style, t: Translate, width: number | null): string {
  const header = ['account', 'region', 'verdict', 'earliest', 'blocker', 'changes'].map((c) => t(`portfolio.column.${c}` as 'portfolio.column.account'));
  const rows = result.accounts.map((a) => [
    // Marked as in the plan: a sample account is never read as a real one (README: wherever an account is named).
    markedAccountName(a.account, a.account.source.kind === 'demo', t),
    t(`region.${a.account.region}`),
    a.error ? t('portfolio.verdict.failed') : t(`verdict.name.${a.readiness!.verdict}`),
    a.readiness?.earliestCloseDate ?? '-',
    a.error ? t(`portfolio.error-code.${a.error.code}`) : firstBlocker(a, t),
    changeText(a, t),
  ]);
  const colour = (row: number, text: string) => {
    const a = result.accounts[row - 1];
    if (!a) return style.bold(text);
    if (a.error) return style.red(text);
    return a.readiness!.verdict === 'ready' ? style.green(text) : a.readiness!.verdict === 'blocked' ? style.red(text) : style.cyan(text);
  };
  const lines = [
    style.bold(t('portfolio.heading', { count: result.accounts.length, asOf: result.asOf, path: result.accountsFile })),
    '',
    renderTable([header, ...rows], { width: width ?? Number.MAX_SAFE_INTEGER, header: true, style: (text, row, column) => (row === 0 ? style.bold(text) : column === 2 ? colour(row, text) : text) }),
  ];
  const failed = result.accounts.filter((a) => a.error);
  if (failed.length > 0) {
    lines.push('');
    for (const a of failed) {
      lines.push(style.red(t('portfolio.failed-line', { account: a.account.name, message: a.error!.message })));
      if (a.error!.hint) lines.push(`  ${a.error!.hint}`);
    }
  }
  const demos = result.accounts.filter((a) => a.readiness?.isDemo).map((a) => a.account.name);
  if (demos.length > 0) lines.push('', style.yellow(t('portfolio.demo-accounts', { names: demos.join(', ') })));
  lines.push('', renderRegionMap(result.regions, style, t, new Set(result.accounts.filter((a) => a.account.source.kind === 'demo').map((a) => a.account.name)), new Set(result.accounts.filter((a) => a.account.protected).map((a) => a.account.name))));
  const ready = result.accounts.filter((a) => a.readiness?.verdict === 'ready').length;
  lines.push('', t('portfolio.summary', { ready, notReady: result.accounts.length - ready - failed.length, failed: failed.length }));
  return lines.join('\n');
}
