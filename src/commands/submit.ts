// `submit`: the non-interactive submission, for scripts. It needs every request field as a flag
// (or a saved closure-request file: --request-file) and --confirm with the seller ID typed again, and
// refuses unless the verdict is ready. A closure-request file is refused once the data it was based on
// has changed, or it is old.

import { ACCOUNTS_FLAG, accountsPathOf } from '../portfolio/accounts-path.js';
import { assembleClosureRequest, type ClosureRequest } from '../core/closure-request.js';
import { changedFindings, findingsOf, fingerprint } from '../core/readiness-fingerprint.js';
import { CliError, EXIT, UsageError } from '../errors.js';
import { readinessJson } from '../render/json-document.js';
import type { SubmissionJson } from '../render/json-schema.js';
import { fieldLabel, renderReadiness } from '../render/readiness-human.js';
import { renderSubmission } from '../render/submission-human.js';
import { withRecordedRun } from '../audit/run-recorder.js';
import { flagOn, flagText } from '../config/flag-spec.js';
import { foreignSeller, normaliseSellerId } from '../core/request-owner.js';
import type { ClosureRequestFile } from '../submit/closure-request-file.js';
import { REQUEST_FLAGS, resolveRequestAnswers, resolveSubmitterChoice, SUBMITTER_FLAGS, type RequestAnswers, type SubmitterChoice } from '../submit/request-flags.js';
import { defineCommand } from '../command-kit/command-definition.js';
import type { CommandIo } from '../command-kit/command-io.js';
import { evaluateWithProgress, flagConfirmations, READINESS_FLAGS, resolveReadinessRun, runToRecord, withSource, type ReadinessRunOptions } from '../command-kit/readiness-run.js';
import { refuseProtected, refuseUnsubmittable, submitOnce, submitterFor } from '../command-kit/submission-step.js';

export interface SubmitOptions {
  readonly run: ReadinessRunOptions;
  readonly json: boolean;
  /** Check and assemble, but send and record nothing. */
  readonly dryRun: boolean;
  readonly answers: RequestAnswers;
  readonly submitter: SubmitterChoice;
  /** The seller ID typed again. */
  readonly confirm: string | null;
  /** Seller Central path: the seller has pressed Send in the form. */
  readonly sent: boolean;
  /** A saved closure-request file (`check --out`) to submit instead of request flags. */
  readonly requestFile: string | null;
  /** The oldest closure-request file accepted, in hours, as typed. */
  readonly maxAge: string;
  /** --accounts: an accounts file whose protected accounts are never submitted for; null for the default one. */
  readonly accountsPath: string | null;
  /** The data source and seller as typed on the command line: a request file names its own, and a different one is refused. */
  readonly typed: { readonly adapter?: string; readonly demoScenario?: string; readonly reportsDir?: string; readonly sellerId?: string };
}

export const submitCommand = defineCommand<SubmitOptions>({
  name: 'submit',
  description: 'help.submit',
  flags: [
    ...READINESS_FLAGS,
    ...REQUEST_FLAGS,
    ...SUBMITTER_FLAGS,
    { flags: '--confirm <seller-id>', help: 'help.confirm' },
    { flags: '--sent', help: 'help.sent' },
    { flags: '--request-file <file>', help: 'help.request-file' },
    // Its first name, kept working: the dated closure plan is the `plan` command, a different thing.
    { flags: '--plan <file>', help: 'help.request-file', hidden: true },
    { flags: '--max-age <hours>', help: 'help.max-age', default: '24' },
    { flags: '--dry-run', help: 'help.dry-run' },
    ACCOUNTS_FLAG,
  ],
  examples: [
    'close-account submit --request-file request.json --confirm A2DEMO5ELLER7Q',
    'close-account submit --demo-scenario ready --attest all \\',
    '    --seller-id A2DEMO5ELLER7Q --reason stopped-selling \\',
    '    --email owner@example.com --confirm A2DEMO5ELLER7Q',
  ],
  resolve(raw, globals) {
    const { options, t } = globals;
    const run = resolveReadinessRun(raw, globals);
    return Object.freeze({
      run,
      json: options.json,
      dryRun: flagOn(raw, 'dryRun'),
      answers: resolveRequestAnswers(raw, options),
      submitter: resolveSubmitterChoice(raw, options, t),
      confirm: flagText(raw, 'confirm') ?? null,
      sent: flagOn(raw, 'sent'),
      requestFile: flagText(raw, 'requestFile') ?? flagText(raw, 'plan') ?? null,
      maxAge: flagText(raw, 'maxAge') ?? '24',
      accountsPath: accountsPathOf(raw, globals.term.env),
      typed: Object.freeze({
        adapter: flagText(raw, 'adapter'),
        demoScenario: flagText(raw, 'demoScenario'),
        // The flag beats the config file, so run.source.reportsDir is the typed folder made absolute.
        reportsDir: flagText(raw, 'reportsDir') === undefined ? undefined : (run.source.reportsDir ?? undefined),
        sellerId: flagText(raw, 'sellerId'),
      }),
    });
  },
  run: runSubmit,
});

async function runSubmit(options: SubmitOptions, io: CommandIo): Promise<number> {
  const { t } = io;
  let saved: ClosureRequestFile | null = null;
  let run = options.run;
  const path = options.requestFile;
  if (path) {
    const { readRequestFile, attestedOf } = await import('../submit/closure-request-file.js');
    saved = readRequestFile(path, t);
    if (!saved.request) throw new UsageError(t('error.request-file-no-request', { path }), t('error.request-file-hint'));
    // The file says where its data came from and what the seller confirmed; a flag that says
    // otherwise is refused rather than silently ignored.
    const conflict = (flag: string, given: string | undefined, planned: string | undefined) => {
      if (given !== undefined && given !== planned) throw new UsageError(t('error.request-file-conflict', { flag, given, planned: planned ?? '-', path }), t('error.request-file-conflict-hint'));
    };
    const { typed } = options;
    conflict('--adapter', typed.adapter, saved.source.adapter);
    conflict('--demo-scenario', typed.demoScenario, saved.source.demoScenario ?? undefined);
    conflict('--reports-dir', typed.reportsDir, saved.source.reportsDir ?? undefined);
    if (typed.sellerId !== undefined && saved.request && foreignSeller(typed.sellerId, saved.request.sellerId) !== null) {
      throw new UsageError(t('error.request-file-conflict', { flag: '--seller-id', given: typed.sellerId, planned: saved.request.sellerId, path }), t('error.request-file-conflict-hint'));
    }
    // The data the file was checked on, and what the seller confirmed then: a new value, the resolved options stay as they are.
    const source = {
      ...run.source,
      adapter: saved.source.adapter,
      ...(saved.source.demoScenario ? { demoScenario: saved.source.demoScenario } : {}),
      ...(saved.source.reportsDir ? { reportsDir: saved.source.reportsDir } : {}),
    };
    run = Object.freeze({ ...run, source: Object.freeze(source), attested: attestedOf(saved) });
  }
  const sellerId = saved?.request?.sellerId ?? options.answers.sellerId;
  const missing: string[] = [];
  if (!saved) {
    if (!options.answers.sellerId) missing.push('--seller-id <merchant-token>');
    if (!options.answers.reason) missing.push('--reason <reason>');
    if (!options.answers.email) missing.push('--email <address>');
  }
  if (!options.confirm) missing.push('--confirm <merchant-token>');
  // Each flag's placeholder said in the language, as in the help.
  const said = missing.map((flag) => flag.replace(/<([a-z-]+)>/, (_, name: string) => `<${t('help.value-placeholder', { name })}>`));
  if (missing.length > 0) throw new UsageError(t('error.submit-missing', { flags: said.join(' ') }), t('error.submit-missing-hint'));
  if (normaliseSellerId(options.confirm!) !== normaliseSellerId(sellerId!)) {
    throw new UsageError(t('error.confirm-mismatch', { confirm: options.confirm!, sellerId: sellerId! }));
  }
  const maxAgeHours = Number(options.maxAge);
  if (!Number.isFinite(maxAgeHours) || maxAgeHours <= 0) throw new UsageError(t('error.bad-max-age', { value: options.maxAge }));

  return withRecordedRun(runToRecord(io, 'submit', run, options.dryRun, options.answers.sellerId), (recorder) =>
    withSource(io, run, async (source) => {
      const readiness = await evaluateWithProgress(io, source, run);
      recorder.readiness(readiness, flagConfirmations(run, readiness));
      const known = foreignSeller(sellerId!, readiness.account.sellerId);
      if (known !== null) throw new UsageError(t('error.seller-mismatch', { given: sellerId!, known }), t('error.seller-mismatch-hint'));

      if (saved) refuseStaleRequestFile(io, saved, readiness.checks, maxAgeHours, path!);
      // One path for both: the request is assembled and validated here, its region and marketplaces
      // from the data just checked. A closure-request file gives only the seller's own answers, and its saved request
      // must be the one these answers make (an edited region, marketplace or field is refused).
      const given = saved ? savedAnswers(saved.request!) : options.answers;
      const home = readiness.regions[0];
      const assembled = await assembleClosureRequest(
        { ...given, region: home?.region, marketplaces: home?.countries },
        // The request rests on today's check, the one that lets it leave, never on the file's date.
        { asOf: readiness.asOf, verdict: readiness.verdict },
        t,
      );
      if (!assembled.ok) {
        throw new UsageError(t('error.request-invalid', { problems: assembled.problems.map((p) => `${fieldLabel(p.field, t)}: ${p.message}`).join(t('item.joiner')) }));
      }
      if (saved && !sameRequest(assembled.request, saved.request!)) {
        throw new UsageError(t('error.request-file-request-edited', { path: path! }), t('error.request-file-remake'));
      }
      const request: ClosureRequest = assembled.request;
      if (saved) recorder.event('plan-used', { plan: path, fingerprint: saved.fingerprint, createdAt: saved.createdAt });
      refuseUnsubmittable(io, recorder.audit, request, readiness.account.sellerId);
      await refuseProtected(io, request, options.accountsPath);
      const draft = { fields: request, request, problems: [] };
      const auditInfo = { runId: recorder.runId, database: recorder.audit?.path ?? null };
      const show = (submission: SubmissionJson | null = null) =>
        io.print(options.json ? JSON.stringify(readinessJson(readiness, draft, auditInfo, io.warnings, submission), null, 2) : renderReadiness(readiness, io.out, t, io.columns));

      if (readiness.verdict !== 'ready') {
        show();
        throw new CliError(EXIT.notReady, t('error.not-ready', { verdict: t(`verdict.name.${readiness.verdict}`) }), t(options.json ? 'error.not-ready-hint-json' : 'error.not-ready-hint'));
      }
      if (options.dryRun) {
        show();
        io.say(t('submit.dry-run', { id: request.id }));
        return EXIT.ok;
      }

      const submitter = await submitterFor(io, options.submitter, source.isDemo, { asOf: readiness.asOf, verdict: readiness.verdict });
      const outcome = await submitOnce(io, recorder, request, submitter, null, options.sent, readiness.account.sellerId);
      if (outcome.kind === 'not-sent') throw new UsageError(t('error.not-sent'), t('error.not-sent-hint'));
      if (options.json) show(outcome.submission);
      else io.print(renderSubmission(outcome, request, io.out, t, readiness.isDemo));
      return EXIT.ok;
    }),
  );
}

/** What the seller answered, as saved in a closure-request file: anything else in its request comes from the data. */
function savedAnswers(saved: ClosureRequest): Record<string, unknown> {
  const { sellerId, reason, reasonText, email, phone } = saved as Partial<ClosureRequest>;
  return { sellerId, reason, reasonText, email, phone };
}

/** The saved request is the assembled one: same id, and the same region and marketplaces (the id covers them, but an edit may keep the id). */
function sameRequest(assembled: ClosureRequest, saved: ClosureRequest): boolean {
  const where = (r: Partial<ClosureRequest>) => JSON.stringify([r.id, r.region, Array.isArray(r.marketplaces) ? [...r.marketplaces].sort() : r.marketplaces]);
  return where(assembled) === where(saved);
}

/** A closure-request file is refused when its data has changed since, or when it is older than allowed. */
function refuseStaleRequestFile(io: CommandIo, saved: ClosureRequestFile, checks: Parameters<typeof findingsOf>[0], maxAgeHours: number, path: string): void {
  const { t } = io;
  const ageHours = (io.term.now().getTime() - Date.parse(saved.createdAt)) / 3_600_000;
  // A file dated in the future (an edited file, a skewed clock) has no age to trust.
  if (ageHours < 0 || ageHours > maxAgeHours) {
    throw new UsageError(t('error.request-file-old', { path, hours: Math.floor(ageHours), max: maxAgeHours }), t('error.request-file-remake'));
  }
  const findings = findingsOf(checks);
  if (fingerprint(findings) === saved.fingerprint) return;
  const changes = changedFindings(saved.findings, findings)
    .map((c) => `${c.id}: ${c.before.status}${c.before.count === null ? '' : ` (${c.before.count})`} → ${c.after.status}${c.after.count === null ? '' : ` (${c.after.count})`}`)
    .join('; ');
  throw new UsageError(t('error.request-file-stale', { path, changes: changes || t('error.request-file-stale-details') }), t('error.request-file-remake'));
}
