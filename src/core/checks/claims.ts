// Claims and chargebacks from Amazon's own data (issue 17). A claim the data shows as not final
// fails, whatever the seller attests. The check passes only when the performance report counts
// none over the whole window and no event or report row shows one; anything in between is a
// confirmation that first lists what the data shows.

import { addDays, type IsoDate } from '../dates.js';
import { CappedList, checkResult, withDataSentence, type CheckResult } from '../check-result.js';
import type { CheckContext } from '../check-context.js';
import type { MessageRef } from '../message-ref.js';
import { translateRef } from '../../messages/catalogue.js';
import type { RecordStream } from '../seller-data-source.js';
import type { AccountHealth, Claim, Provision } from '../seller-data.js';
import { A_TO_Z_WINDOW_DAYS } from './last-sale-window.js';

export interface ClaimsEvidence {
  claims: Provision<RecordStream<Claim>>;
  health: Provision<AccountHealth>;
  /** The seller confirmed what no data shows (--attest claims, or the wizard). */
  attested: boolean;
  /** The day the data was read (today); the window's end. Defaults to the as-of day. */
  dataDay?: IsoDate;
}

/** What the performance report's claim counts prove: none over the window, some, or not enough. */
function countsShow(health: AccountHealth, windowStart: IsoDate, windowEnd: IsoDate): { total: number; covered: boolean; from: IsoDate | null; to: IsoDate | null } {
  let total = 0;
  // The narrowest window is what all of them cover.
  let from: IsoDate | null = null;
  let to: IsoDate | null = null;
  for (const c of health.claimCounts) {
    total += c.claims + c.chargebacks;
    if (from === null || c.from > from) from = c.from;
    if (to === null || c.to < to) to = c.to;
  }
  const covered = health.countsIncomplete !== true && health.claimCounts.length > 0 && from !== null && to !== null && from <= windowStart && to >= windowEnd;
  return { total, covered, from, to };
}

export async function checkClaims(evidence: ClaimsEvidence, { asOf, t }: CheckContext): Promise<CheckResult> {
  const open = new CappedList();
  const settled = new CappedList();
  const windowStart = addDays(asOf, -A_TO_Z_WINDOW_DAYS);
  if (evidence.claims.available) {
    for await (const batch of evidence.claims.data) for (const claim of batch) {
      const describe = () => ({ claimId: claim.claimId, kind: claim.kind, orderId: claim.orderId, openedOn: claim.openedOn});
      if (claim.open) open.add(describe);
      // A decided claim from before the window is history; one inside it is listed for the seller.
      else if (claim.openedOn >= windowStart) settled.add(describe);
    }
  }
  // Files the source set aside that may have held claims: the data cannot show there are none.
  const unread = evidence.claims.available ? (evidence.claims.evidence?.().doubts ?? []).filter((doubt) => doubt.check === undefined || doubt.check === 'claims') : [];
  // A claim the data shows as not final blocks closure: no attestation overrides it.
  if (open.count > 0) {
    return checkResult('claims', 'fail', t('check.claims.fail', { count: open.count }), { count: open.count, items: open.items, remediation: t('check.claims.fix') });
  }
  let dataDay = evidence.dataDay !== undefined && evidence.dataDay < asOf ? evidence.dataDay : asOf;
  const takenOn = evidence.health.available ? evidence.health.data.takenOn : undefined;
  if (takenOn !== undefined && takenOn < dataDay) dataDay = takenOn;
  // The counts must reach the day before the data was read: a claim filed since is not in them.
  const counts = evidence.health.available ? countsShow(evidence.health.data, windowStart, addDays(dataDay, -1)) : null;
  if (evidence.claims.available && unread.length === 0 && counts?.covered && counts.total === 0 && settled.count === 0) {
    return checkResult('claims', 'pass', t('check.claims.pass-data', { from: counts.from ?? '?', to: counts.to ?? '?' }), { count: 0 });
  }
  // Nothing at all: the old confirmation, with the source's reason. Unless the reason is what the
  // data shows (a file that may hold claims could not be read): said, and kept beside the answer.
  if (!evidence.claims.available && !evidence.health.available && evidence.claims.dataShows !== true) {
    const reason: MessageRef = evidence.claims.reason;
    return confirmation(evidence.attested, t, null, ` (${t(reason.key, reason.params as never)})`, [], null);
  }
  // Some data, not enough to prove none: say what it shows, then ask.
  const shows: string[] = [];
  if (evidence.claims.available) shows.push(settled.count === 0 ? t('check.claims.shows-no-events') : t('check.claims.shows-settled', { count: settled.count }));
  else shows.push(t('check.claims.shows-no-claim-data', { reason: t(evidence.claims.reason.key, evidence.claims.reason.params as never) }));
  for (const reason of new Set(unread.map((doubt) => translateRef(t, doubt.reason)))) shows.push(t('check.claims.shows-unread', { reason }));
  if (counts) shows.push(t('check.claims.shows-counts', { count: counts.total, from: counts.from ?? '?', to: counts.to ?? '?', since: windowStart }));
  else shows.push(t('check.claims.shows-no-report'));
  return confirmation(evidence.attested, t, shows.reduce((first, second) => t('text.two-sentences', { first, second })), '', settled.items, settled.count);
}

/**
 * The seller's confirmation: before it, what the data shows and the question; after it, what was
 * confirmed, still beside what the data showed (the result then rests on both).
 */
function confirmation(confirmed: boolean, t: CheckContext['t'], shows: string | null, reason: string, items: CheckResult['items'], count: number | null): CheckResult {
  const summary = confirmed
    ? shows === null ? t('confirm.claims.done') : t('text.two-sentences', { first: t('confirm.claims.done'), second: shows })
    : shows === null ? `${t('confirm.claims.question')}${reason}` : t('text.two-sentences', { first: shows, second: t('confirm.claims.question') });
  const result = checkResult('claims', 'manual', summary, {
    confirmed,
    items,
    count,
    remediation: confirmed ? null : t('confirm.claims.how'),
    basis: !confirmed ? 'none' : shows === null ? 'seller' : 'both',
  });
  // Confirmed later (the wizard), the result keeps what the data showed, as --attest does.
  return shows === null ? result : withDataSentence(result, shows);
}
