import { groupThousands } from '../../messages/digit-grouping.js';
import { checkResult, type CheckResult } from '../check-result.js';
import type { CheckContext } from '../check-context.js';
import { laterOf, type IsoDate } from '../dates.js';
import type { BalanceEntry, DeferredFunds, Provision } from '../seller-data.js';

export function formatAmount(amount: number, currency: string): string {
  return `${groupThousands(amount, 2)} ${currency}`;
}

/**
 * The balance, and money Amazon defers until a maturity date (issue 17): deferred money still
 * held keeps the balance from being settled, and the latest maturity date is the earliest day it
 * can be (`clearsOn`, which dates the earliest closure). Without deferral data the balance alone decides.
 */
export function checkBalance(entries: BalanceEntry[], ctx: CheckContext, deferred: Provision<DeferredFunds[]> | null = null): CheckResult {
  const result = checkBalanceOnly(entries, ctx);
  if (!deferred?.available) return result;
  // An amount that cannot be read (NaN) is held money of unknown size, never zero.
  const held = deferred.data.filter((d) => !Number.isFinite(d.amount) || Math.round(d.amount * 100) !== 0);
  if (held.length === 0) return result;
  const { asOf, t } = ctx;
  // A deferral with no date cannot date the balance: the check says so rather than guess.
  const undated = held.some((d) => d.maturesOn === null);
  let latest: IsoDate | null = null;
  for (const d of held) if (d.maturesOn !== null) latest = latest === null ? d.maturesOn : laterOf(latest, d.maturesOn);
  const clearsOn = undated || latest === null || latest <= asOf ? null : latest;
  const byCurrency = new Map<string, number>();
  for (const d of held) byCurrency.set(d.currency, (byCurrency.get(d.currency) ?? 0) + d.amount);
  const amounts = [...byCurrency].map(([currency, amount]) => (Number.isFinite(amount) ? formatAmount(amount, currency) : `? ${currency}`)).join(', ');
  const note = undated ? t('check.balance.deferred-undated', { amounts }) : t('check.balance.deferred', { amounts, date: latest ?? asOf });
  const items = [...result.items, ...held.slice(0, 10).map((d) => ({ deferred: d.amount, currency: d.currency, maturesOn: d.maturesOn }))];
  if (result.status === 'pass' && latest !== null && !undated && latest <= asOf) return result; // released by the as-of day
  return checkResult('balance', result.status === 'unknown' ? 'unknown' : 'fail', t('text.two-sentences', { first: result.status === 'pass' ? t('check.balance.zero-but-deferred') : result.summary, second: note }), {
    count: (result.count ?? 0) + held.length,
    items,
    remediation: result.remediation ? t('text.two-sentences', { first: result.remediation, second: t('check.balance.fix-deferred') }) : t('check.balance.fix-deferred'),
    clearsOn,
  });
}

function checkBalanceOnly(entries: BalanceEntry[], { t }: CheckContext): CheckResult {
  // A source that says it knows the balance but gives no figure has not shown it is zero.
  if (entries.length === 0) {
    return checkResult('balance', 'unknown', t('check.balance.empty'), { remediation: t('check.balance.unknown-fix') });
  }
  // Amounts are compared in cents so that 0.1 + 0.2 style sums cannot leave a phantom balance.
  const nonZero = entries.filter((e) => Math.round(e.amount * 100) !== 0 || Math.round(e.reserved * 100) !== 0);
  if (nonZero.length === 0) return checkResult('balance', 'pass', t('check.balance.pass'), { count: 0 });
  // Money owed each way is told apart, not netted: a settlement can leave the seller owing Amazon
  // while a reserve of theirs is held (-42.10 owed and 42.10 held is not "0 either way").
  const toSeller = (e: BalanceEntry) => Math.max(e.amount, 0) + Math.max(e.reserved, 0);
  const bySeller = (e: BalanceEntry) => -(Math.min(e.amount, 0) + Math.min(e.reserved, 0));
  const owedToSeller = nonZero.filter((e) => Math.round(toSeller(e) * 100) > 0);
  const owedBySellerList = nonZero.filter((e) => Math.round(bySeller(e) * 100) > 0);
  const describe = (list: BalanceEntry[], part: (e: BalanceEntry) => number) => list.map((e) => formatAmount(part(e), e.currency)).join(', ');
  const fixes: string[] = [];
  if (owedToSeller.length > 0) fixes.push(t('check.balance.fix-payout'));
  if (nonZero.some((e) => e.reserved !== 0)) fixes.push(t('check.balance.fix-reserve'));
  if (owedBySellerList.length > 0) fixes.push(t('check.balance.fix-repay'));
  return checkResult(
    'balance',
    'fail',
    t('check.balance.fail', { owedToSeller: describe(owedToSeller, toSeller) || '0', owedBySeller: describe(owedBySellerList, bySeller) || '0' }),
    {
      count: nonZero.length,
      items: nonZero.map((e) => ({ marketplaceId: e.marketplaceId, currency: e.currency, amount: e.amount, reserved: e.reserved })),
      remediation: fixes.length === 0 ? null : fixes.reduce((text, fix) => t('text.two-sentences', { first: text, second: fix })),
    },
  );
}
