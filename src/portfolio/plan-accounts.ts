// `portfolio plan`: each checked account's closure plan (the one plan core), and all their steps
// on one dated list, earliest first, so that an agency sees what is due when across clients.

import { buildClosurePlan, type ClosurePlan, type PlanStep } from '../core/closure-plan.js';
import type { AccountResult, PortfolioCheck } from './check-accounts.js';

export interface AccountPlan {
  result: AccountResult;
  /** Null when the account's source failed: no plan can be dated. */
  plan: ClosurePlan | null;
}

export interface DatedStep {
  account: string;
  sellerId: string;
  region: string;
  step: PlanStep;
}

export interface PortfolioPlan {
  asOf: string;
  accounts: AccountPlan[];
  /** Every account's steps, by the day they are due, then by account. */
  steps: DatedStep[];
  /** When the last account can be closed (null when no account has a plan). */
  lastCloseOn: string | null;
}

export function buildPortfolioPlan(check: PortfolioCheck): PortfolioPlan {
  const accounts = check.accounts.map((result) => ({ result, plan: result.readiness ? buildClosurePlan(result.readiness) : null }));
  const steps = accounts
    .flatMap(({ result, plan }) => (plan ? plan.steps.map((step) => ({ account: result.account.name, sellerId: result.account.sellerId, region: result.account.region, step })) : []))
    .sort((a, b) => a.step.doneBy.localeCompare(b.step.doneBy) || a.account.localeCompare(b.account));
  const closes = accounts.flatMap((a) => (a.plan ? [a.plan.closeOn] : [])).sort();
  return { asOf: check.asOf, accounts, steps, lastCloseOn: closes.at(-1) ?? null };
}
