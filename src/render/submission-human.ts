import { closureRequestText, type ClosureRequest } from '../core/closure-request.js';
import type { Translate } from '../messages/catalogue.js';
import type { Style } from '../io/style.js';
import type { SubmissionJson } from './json-schema.js';
import { indent } from './readiness-human.js';

/** What a submission came to: sent now, sent by an earlier run, or not sent. */
export type SubmitOutcome =
  | { kind: 'submitted'; submission: SubmissionJson; nextSteps: string }
  | { kind: 'already-submitted'; submission: SubmissionJson }
  | { kind: 'not-sent' };

/** The receipt: what was submitted, when, and what happens next. */
export function renderSubmission(outcome: Exclude<SubmitOutcome, { kind: 'not-sent' }>, request: ClosureRequest, style: Style, t: Translate, isDemo: boolean): string {
  const { submission } = outcome;
  const lines: string[] = [];
  if (isDemo) lines.push(style.yellow(style.bold(t('demo.banner'))), '');
  if (outcome.kind === 'already-submitted') {
    lines.push(style.yellow(style.bold(t('receipt.already', { id: request.id, at: t('format.timestamp', { at: submission.submittedAt }) }))));
  } else {
    lines.push(style.green(style.bold(t('receipt.submitted'))));
  }
  lines.push(indent(closureRequestText(request, t)));
  lines.push(indent(t('render.label', { label: t('receipt.reference'), value: submission.reference })), indent(t('render.label', { label: t('receipt.at'), value: t('format.timestamp', { at: submission.submittedAt }) })));
  if (outcome.kind === 'submitted') lines.push('', outcome.nextSteps);
  else lines.push('', t('receipt.already-next'));
  // How Amazon's answer gets into the audit log: nothing else would tell the seller.
  lines.push('', t('receipt.record-answer'));
  return lines.join('\n');
}
