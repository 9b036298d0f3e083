// `check` and `--dry-run`: run the checks, show the request that would be submitted, submit
// nothing. `check` records its evidence in the audit log; `--dry-run` touches nothing.

import { flagOn, flagText } from '../config/flag-spec.js';
import { settingPath } from '../config/global-options.js';
import { EXIT } from '../errors.js';
import { readinessJson } from '../render/json-document.js';
import { renderReadiness, renderRequestDraft } from '../render/readiness-human.js';
import { REQUEST_FLAGS, resolveRequestAnswers, type RequestAnswers } from '../submit/request-flags.js';
import { withRecordedRun } from '../audit/run-recorder.js';
import { defineCommand, type FlagSpec, type Globals, type RawFlags } from '../command-kit/command-definition.js';
import type { CommandIo } from '../command-kit/command-io.js';
import { draftRequest, evaluateWithProgress, flagConfirmations, READINESS_FLAGS, resolveReadinessRun, runToRecord, withSource, type ReadinessRunOptions } from '../command-kit/readiness-run.js';

export interface CheckOptions {
  readonly run: ReadinessRunOptions;
  readonly json: boolean;
  /** Touch nothing: no audit log, no run recorded. */
  readonly dryRun: boolean;
  /** The seller's answers for the request draft. */
  readonly answers: RequestAnswers;
  /** Where to save the checked request as a closure-request file (for `submit --request-file`), if anywhere. */
  readonly requestFile: string | null;
}

/** --dry-run and --out: what `check` and the bare `close-account --dry-run` share. */
export const CHECK_OUTPUT_FLAGS: readonly FlagSpec[] = [
  { flags: '--dry-run', help: 'help.dry-run' },
  { flags: '--out <file>', help: 'help.out' },
];

export function resolveCheckOptions(raw: RawFlags, globals: Globals): CheckOptions {
  const out = flagText(raw, 'out');
  return Object.freeze({
    run: resolveReadinessRun(raw, globals),
    json: globals.options.json,
    dryRun: flagOn(raw, 'dryRun'),
    answers: resolveRequestAnswers(raw, globals.options),
    requestFile: out ? settingPath(out, globals.term.env) : null,
  });
}

export async function runCheck(options: CheckOptions, io: CommandIo): Promise<number> {
  const { t } = io;
  return withRecordedRun(runToRecord(io, options.dryRun ? 'dry-run' : 'check', options.run, options.dryRun, options.answers.sellerId), (recorder) =>
    withSource(io, options.run, async (source) => {
      const readiness = await evaluateWithProgress(io, source, options.run);
      const draft = await draftRequest(options.answers, readiness, t);
      recorder.readiness(readiness, flagConfirmations(options.run, readiness));
      if (draft.request) recorder.request(draft.request);
      if (options.requestFile) {
        const { makeRequestFile, writeRequestFile } = await import('../submit/closure-request-file.js');
        const saved = makeRequestFile(readiness, draft.request, options.run, io.term.now());
        await writeRequestFile(options.requestFile, saved, t);
        io.say(t(draft.request ? 'request-file.saved' : 'request-file.saved-incomplete', { path: options.requestFile, fingerprint: saved.fingerprint }));
      }

      if (options.json) {
        const audit = { runId: recorder.runId, database: recorder.audit ? recorder.audit.path : null };
        io.print(JSON.stringify(readinessJson(readiness, draft, audit, io.warnings), null, 2));
      } else {
        io.print(renderReadiness(readiness, io.out, t, io.columns));
        io.print('');
        io.print(renderRequestDraft(draft, io.out, t));
        if (recorder.runId) io.say(io.err.dim(t('audit.recorded', { runId: recorder.runId, path: recorder.audit!.path })));
        else io.say(io.err.dim(t('audit.dry-run')));
      }
      return readiness.verdict === 'ready' ? EXIT.ok : EXIT.notReady;
    }),
  );
}

export const checkCommand = defineCommand<CheckOptions>({
  name: 'check',
  description: 'help.check',
  flags: [...READINESS_FLAGS, ...REQUEST_FLAGS, ...CHECK_OUTPUT_FLAGS],
  examples: [
    'close-account check --as-of 2027-03-01 --json',
    'close-account check --adapter reports --reports-dir ~/amazon-reports',
    'close-account check --demo-scenario ready --attest all \\',
    '    --seller-id A2DEMO5ELLER7Q --reason stopped-selling \\',
    '    --email owner@example.com --out request.json',
  ],
  resolve: resolveCheckOptions,
  run: runCheck,
});
