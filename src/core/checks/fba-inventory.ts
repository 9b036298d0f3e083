// Every unit in Amazon's network must be gone: fulfillable, unfulfillable, reserved, inbound
// (working, shipped, receiving) and researching. Researching units are not in Amazon's
// afn-total-quantity, so each bucket is summed here (report-formats.md §5), with the units the
// source found beyond them (future supply, columns Amazon added, what its own totals count more).

import { CappedList, checkResult, type CheckResult } from '../check-result.js';
import type { CheckContext } from '../check-context.js';
import type { RecordStream } from '../seller-data-source.js';
import type { InventoryItem } from '../seller-data.js';

const QUANTITY_FIELDS = [
  'fulfillable',
  'unfulfillable',
  'reserved',
  'inboundWorking',
  'inboundShipped',
  'inboundReceiving',
  'researching',
] as const;

/** A blank quantity in Amazon's reports means zero. */
function units(value: number | null): number {
  return value ?? 0;
}

export async function checkFbaInventory(inventory: RecordStream<InventoryItem>, { t }: CheckContext): Promise<CheckResult> {
  const withUnits = new CappedList();
  let totalUnits = 0;
  for await (const batch of inventory) for (const item of batch) {
    const other = units(item.otherUnits ?? null);
    const total = QUANTITY_FIELDS.reduce((sum, field) => sum + units(item[field]), other);
    if (total === 0) continue;
    totalUnits += total;
    withUnits.add(() => ({
      sku: item.sku,
      name: item.name,
      total,
      ...Object.fromEntries(QUANTITY_FIELDS.map((field) => [field, units(item[field])])),
      ...(other > 0 ? { otherUnits: other } : {}),
    }));
  }
  if (withUnits.count === 0) return checkResult('fba-inventory', 'pass', t('check.fba-inventory.pass'), { count: 0 });
  return checkResult('fba-inventory', 'fail', t('check.fba-inventory.fail', { units: totalUnits, skus: withUnits.count }), {
    count: withUnits.count,
    items: withUnits.items,
    remediation: t('check.fba-inventory.fix'),
  });
}
