// `portfolio plan` in three views of one PortfolioPlan: text for people (every account's steps on
// one dated list, then each account's closure date), the --json document (schema in
// portfolio-plan-json-schema.ts), and the offline HTML overview (portfolio-html.ts).

import type { Style } from '../io/style.js';
import type { Translate } from '../messages/catalogue.js';
import type { PortfolioPlan } from '../portfolio/plan-accounts.js';
import { JSON_SCHEMA_VERSION } from './json-schema-version.js';
import { renderTable } from './table.js';

export function renderPortfolioPlan(plan: PortfolioPlan, style: Style, t: Translate, width: number | null): string {
  const lines = [style.bold(plan.lastCloseOn ? t('portfolio.plan.heading', { asOf: plan.asOf, closeOn: plan.lastCloseOn }) : t('portfolio.plan.heading-none', { asOf: plan.asOf })), ''];
  const rows = plan.steps.map((s) => [t('plan.dates', { start: s.step.startOn, done: s.step.doneBy }), s.account, t(`plan.step.${s.step.id}`)]);
  if (rows.length > 0) lines.push(renderTable(rows, { width: width ?? Number.MAX_SAFE_INTEGER, indent: 2 }), '');
  lines.push(style.bold(t('portfolio.plan.close-dates')));
  lines.push(
    renderTable(
      plan.accounts.map(({ result, plan: own }) => [
        // Never submitted for: said here as in the check table, so a close date is not read as a to-do.
        result.account.protected ? `${result.account.name} ${t('portfolio.protected-mark')}` : result.account.name,
        t(`region.${result.account.region}`),
        own ? (own.complete ? own.closeOn : t('portfolio.plan.incomplete', { closeOn: own.closeOn })) : t('portfolio.plan.no-plan', { message: result.error?.message ?? '' }),
      ]),
      { width: width ?? Number.MAX_SAFE_INTEGER, indent: 2 },
    ),
  );
  return lines.join('\n');
}

export function portfolioPlanJson(plan: PortfolioPlan, t: Translate) {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    kind: 'portfolio-plan' as const,
    asOf: plan.asOf,
    lastCloseOn: plan.lastCloseOn,
    accounts: plan.accounts.map(({ result, plan: own }) => ({
      name: result.account.name,
      sellerId: result.account.sellerId,
      region: result.account.region,
      protected: result.account.protected,
      status: result.error ? ('failed' as const) : ('checked' as const),
      verdict: result.readiness?.verdict ?? null,
      closeOn: own?.closeOn ?? null,
      complete: own?.complete ?? false,
      error: result.error,
    })),
    steps: plan.steps.map((s) => ({
      account: s.account,
      sellerId: s.sellerId,
      region: s.region,
      id: s.step.id,
      clears: s.step.clears,
      startOn: s.step.startOn,
      doneBy: s.step.doneBy,
      recheckOn: s.step.recheckOn,
      title: t(`plan.step.${s.step.id}`),
    })),
  };
}
