// What keeps billing after closure unless stopped (issue 17): Amazon Ads charges in the last 60
// days (campaigns run on their own account and are paused in the Advertising console) and
// subscription fees (the Professional plan, billed per region until each is downgraded or
// closed). A warning: it never blocks closure, and it never passes on data it could not read.

import { addDays } from '../dates.js';
import { checkResult, ITEM_CAP, type CheckResult } from '../check-result.js';
import type { CheckContext } from '../check-context.js';
import type { Charge, Provision } from '../seller-data.js';

/** How far back ads charges are looked for. */
export const ADS_LOOKBACK_DAYS = 60;
/** How far before the day the data is read charges are asked of a source (readiness); a source that must prove its reach derives the day from this. */
export const CHARGES_SINCE_DAYS = 120;

export function checkHiddenCharges(charges: Provision<Charge[]>, { asOf, t }: CheckContext): CheckResult {
  const id = 'hidden-charges';
  if (!charges.available) {
    return checkResult(id, 'warn', t('check.hidden-charges.unknown', { reason: t(charges.reason.key, charges.reason.params as never) }), { remediation: t('check.hidden-charges.unknown-fix'), basis: 'none' });
  }
  const since = addDays(asOf, -ADS_LOOKBACK_DAYS);
  const ads = charges.data.filter((c) => c.kind === 'ads' && c.postedOn >= since);
  const fees = charges.data.filter((c) => c.kind === 'subscription');
  if (ads.length === 0 && fees.length === 0) return checkResult(id, 'pass', t('check.hidden-charges.pass', { since }), { count: 0 });
  const parts: string[] = [];
  const fixes: string[] = [];
  if (ads.length > 0) {
    parts.push(t('check.hidden-charges.ads', { count: ads.length, since }));
    fixes.push(t('check.hidden-charges.ads-fix'));
  }
  if (fees.length > 0) {
    parts.push(t('check.hidden-charges.subscription', { count: fees.length }));
    fixes.push(t('check.hidden-charges.subscription-fix'));
  }
  const listed = [...ads, ...fees].sort((a, b) => (a.postedOn < b.postedOn ? 1 : -1));
  const join = (list: string[]) => list.reduce((first, second) => t('text.two-sentences', { first, second }));
  return checkResult(id, 'warn', join(parts), {
    count: listed.length,
    items: listed.slice(0, ITEM_CAP).map((c) => ({ kind: c.kind, postedOn: c.postedOn, amount: c.amount, currency: c.currency, marketplaceId: c.marketplaceId })),
    remediation: join(fixes),
  });
}
