import { groupThousands } from '../../messages/digit-grouping.js';
import { checkResult, type CheckResult } from '../check-result.js';
import type { CheckContext } from '../check-context.js';
import type { BalanceEntry } from '../seller-data.js';

export function formatAmount(amount: number, currency: string): string {
  return `${groupThousands(amount, 2)} ${currency}`;
}

export function checkBalance(entries: BalanceEntry[], { t }: CheckContext): CheckResult {
  // A source that says it knows the balance but gives no figure has not shown it is zero.
  if (entries.length === 0) {
    return checkResult('balance', 'unknown', t('check.balance.empty'), { remediation: t('check.balance.unknown-fix') });
  }
  // Amounts are compared in cents so that 0.1 + 0.2 style sums cannot leave a phantom balance.
  const nonZero = entries.filter((e) => Math.round(e.amount * 100) !== 0 || Math.round(e.reserved * 100) !== 0);
  if (nonZero.length === 0) return checkResult('balance', 'pass', t('check.balance.pass'), { count: 0 });
  const owedToSeller = nonZero.filter((e) => e.amount + e.reserved > 0);
  const owedBySellerList = nonZero.filter((e) => e.amount + e.reserved < 0);
  const describe = (list: BalanceEntry[]) => list.map((e) => formatAmount(Math.abs(e.amount + e.reserved), e.currency)).join(', ');
  const fixes: string[] = [];
  if (owedToSeller.length > 0) fixes.push(t('check.balance.fix-payout'));
  if (nonZero.some((e) => e.reserved !== 0)) fixes.push(t('check.balance.fix-reserve'));
  if (owedBySellerList.length > 0) fixes.push(t('check.balance.fix-repay'));
  return checkResult(
    'balance',
    'fail',
    t('check.balance.fail', { owedToSeller: describe(owedToSeller) || '0', owedBySeller: describe(owedBySellerList) || '0' }),
    {
      count: nonZero.length,
      items: nonZero.map((e) => ({ marketplaceId: e.marketplaceId, currency: e.currency, amount: e.amount, reserved: e.reserved })),
      remediation: fixes.length === 0 ? null : fixes.reduce((text, fix) => t('text.two-sentences', { first: text, second: fix })),
    },
  );
}
