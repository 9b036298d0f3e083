// `submit`: the non-interactive submission, for scripts. It needs every request field as a flag
// and --confirm with the seller ID typed again, and refuses unless the verdict is ready.

import { assembleClosureRequest } from '../core/closure-request.js';
import { CliError, EXIT, UsageError } from '../errors.js';
import { readinessJson } from '../render/json-document.js';
import type { SubmissionJson } from '../render/json-schema.js';
import { renderReadiness } from '../render/readiness-human.js';
import type { CommandContext } from './command-context.js';
import { evaluateWithProgress, flagConfirmations, withSource } from './evaluate.js';
import { withRecordedRun } from './run-recorder.js';
import { submitOnce, submitterFor } from './submit-request.js';
import { renderSubmission } from '../render/submission-human.js';

export interface SubmitFlags {
  confirm?: string;
  sent?: boolean;
}

export async function runSubmit(ctx: CommandContext, flags: SubmitFlags): Promise<number> {
  const { t, options } = ctx;
  const missing: string[] = [];
  if (!options.request.sellerId) missing.push('--seller-id <merchant-token>');
  if (!options.request.reason) missing.push('--reason <reason>');
  if (!options.request.email) missing.push('--email <address>');
  if (!flags.confirm) missing.push('--confirm <merchant-token>');
  if (missing.length > 0) throw new UsageError(t('error.submit-missing', { flags: missing.join(' ') }), t('error.submit-missing-hint'));
  if (flags.confirm!.trim().toUpperCase() !== options.request.sellerId!.trim().toUpperCase()) {
    throw new UsageError(t('error.confirm-mismatch', { confirm: flags.confirm!, sellerId: options.request.sellerId! }));
  }

  return withRecordedRun(ctx, 'submit', (recorder) =>
    withSource(ctx, async (source) => {
      const readiness = await evaluateWithProgress(ctx, source);
      recorder.readiness(readiness, flagConfirmations(ctx, readiness));
      const known = readiness.account.sellerId;
      if (known && known.toUpperCase() !== options.request.sellerId!.trim().toUpperCase()) {
        throw new UsageError(t('error.seller-mismatch', { given: options.request.sellerId!, known }));
      }
      const home = readiness.regions[0];
      const assembled = await assembleClosureRequest(
        { ...options.request, region: home?.region, marketplaces: home?.countries },
        { asOf: readiness.asOf, verdict: readiness.verdict },
        t,
      );
      if (!assembled.ok) {
        throw new UsageError(t('error.request-invalid', { problems: assembled.problems.map((p) => `${p.field}: ${p.message}`).join('; ') }));
      }
      const request = assembled.request;
      const draft = { fields: request, request, problems: [] };
      const auditInfo = { runId: recorder.runId, database: recorder.audit?.path ?? null };
      const show = (submission: SubmissionJson | null = null) =>
        ctx.print(options.json ? JSON.stringify(readinessJson(readiness, draft, auditInfo, ctx.warnings, submission), null, 2) : renderReadiness(readiness, ctx.out, t));

      if (readiness.verdict !== 'ready') {
        show();
        throw new CliError(EXIT.notReady, t('error.not-ready', { verdict: readiness.verdict }), t('error.not-ready-hint'));
      }
      if (options.dryRun) {
        show();
        ctx.say(t('submit.dry-run', { id: request.id }));
        return EXIT.ok;
      }

      const submitter = await submitterFor(ctx, source.isDemo, { asOf: readiness.asOf, verdict: readiness.verdict });
      const outcome = await submitOnce(ctx, recorder, request, submitter, null, Boolean(flags.sent));
      if (outcome.kind === 'not-sent') throw new UsageError(t('error.not-sent'), t('error.not-sent-hint'));
      if (options.json) show(outcome.submission);
      else ctx.print(renderSubmission(outcome, request, ctx.out, t, readiness.isDemo));
      return EXIT.ok;
    }),
  );
}
