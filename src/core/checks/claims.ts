import { CappedList, checkResult, type CheckResult } from '../check-result.js';
import type { CheckContext } from '../check-context.js';
import type { RecordStream } from '../seller-data-source.js';
import type { Claim } from '../seller-data.js';

export async function checkClaims(claims: RecordStream<Claim>, { t }: CheckContext): Promise<CheckResult> {
  const open = new CappedList();
  for await (const batch of claims) for (const claim of batch) {
    if (claim.open) open.add(() => ({ claimId: claim.claimId, kind: claim.kind, orderId: claim.orderId, openedOn: claim.openedOn }));
  }
  if (open.count === 0) return checkResult('claims', 'pass', t('check.claims.pass'), { count: 0 });
  return checkResult('claims', 'fail', t('check.claims.fail', { count: open.count }), {
    count: open.count,
    items: open.items,
    remediation: t('check.claims.fix'),
  });
}
