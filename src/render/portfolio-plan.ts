// `portfolio plan` in three views of one PortfolioPlan: text for people (every account's steps on
// one dated list, then each account's closure date), the --json document (schema in
// portfolio-plan-json-schema.ts), and the offline HTML overview (portfolio-html.ts).

import type { Style } from '../io/style.js';
import type { Translate } from '../messages/catalogue.js';
import type { PortfolioPlan } from '../portfolio/plan-accounts.js';
import type { Account } from '../portfolio/accounts-file.js';
import { JSON_SCHEMA_VERSION } from './json-schema-version.js';
import { renderTable } from './table.js';

/** An account's name with its marks: a sample is never read as a real account, a protected one never as one to close. */
export function markedAccountName(account: Pick<Account, 'name' | 'protected'>, sample: boolean, t: Translate): string {
  return [account.name, ...(sample ? [t('portfolio.sample-mark')] : []), ...(account.protected ? [t('portfolio.protected-mark')] : [])].join(' ');
}

/** The plan's first line: when the last account to close can be closed, or why there is no such day. */
export function planHeading(plan: PortfolioPlan, t: Translate): string {
  if (plan.lastCloseOn) return t('portfolio.plan.heading', { asOf: plan.asOf, closeOn: plan.lastCloseOn });
  // An account to close whose source failed: no last date can be said, whatever the others' dates.
  const unplanned = plan.accounts.filter((a) => a.plan === null && !a.result.account.protected);
  if (unplanned.length > 0 && plan.accounts.some((a) => a.plan !== null)) return t('portfolio.plan.heading-unplanned', { asOf: plan.asOf, count: unplanned.length });
  // Planned, but every planned account is protected: nothing is to be closed, which is not "no plan".
  if (plan.accounts.some((a) => a.plan !== null)) return t('portfolio.plan.heading-protected', { asOf: plan.asOf });
  return t('portfolio.plan.heading-none', { asOf: plan.asOf });
}

export function renderPortfolioPlan(plan: PortfolioPlan, style: Style, t: Translate, width: number | null): string {
  const lines = [style.bold(planHeading(plan, t)), ''];
  const rows = plan.steps.map((s) => [t('plan.dates', { start: s.step.startOn, done: s.step.doneBy }), markedAccountName({ name: s.account, protected: s.protected }, s.sample, t), t(`plan.step.${s.step.id}`)]);
  if (rows.length > 0) lines.push(renderTable(rows, { width: width ?? Number.MAX_SAFE_INTEGER, indent: 2 }), '');
  lines.push(style.bold(t('portfolio.plan.close-dates')));
  lines.push(
    renderTable(
      plan.accounts.map(({ result, plan: own, sample }) => [
        // Never submitted for: said here as in the check table, so a close date is not read as a to-do.
        markedAccountName(result.account, sample, t),
        t(`region.${result.account.region}`),
        own ? closeText(result.account.protected, own, t) : t('portfolio.plan.no-plan', { message: result.error?.message ?? '' }),
      ]),
      { width: width ?? Number.MAX_SAFE_INTEGER, indent: 2 },
    ),
  );
  const samples = plan.accounts.filter((a) => a.sample).map((a) => a.result.account.name);
  if (samples.length > 0) lines.push('', style.yellow(t('portfolio.demo-accounts', { names: samples.join(', ') })));
  return lines.join('\n');
}

/** The closure date, or for a protected account why it has no submit step. */
export function closeText(isProtected: boolean, own: { closeOn: string; complete: boolean }, t: Translate): string {
  if (isProtected) return t('portfolio.plan.protected', { closeOn: own.closeOn });
  return own.complete ? own.closeOn : t('portfolio.plan.incomplete', { closeOn: own.closeOn });
}

export function portfolioPlanJson(plan: PortfolioPlan, t: Translate) {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    kind: 'portfolio-plan' as const,
    asOf: plan.asOf,
    lastCloseOn: plan.lastCloseOn,
    accounts: plan.accounts.map(({ result, plan: own, sample }) => ({
      name: result.account.name,
      sellerId: result.account.sellerId,
      region: result.account.region,
      protected: result.account.protected,
      demo: sample,
      /** Why the plan has no submit step for this account (null: it has one, or no plan). */
      noSubmit: own && result.account.protected ? t('portfolio.plan.protected', { closeOn: own.closeOn }) : null,
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
      demo: s.sample,
      id: s.step.id,
      clears: s.step.clears,
      startOn: s.step.startOn,
      doneBy: s.step.doneBy,
      recheckOn: s.step.recheckOn,
      title: t(`plan.step.${s.step.id}`),
    })),
  };
}
