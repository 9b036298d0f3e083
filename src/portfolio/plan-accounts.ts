// `portfolio plan`: each checked account's closure plan (the one plan core), and all their steps
// on one dated list, earliest first, so that an agency sees what is due when across clients.
// A protected account keeps its plan but never a submit step (close-account submits nothing for
// it), and the embedded sample seller is flagged wherever an account is named, so that neither
// is mistaken for a real to-do.

import { buildClosurePlan, type ClosurePlan, type PlanStep, type PlanStepId } from '../core/closure-plan.js';
import type { AccountResult, PortfolioCheck } from './check-accounts.js';

export interface AccountPlan {
  result: AccountResult;
  /** Null when the account's source failed: no plan can be dated. */
  plan: ClosurePlan | null;
  /** The embedded sample seller, not a real account. */
  sample: boolean;
}

export interface DatedStep {
  account: string;
  sellerId: string;
  region: string;
  sample: boolean;
  protected: boolean;
  step: PlanStep;
}

export interface PortfolioPlan {
  asOf: string;
  accounts: AccountPlan[];
  /** Every account's steps, by the day they are due, then by account. */
  steps: DatedStep[];
  /**
   * When the last account to close can be closed: a protected one is never closed, so never counts.
   * Null when no account to close has a plan, or when one of them has none (its date, so the last, is not known).
   */
  lastCloseOn: string | null;
}

/** Steps a protected account never gets: the closure request, and what only follows one. */
const AFTER_SUBMISSION: ReadonlySet<PlanStepId> = new Set<PlanStepId>(['submit', 'answer-late-claims']);

/** Sample when either the data or the accounts file says so: a doubt marks it, never hides it. */
export const isSampleAccount = (result: AccountResult) => result.readiness?.isDemo === true || result.account.source.kind === 'demo';

function planOf(result: AccountResult): ClosurePlan | null {
  if (!result.readiness) return null;
  const plan = buildClosurePlan(result.readiness);
  return result.account.protected ? { ...plan, steps: plan.steps.filter((s) => !AFTER_SUBMISSION.has(s.id)) } : plan;
}

export function buildPortfolioPlan(check: PortfolioCheck): PortfolioPlan {
  const accounts = check.accounts.map((result) => ({ result, plan: planOf(result), sample: isSampleAccount(result) }));
  const steps = accounts
    .flatMap(({ result, plan, sample }) =>
      plan ? plan.steps.map((step) => ({ account: result.account.name, sellerId: result.account.sellerId, region: result.account.region, sample, protected: result.account.protected, step })) : [],
    )
    .sort((a, b) => a.step.doneBy.localeCompare(b.step.doneBy) || a.account.localeCompare(b.account));
  const toClose = accounts.filter((a) => !a.result.account.protected);
  // An account to close that could not be planned (its source failed) has no date: the last one is not known.
  const closes = toClose.some((a) => a.plan === null) ? [] : toClose.flatMap((a) => (a.plan ? [a.plan.closeOn] : [])).sort();
  return { asOf: check.asOf, accounts, steps, lastCloseOn: closes.at(-1) ?? null };
}
