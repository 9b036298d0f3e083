// The submission step shared by `submit` and the wizard. Write-ahead: the audit log records that
// a submission is starting before the submitter acts, and the submission once it is done, so a
// process killed anywhere in between is found by the next run, which resumes it; and a request
// that has a submission is never submitted again.

import { refuseProtectedAccount } from '../portfolio/guard.js';
import type { ClosureRequest } from '../core/closure-request.js';
import { foreignSeller } from '../core/request-owner.js';
import { UsageError } from '../errors.js';
import { failpoint } from '../failpoints.js';
import type { Prompter } from '../io/prompter.js';
import type { SubmissionJson } from '../render/json-schema.js';
import { demoSubmitter } from '../submit/demo-submitter.js';
import { sellerCentralSubmitter } from '../submit/seller-central-submitter.js';
import type { Submitter } from '../submit/submitter.js';
import type { AuditLog, RequestState, SubmissionRecord } from '../audit/audit-log.js';
import type { RunRecorder } from '../audit/run-recorder.js';
import type { SubmitOutcome } from '../render/submission-human.js';
import type { SubmitterChoice } from '../submit/request-flags.js';
import type { CommandIo } from './command-io.js';

export async function submitterFor(io: CommandIo, options: SubmitterChoice, isDemo: boolean, context: { asOf: string; verdict: string }): Promise<Submitter> {
  const { t } = io;
  // A request leaves today, so only a verdict for today may send one: "ready on --as-of 2027-06-01"
  // answers "will I be ready?", it says nothing about now (the 90-day window may still be open).
  if (context.asOf !== io.term.today()) throw new UsageError(t('error.submit-as-of-not-today', { asOf: context.asOf }), t('error.submit-as-of-not-today-hint', { today: io.term.today() }));
  const chosen = options.submitter ?? (isDemo ? 'demo' : 'seller-central');
  switch (chosen) {
    case 'demo':
      // Demo data is never sent to Amazon; a real seller's data never goes to the simulation.
      if (!isDemo) throw new UsageError(t('error.demo-submitter-real-data'));
      return demoSubmitter(t);
    case 'seller-central':
      if (isDemo) throw new UsageError(t('error.real-submitter-demo-data'));
      return sellerCentralSubmitter(t);
    case 'webhook': {
      const secret = io.term.env.CLOSE_ACCOUNT_WEBHOOK_SECRET;
      if (!options.webhookUrl) throw new UsageError(t('error.webhook-url-missing'));
      if (!secret) throw new UsageError(t('error.webhook-secret-missing'));
      const [{ webhookSubmitter, safeUrl }, { checkDestination, clockFromEnv, transportFor }, { secrets }] = await Promise.all([
        import('../submit/webhook-submitter.js'),
        import('../http/outbound.js'),
        import('../security/secret-registry.js'),
      ]);
      secrets.add(secret);
      secrets.addUrl(options.webhookUrl);
      const transport = transportFor(io.term.env, t);
      if (checkDestination(options.webhookUrl, t('http.what.webhook'), transport)) io.warn(t('http.insecure-warning', { what: t('http.what.webhook'), url: safeUrl(options.webhookUrl) }));
      return webhookSubmitter({ url: options.webhookUrl, secret, t, transport, context: { demo: isDemo, ...context }, userAgent: `close-account/${io.version}`, clock: clockFromEnv(io.term.env) });
    }
  }
}

// What a submission came to: a view's input, so it is defined beside its view (render/submission-human.ts).
export type { SubmitOutcome };

const toJson = (record: SubmissionRecord, already: boolean): SubmissionJson => ({
  requestId: record.requestId,
  submitter: record.submitter as SubmissionJson['submitter'],
  reference: record.reference,
  submittedAt: record.submittedAt,
  alreadySubmitted: already,
});

/** The request already standing for this seller and region, other than `request` itself. */
export function liveRequestFor(audit: AuditLog, request: ClosureRequest): { id: string; state: RequestState } | null {
  return audit.liveRequestFor(request);
}

function liveRequestError(io: Pick<CommandIo, 't'>, live: { id: string; state: RequestState }, request: ClosureRequest): UsageError {
  const { t } = io;
  return new UsageError(t('error.live-request', { id: live.id, state: t(`state.${live.state}`), region: t(`region.${request.region}`) }), liveRequestHint(t, live));
}

/** What to do about the request standing: withdraw it, unless it is closed (a closed request cannot be withdrawn). */
export function liveRequestHint(t: CommandIo['t'], live: { id: string; state: RequestState }): string {
  return live.state === 'closed' ? t('error.closed-request-hint', { id: live.id }) : t('error.live-request-hint', { id: live.id });
}

/**
 * Refuses a request for a seller other than the data's, and a second live request for one seller
 * and region: the shared rule of the wizard, `submit` and `submit --plan`. Nothing is submitted.
 * The claim in submitOnce holds the same rule again inside its transaction, against a run at once.
 */
export function refuseUnsubmittable(io: Pick<CommandIo, 't'>, audit: AuditLog | null, request: ClosureRequest, dataSellerId: string | null): void {
  const { t } = io;
  const known = foreignSeller(request.sellerId, dataSellerId);
  if (known !== null) throw new UsageError(t('error.seller-mismatch', { given: request.sellerId, known }), t('error.seller-mismatch-hint'));
  const live = audit ? liveRequestFor(audit, request) : null;
  if (live) throw liveRequestError(io, live, request);
}

/**
 * An account the accounts file protects is never submitted for (issue 18): the file given with
 * --accounts, else the portfolio's default one when it exists. Held by submitOnce, the one way a
 * request leaves (the wizard and submit), and by submit before it asks anything.
 */
export async function refuseProtected(io: Pick<CommandIo, 't' | 'term'>, request: ClosureRequest, accountsPath: string | null): Promise<void> {
  await refuseProtectedAccount({ accountsPath, env: io.term.env, platform: io.term.platform, home: io.term.env.HOME, sellerId: request.sellerId, regions: request.region === 'other' ? null : [request.region], t: io.t });
}

export async function submitOnce(
  io: CommandIo,
  recorder: RunRecorder,
  request: ClosureRequest,
  submitter: Submitter,
  prompter: Prompter | null,
  sentFlag: boolean,
  dataSellerId: string | null,
): Promise<SubmitOutcome> {
  const audit = recorder.audit!;
  const runId = recorder.runId!;
  const stop = (name: string) => failpoint(name, io.term.env, io.term.stderr);

  const existing = audit.submissionFor(request.id);
  if (existing) {
    recorder.request(request);
    recorder.event('submission-skipped', { requestId: request.id, reason: 'already-submitted' });
    return { kind: 'already-submitted', submission: toJson(existing, true) };
  }
  refuseUnsubmittable(io, audit, request, dataSellerId);
  await refuseProtected(io, request, null);
  recorder.request(request);
  const history = audit.requests().find((h) => h.request.id === request.id);
  if (history?.interruptedSubmission) {
    io.say(io.t('submit.resuming', { id: request.id, at: history.interruptedSubmission.at, via: history.interruptedSubmission.submitter }));
    recorder.event('submission-resumed', { requestId: request.id, interruptedRun: history.interruptedSubmission.runId });
  }
  await stop('before-submission-started');
  // Written first: a full disk or a read-only log fails here, before anything is submitted.
  const claim = audit.recordSubmissionStarted(runId, request, submitter.id);
  if (claim.kind === 'submitted') {
    recorder.event('submission-skipped', { requestId: request.id, reason: 'already-submitted' });
    return { kind: 'already-submitted', submission: toJson(claim.submission, true) };
  }
  if (claim.kind === 'live') throw liveRequestError(io, claim, request);
  if (claim.kind === 'busy') {
    throw new UsageError(io.t('error.submission-busy', { id: request.id, pid: claim.pid, at: claim.at }), io.t('error.submission-busy-hint'));
  }
  recorder.submittingRequest = request.id;
  await stop('after-submission-started');
  const receipt = await submitter.submit(request, { prompter, say: io.say, openUrl: io.term.openUrl, sentFlag, resuming: Boolean(history?.interruptedSubmission) });
  if (!receipt) {
    recorder.event('submission-not-sent', { requestId: request.id });
    recorder.submittingRequest = null;
    return { kind: 'not-sent' };
  }
  await stop('after-submitter');
  const record = audit.recordSubmission(runId, request, receipt.submitter, receipt.reference, receipt);
  await stop('after-submission-recorded');
  const already = record.runId !== runId;
  if (!already) recorder.submittedRequest = request.id;
  return already ? { kind: 'already-submitted', submission: toJson(record, true) } : { kind: 'submitted', submission: toJson(record, false), nextSteps: receipt.nextSteps };
}
