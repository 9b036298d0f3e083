// Confirmations no data can answer: the seller says yes, and the audit log records that they did.

import { checkResult, type CheckResult } from '../check-result.js';
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
): CheckResult {
  const question = t(`confirm.${id}.question` as const);
  const reason = why ? ` (${translateRef(t, why)})` : '';
  // Once confirmed it is a statement of what the seller confirmed, not the question again.
  return checkResult(id, 'manual', confirmed ? t(`confirm.${id}.done` as const) : `${question}${reason}`, {
    confirmed,
    remediation: confirmed ? null : t(`confirm.${id}.how` as const),
  });
}
