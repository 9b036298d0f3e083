// The submission step shared by `submit` and the wizard: never twice for the same request.

import type { ClosureRequest } from '../core/closure-request.js';
import type { Prompter } from '../io/prompter.js';
import type { SubmissionJson } from '../render/json-schema.js';
import { demoSubmitter } from '../submit/demo-submitter.js';
import { sellerCentralSubmitter } from '../submit/seller-central-submitter.js';
import type { Submitter } from '../submit/submitter.js';
import type { CommandContext } from './command-context.js';
import type { RunRecorder } from './run-recorder.js';

export function submitterFor(ctx: CommandContext, isDemo: boolean): Submitter {
  // Demo data is never sent anywhere: the demo seller always gets the simulated submitter.
  return isDemo ? demoSubmitter(ctx.t) : sellerCentralSubmitter(ctx.t);
}

export type SubmitOutcome =
  | { kind: 'submitted'; submission: SubmissionJson; nextSteps: string }
  | { kind: 'already-submitted'; submission: SubmissionJson }
  | { kind: 'not-sent' };

export async function submitOnce(
  ctx: CommandContext,
  recorder: RunRecorder,
  request: ClosureRequest,
  submitter: Submitter,
  prompter: Prompter | null,
  sentFlag: boolean,
): Promise<SubmitOutcome> {
  const audit = recorder.audit!;
  const runId = recorder.runId!;
  const toJson = (row: { request_id: string; submitter: string; reference: string; submitted_at: string }, already: boolean): SubmissionJson => ({
    requestId: row.request_id,
    submitter: row.submitter as SubmissionJson['submitter'],
    reference: row.reference,
    submittedAt: row.submitted_at,
    alreadySubmitted: already,
  });

  recorder.request(request);
  const existing = audit.submissionFor(request.id);
  if (existing) {
    recorder.event('submission-skipped', { requestId: request.id, reason: 'already-submitted' });
    return { kind: 'already-submitted', submission: toJson(existing, true) };
  }
  recorder.event('submission-started', { requestId: request.id, submitter: submitter.id });
  const receipt = await submitter.submit(request, { prompter, say: ctx.say, openUrl: ctx.term.openUrl, sentFlag });
  if (!receipt) {
    recorder.event('submission-not-sent', { requestId: request.id });
    return { kind: 'not-sent' };
  }
  const row = audit.recordSubmission(runId, request, receipt.submitter, receipt.reference, receipt);
  const already = row.run_id !== runId;
  return already ? { kind: 'already-submitted', submission: toJson(row, true) } : { kind: 'submitted', submission: toJson(row, false), nextSteps: receipt.nextSteps };
}
