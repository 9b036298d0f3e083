import { CappedList, checkResult, type CheckResult } from '../check-result.js';
import type { CheckContext } from '../check-context.js';
import type { RecordStream } from '../seller-data-source.js';
import type { ReturnRequest } from '../seller-data.js';

export async function checkReturnsRefunds(returns: RecordStream<ReturnRequest>, { t }: CheckContext): Promise<CheckResult> {
  const open = new CappedList();
  for await (const batch of returns) for (const request of batch) {
    if (request.open) {
      open.add(() => ({ orderId: request.orderId, sku: request.sku, status: request.status, requestDate: request.requestDate }));
    }
  }
  if (open.count === 0) return checkResult('returns-refunds', 'pass', t('check.returns-refunds.pass'), { count: 0 });
  return checkResult('returns-refunds', 'fail', t('check.returns-refunds.fail', { count: open.count }), {
    count: open.count,
    items: open.items,
    remediation: t('check.returns-refunds.fix'),
  });
}
