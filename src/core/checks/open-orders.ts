import { checkResult, type CheckResult } from '../check-result.js';
import type { CheckContext } from '../check-context.js';
import type { OrdersSummary } from './orders-summary.js';

export function checkOpenOrders(summary: OrdersSummary, since: string, { t }: CheckContext): CheckResult {
  const { open } = summary;
  if (open.count === 0) {
    return checkResult('open-orders', 'pass', t('check.open-orders.pass', { seen: summary.ordersSeen, since }), { count: 0 });
  }
  return checkResult('open-orders', 'fail', t('check.open-orders.fail', { count: open.count }), {
    count: open.count,
    items: open.items,
    remediation: t('check.open-orders.fix'),
  });
}
