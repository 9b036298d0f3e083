// Account health from the seller performance report (issue 17): the account status per
// marketplace and the policy-violation counts answer what the seller used to confirm alone.
// NORMAL with no violation passes; AT_RISK, DEACTIVATED (and SUSPENDED, in the schema's example)
// fail, saying what that means for closure; violations counted on a NORMAL account are listed for
// the seller to confirm resolved; a status the schema does not name is unknown.

import { CappedList, checkResult, type CheckResult } from '../check-result.js';
import type { CheckContext } from '../check-context.js';
import type { AccountHealth } from '../seller-data.js';

const BLOCKING = new Set(['AT_RISK', 'DEACTIVATED', 'SUSPENDED']);

export function checkPerformanceNotifications(health: AccountHealth, attested: boolean, { t }: CheckContext): CheckResult {
  const id = 'performance-notifications';
  if (health.statuses.length === 0) {
    return checkResult(id, 'unknown', t('check.unknown', { reason: t('check.performance-notifications.no-status', { source: health.source }) }), { remediation: t('check.performance-notifications.unknown-fix') });
  }
  const blocking = new CappedList();
  const strange: string[] = [];
  for (const s of health.statuses) {
    if (BLOCKING.has(s.status)) blocking.add(() => ({ marketplaceId: s.marketplaceId, status: s.status }));
    else if (s.status !== 'NORMAL') strange.push(`${s.marketplaceId}: ${s.status}`);
  }
  if (blocking.count > 0) {
    const deactivated = blocking.items.some((i) => i.status !== 'AT_RISK');
    return checkResult(id, 'fail', t(deactivated ? 'check.performance-notifications.deactivated' : 'check.performance-notifications.at-risk', { count: blocking.count }), {
      count: blocking.count,
      items: blocking.items,
      remediation: t(deactivated ? 'check.performance-notifications.deactivated-fix' : 'check.performance-notifications.at-risk-fix'),
    });
  }
  // A status the schema does not name proves nothing either way.
  if (strange.length > 0) {
    return checkResult(id, 'unknown', t('check.unknown', { reason: t('check.performance-notifications.strange-status', { statuses: strange.join(', ') }) }), { remediation: t('check.performance-notifications.unknown-fix') });
  }
  const violations = health.policyViolations.filter((v) => v.count > 0);
  // Normal where a status was named is not normal everywhere: a marketplace the report left out is unknown.
  if (violations.length === 0 && health.statusesIncomplete === true) {
    return checkResult(id, 'unknown', t('check.unknown', { reason: t('check.performance-notifications.no-status', { source: health.source }) }), { remediation: t('check.performance-notifications.unknown-fix') });
  }
  if (violations.length === 0) return checkResult(id, 'pass', t('check.performance-notifications.pass'), { count: 0 });
  const items = violations.slice(0, 20).map((v) => ({ marketplaceId: v.marketplaceId, violation: v.name, count: v.count }));
  const shows = t('check.performance-notifications.violations', { count: violations.reduce((n, v) => n + v.count, 0) });
  return checkResult(id, 'manual', attested ? t('text.two-sentences', { first: t('confirm.performance-notifications.done'), second: shows }) : t('text.two-sentences', { first: shows, second: t('confirm.performance-notifications.question') }), {
    count: violations.length,
    items,
    confirmed: attested,
    remediation: attested ? null : t('confirm.performance-notifications.how'),
    basis: attested ? 'both' : 'none',
  });
}
