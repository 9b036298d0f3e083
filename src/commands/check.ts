// `check` and `--dry-run`: run the checks, show the request that would be submitted, submit
// nothing. `check` records its evidence in the audit log; `--dry-run` touches nothing.

import { EXIT } from '../errors.js';
import { readinessJson } from '../render/json-document.js';
import { renderReadiness, renderRequestDraft } from '../render/readiness-human.js';
import type { CommandContext } from './command-context.js';
import { draftRequest, evaluateWithProgress, flagConfirmations, withSource } from './evaluate.js';
import { withRecordedRun } from './run-recorder.js';

export async function runCheck(ctx: CommandContext): Promise<number> {
  return withRecordedRun(ctx, ctx.options.dryRun ? 'dry-run' : 'check', (recorder) =>
    withSource(ctx, async (source) => {
      const readiness = await evaluateWithProgress(ctx, source);
      const draft = await draftRequest(ctx, readiness);
      recorder.readiness(readiness, flagConfirmations(ctx, readiness));
      if (draft.request) recorder.request(draft.request);
      if (ctx.options.out) {
        const { makePlan, writePlan } = await import('./plan-file.js');
        const plan = makePlan(readiness, draft.request, ctx.options, ctx.term.now());
        await writePlan(ctx.options.out, plan, ctx.t);
        ctx.say(ctx.t(draft.request ? 'plan.saved' : 'plan.saved-incomplete', { path: ctx.options.out, fingerprint: plan.fingerprint }));
      }

      if (ctx.options.json) {
        const audit = { runId: recorder.runId, database: recorder.audit ? recorder.audit.path : null };
        ctx.print(JSON.stringify(readinessJson(readiness, draft, audit, ctx.warnings), null, 2));
      } else {
        ctx.print(renderReadiness(readiness, ctx.out, ctx.t, ctx.columns));
        ctx.print('');
        ctx.print(renderRequestDraft(draft, ctx.out, ctx.t));
        if (recorder.runId) ctx.say(ctx.err.dim(ctx.t('audit.recorded', { runId: recorder.runId, path: recorder.audit!.path })));
        else ctx.say(ctx.err.dim(ctx.t('audit.dry-run')));
      }
      return readiness.verdict === 'ready' ? EXIT.ok : EXIT.notReady;
    }),
  );
}
