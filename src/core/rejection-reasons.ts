// Amazon's "your account can't be closed yet, because…" email, matched to the check that should
// have caught it, so the seller is told what to fix before trying again.

import type { CheckId } from './check-result.js';

const PATTERNS: [RegExp, CheckId][] = [
  [/a-?to-?z|guarantee claim|chargeback|safe-?t/i, 'claims'],
  [/90 days|last (sale|order)|recent (sale|order)/i, 'last-sale-window'],
  [/(open|pending|unshipped|outstanding) orders?|fulfil+ (any )?outstanding/i, 'open-orders'],
  [/refund|return/i, 'returns-refunds'],
  [/removal/i, 'removal-orders'],
  [/inventory|fulfil+ment cent(er|re)|fba (stock|units)|units/i, 'fba-inventory'],
  [/listing/i, 'listings'],
  [/balance|owe|reserve|disburse|payment/i, 'balance'],
  [/bank|deposit method/i, 'bank-account'],
  [/performance|suspen|account health|policy/i, 'performance-notifications'],
  [/marketplace|unified|region/i, 'marketplaces'],
  [/subscription|professional|selling plan/i, 'selling-plan'],
];

export function matchRejection(reason: string): CheckId | null {
  return PATTERNS.find(([pattern]) => pattern.test(reason))?.[1] ?? null;
}
