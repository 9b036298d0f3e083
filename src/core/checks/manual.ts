// Confirmations no data can answer: the seller says yes, and the audit log records that they did.

import { checkResult, withDataSentence, type CheckResult } from '../check-result.js';
import type { CheckContext } from '../check-context.js';
import type { MessageRef } from '../message-ref.js';
import { translateRef } from '../../messages/catalogue.js';

export const MANUAL_ONLY_CHECKS = ['data-export', 'bank-account', 'performance-notifications', 'selling-plan'] as const;

/** Checks the seller may have to answer: the manual-only ones, and those a source cannot always tell. */
export type ConfirmableCheckId = (typeof MANUAL_ONLY_CHECKS)[number] | 'claims' | 'marketplaces' | 'balance';

/** A check the seller answers: pass-like only once confirmed, and it says why it asks. */
export function manualCheck(
  id: ConfirmableCheckId,
  confirmed: boolean,
  { t }: CheckContext,
  why: MessageRef | null = null,
  /** `why` is what data shows (not why none is there): said first, kept once confirmed, basis both. */
  dataShows = false,
): CheckResult {
  const question = t(`confirm.${id}.question` as const);
  if (why && dataShows) {
    const shows = translateRef(t, why);
    const summary = confirmed ? t('text.two-sentences', { first: t(`confirm.${id}.done` as const), second: shows }) : t('text.two-sentences', { first: shows, second: question });
    return withDataSentence(
      checkResult(id, 'manual', summary, { confirmed, remediation: confirmed ? null : t(`confirm.${id}.how` as const), basis: confirmed ? 'both' : 'none' }),
      shows,
    );
  }
  const reason = why ? ` (${translateRef(t, why)})` : '';
  // Once confirmed it is a statement of what the seller confirmed, not the question again.
  return checkResult(id, 'manual', confirmed ? t(`confirm.${id}.done` as const) : `${question}${reason}`, {
    confirmed,
    remediation: confirmed ? null : t(`confirm.${id}.how` as const),
  });
}
