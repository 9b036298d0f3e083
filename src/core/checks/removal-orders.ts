import { CappedList, checkResult, type CheckResult } from '../check-result.js';
import type { CheckContext } from '../check-context.js';
import type { RecordStream } from '../seller-data-source.js';
import type { RemovalOrderLine } from '../seller-data.js';

/** Statuses after which a removal order moves no more units. */
const FINAL_STATUSES = new Set(['completed', 'cancelled', 'canceled', 'closed']);

export async function checkRemovalOrders(lines: RecordStream<RemovalOrderLine>, { t }: CheckContext): Promise<CheckResult> {
  // Removal reports have a row per SKU; an order is open while any of its rows is.
  const openOrders = new Map<string, { orderId: string; status: string; requestDate: string; inProcess: number; skus: number }>();
  for await (const batch of lines) for (const line of batch) {
    const inProcess = line.inProcess ?? 0;
    const finished = inProcess === 0 && FINAL_STATUSES.has(line.status.toLowerCase());
    if (finished) continue;
    const entry = openOrders.get(line.orderId) ?? { orderId: line.orderId, status: line.status, requestDate: line.requestDate, inProcess: 0, skus: 0 };
    entry.inProcess += inProcess;
    entry.skus += 1;
    openOrders.set(line.orderId, entry);
  }
  if (openOrders.size === 0) return checkResult('removal-orders', 'pass', t('check.removal-orders.pass'), { count: 0 });
  const list = new CappedList();
  for (const entry of openOrders.values()) list.add(() => entry);
  return checkResult('removal-orders', 'fail', t('check.removal-orders.fail', { count: list.count }), {
    count: list.count,
    items: list.items,
    remediation: t('check.removal-orders.fix'),
  });
}
