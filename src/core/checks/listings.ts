import { CappedList, checkResult, type CheckResult } from '../check-result.js';
import type { CheckContext } from '../check-context.js';
import type { RecordStream } from '../seller-data-source.js';
import type { Listing } from '../seller-data.js';

export async function checkListings(listings: RecordStream<Listing>, { t }: CheckContext): Promise<CheckResult> {
  // Inactive listings count too: they can be reactivated and sell again, restarting the 90 days.
  const left = new CappedList();
  let active = 0;
  for await (const batch of listings) for (const listing of batch) {
    if (listing.status === 'Active' || listing.status.toLowerCase() === 'active') active += 1;
    left.add(() => ({ sku: listing.sku, name: listing.name, status: listing.status, fulfilment: listing.fulfilment }));
  }
  if (left.count === 0) return checkResult('listings', 'pass', t('check.listings.pass'), { count: 0 });
  return checkResult('listings', 'fail', t('check.listings.fail', { count: left.count, active }), {
    count: left.count,
    items: left.items,
    remediation: t('check.listings.fix'),
  });
}
