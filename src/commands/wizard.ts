// `close-account` on a terminal: the guided path from "I want out" to a submitted request.
// intro → data source → checks → results → blockers and dates → confirmations → the request →
// summary → type the seller ID → submit → receipt. Every step is recorded; Ctrl-C anywhere
// leaves the audit log consistent and is recorded as an interruption.

import type { CheckId } from '../core/check-result.js';
import { CLOSURE_REASONS, closureRequestText, assembleClosureRequest, type ClosureReason } from '../core/closure-request.js';
import { withConfirmations, type Readiness } from '../core/readiness.js';
import type { ClosureRegion } from '../core/marketplaces.js';
import { ADAPTER_IDS, type AdapterId, type SellerDataSource } from '../core/seller-data-source.js';
import { DEMO_SCENARIOS, type DemoScenario } from '../adapters/demo/demo-scenarios.js';
import { EXIT, UsageError } from '../errors.js';
import type { Prompter } from '../io/prompter.js';
import { describeItem, renderBlockers, renderCheckTable, renderVerdict, indent } from '../render/readiness-human.js';
import { renderSubmission } from '../render/submission-human.js';
import type { CommandIo } from '../command-kit/command-io.js';
import { evaluateWithProgress, flagConfirmations, resolveReadinessRun, runToRecord, withSource, type ReadinessRunOptions } from '../command-kit/readiness-run.js';
import { NO_DATA_SOURCE, withRecordedRun, type RunRecorder } from '../audit/run-recorder.js';
import { liveRequestHint, refuseUnsubmittable, submitOnce, submitterFor } from '../command-kit/submission-step.js';
import { foreignSeller, normaliseSellerId } from '../core/request-owner.js';
import { expandHome } from '../io/expand-home.js';
import { flagText, type RawFlags } from '../config/flag-spec.js';
import type { Globals } from '../command-kit/command-definition.js';
import { resolveRequestAnswers, resolveSubmitterChoice, type RequestAnswers, type SubmitterChoice } from '../submit/request-flags.js';

/** The wizard's words: questions and answers, not flags. */
const WIZARD = { wizard: true } as const;

export interface WizardOptions {
  readonly run: ReadinessRunOptions;
  /** Answers given as flags: offered as the defaults of the questions. */
  readonly answers: RequestAnswers;
  readonly submitter: SubmitterChoice;
  /** The data source was chosen on the command line: the wizard does not ask for it. */
  readonly given: { readonly adapter: boolean; readonly demoScenario: boolean };
}

export function resolveWizardOptions(raw: RawFlags, globals: Globals): WizardOptions {
  return Object.freeze({
    run: resolveReadinessRun(raw, globals, { sourceAsked: true }),
    answers: resolveRequestAnswers(raw, globals.options),
    submitter: resolveSubmitterChoice(raw, globals.options, globals.t),
    given: Object.freeze({ adapter: flagText(raw, 'adapter') !== undefined, demoScenario: flagText(raw, 'demoScenario') !== undefined }),
  });
}

/** The same options with the data source the seller chose (a new value: the options stay as resolved). */
function withSourceChoice(options: WizardOptions, choice: Partial<Pick<ReadinessRunOptions['source'], 'adapter' | 'demoScenario' | 'reportsDir'>>): WizardOptions {
  return Object.freeze({ ...options, run: Object.freeze({ ...options.run, source: Object.freeze({ ...options.run.source, ...choice }) }) });
}

export async function runWizard(resolved: WizardOptions, prompter: Prompter, io: CommandIo): Promise<number> {
  // The run is recorded from the first screen, so that stopping or Ctrl-C at any step is too: with
  // the source the command line gave, or none yet (not the default the seller may not choose); the
  // demo seller's situation likewise only once it is given.
  const recorded = runToRecord(io, 'wizard', resolved.run);
  const { given } = resolved;
  return withRecordedRun(!given.adapter ? { ...recorded, adapter: NO_DATA_SOURCE } : given.demoScenario ? recorded : { ...recorded, demoScenario: undefined }, async (recorder) => {
    const { t } = io;
    let options = resolved;
    io.say(`${io.err.bold(t('wizard.title'))}\n\n${t('wizard.permanent')}\n\n${t('wizard.alternatives')}\n`);
    if (!(await prompter.confirm({ message: t('wizard.continue'), default: true }))) {
      recorder.event('stopped', { at: 'intro' });
      io.say(t('wizard.stopped'));
      return EXIT.ok;
    }

    if (!given.adapter) options = withSourceChoice(options, { adapter: await chooseAdapter(io, prompter) });
    if (options.run.source.adapter === 'demo' && !given.demoScenario) options = withSourceChoice(options, { demoScenario: await chooseScenario(io, prompter, options.run.source.demoScenario) });
    if (options.run.source.adapter === 'reports') {
      const reportsDir = await chooseReportsFolder(io, prompter, options.run.source);
      if (reportsDir === null) {
        recorder.event('stopped', { at: 'reports' });
        io.say(t('wizard.stopped'));
        return EXIT.ok;
      }
      options = withSourceChoice(options, { reportsDir });
    }
    recorder.source(options.run.source.adapter, options.run.source.demoScenario);
    const chosen = options;
    return withSource(io, chosen.run, (source) => checkAndSubmit(chosen, io, prompter, recorder, source));

  });
}

async function checkAndSubmit(options: WizardOptions, io: CommandIo, prompter: Prompter, recorder: RunRecorder, source: SellerDataSource): Promise<number> {
  const { t } = io;
  if (source.isDemo) io.say(io.err.yellow(io.err.bold(t('demo.banner'))));
  let readiness = await evaluateWithProgress(io, source, options.run);
  const who = readiness.account.displayName ?? readiness.account.sellerId ?? t('render.unnamed-seller');
  io.print(`${io.out.bold(t('render.heading', { who, asOf: readiness.asOf, adapter: readiness.adapter }))}\n`);
  io.print(renderCheckTable(readiness, io.out, t, io.columns));

  const confirmedBy = flagConfirmations(options.run, readiness);
  if (readiness.verdict === 'blocked') {
    recorder.readiness(readiness, confirmedBy);
    io.print(`\n${renderBlockers(readiness, io.out, t, WIZARD)}\n\n${renderVerdict(readiness, io.out, t, WIZARD)}`);
    io.print(t('wizard.come-back'));
    return EXIT.notReady;
  }

  readiness = await askConfirmations(io, prompter, readiness, confirmedBy);
  recorder.readiness(readiness, confirmedBy);
  if (readiness.verdict !== 'ready') {
    io.print(`\n${renderBlockers(readiness, io.out, t, WIZARD)}\n\n${renderVerdict(readiness, io.out, t, WIZARD)}`);
    return EXIT.notReady;
  }
  io.print(`\n${renderVerdict(readiness, io.out, t, WIZARD)}\n`);

  refuseWhileWithAmazon(io, recorder, readiness);
  const request = await askRequest(io, prompter, readiness, options.answers);
  // The same rule as `submit`: the data's seller only, and one live request per seller and region.
  refuseUnsubmittable(io, recorder.audit, request, readiness.account.sellerId);
  recorder.request(request);
  io.print(`${io.out.bold(t('wizard.summary'))}\n${indent(closureRequestText(request, t))}\n`);
  await prompter.input({
    message: t('wizard.type-seller-id', { sellerId: request.sellerId }),
    validate: (value) => normaliseSellerId(value) === request.sellerId || t('wizard.type-seller-id-mismatch', { sellerId: request.sellerId }),
  });
  const submitter = await submitterFor(io, options.submitter, source.isDemo, { asOf: readiness.asOf, verdict: readiness.verdict });
  const outcome = await submitOnce(io, recorder, request, submitter, prompter, false, readiness.account.sellerId);
  if (outcome.kind === 'not-sent') {
    io.print(t('wizard.not-sent'));
    return EXIT.notReady;
  }
  io.print(renderSubmission(outcome, request, io.out, t, source.isDemo));
  return EXIT.ok;
}

/**
 * A request already with Amazon for this seller in every region it could be for: said before the
 * request's questions rather than after them (a half-sent one is left to be resumed by its answers).
 */
function refuseWhileWithAmazon(io: CommandIo, recorder: RunRecorder, readiness: Readiness): void {
  const sellerId = readiness.account.sellerId;
  if (!recorder.audit || sellerId === null) return;
  const requests = recorder.audit.requests();
  const regions = readiness.regions.length > 0 ? readiness.regions.map((g) => g.region) : ['north-america'];
  const standing = regions.map((region) =>
    requests.find((h) => h.request.sellerId === sellerId && h.request.region === region && ['submitted', 'under-review', 'closed'].includes(h.state)),
  );
  const first = standing[0];
  if (first === undefined || standing.some((h) => h === undefined)) return;
  throw new UsageError(
    io.t('error.live-request', { id: first.request.id, state: io.t(`state.${first.state}`), region: io.t(`region.${first.request.region}`) }),
    liveRequestHint(io.t, { id: first.request.id, state: first.state }),
  );
}

async function chooseAdapter(io: CommandIo, prompter: Prompter): Promise<AdapterId> {
  const { t } = io;
  return prompter.select<AdapterId>({
    message: t('wizard.source'),
    choices: ADAPTER_IDS.map((id) => ({
      name: t(`wizard.source.${id}`),
      value: id,
      disabled: false,
    })),
    default: 'demo',
  });
}

/**
 * Asks for the folder of reports (unless given), then says which needed reports it lacks;
 * false when the seller would rather fetch them first.
 */
async function chooseReportsFolder(io: CommandIo, prompter: Prompter, source: ReadinessRunOptions['source']): Promise<string | null> {
  const { t } = io;
  const { existsSync, statSync } = await import('node:fs');
  const { resolve } = await import('node:path');
  let reportsDir = source.reportsDir;
  if (!reportsDir) {
    // Typed paths are not expanded by a shell here: ~ is the home folder, as in the README's example.
    const typed = (value: string) => expandHome(value.trim(), io.term.env.HOME);
    const dir = await prompter.input({
      message: t('wizard.reports-dir'),
      validate: (value) => (existsSync(typed(value)) && statSync(typed(value)).isDirectory()) || t('wizard.reports-dir-missing'),
    });
    reportsDir = resolve(typed(dir));
  }
  const { scanReportsFolder } = await import('../adapters/reports/reports-folder.js');
  const [{ reportGuide, renderReportGuide }, { toIsoDate }] = await Promise.all([import('../render/report-guide.js'), import('../core/dates.js')]);
  const folder = await scanReportsFolder(reportsDir, source.encoding, t);
  const guide = reportGuide(folder, toIsoDate(io.term.now()), t);
  if (!guide.some((r) => r.needed && r.files.length === 0)) return reportsDir;
  io.say(renderReportGuide(guide, folder, io.out, t, true));
  return (await prompter.confirm({ message: t('wizard.reports-continue'), default: true })) ? reportsDir : null;
}

async function chooseScenario(io: CommandIo, prompter: Prompter, current: DemoScenario): Promise<DemoScenario> {
  const { t } = io;
  return prompter.select<DemoScenario>({
    message: t('wizard.scenario'),
    choices: DEMO_SCENARIOS.map((id) => ({ name: t(`wizard.scenario.${id}`), value: id })),
    default: current,
  });
}

async function askConfirmations(
  io: CommandIo,
  prompter: Prompter,
  readiness: Readiness,
  confirmedBy: Map<CheckId, 'flag' | 'prompt'>,
): Promise<Readiness> {
  const { t } = io;
  const open = readiness.checks.filter((c) => c.status === 'manual' && !c.confirmed);
  if (open.length === 0) return readiness;
  io.say(`\n${io.err.bold(t('wizard.confirmations'))}`);
  const yes: CheckId[] = [];
  for (const check of open) {
    // What the data shows comes before the question: the claims it lists, as the check lists them.
    for (const item of check.items.slice(0, 5)) io.say(io.err.dim(`    ${describeItem(item, t)}`));
    if (check.count !== null && check.count > 5) io.say(io.err.dim(`    ${t('wizard.more-items', { count: check.count - 5 })}`));
    io.say(io.err.dim(`  ${check.remediation ?? ''}`));
    if (await prompter.confirm({ message: check.summary, default: false })) {
      yes.push(check.id);
      confirmedBy.set(check.id, 'prompt');
    }
  }
  return withConfirmations(readiness, yes, t);
}

async function askRequest(io: CommandIo, prompter: Prompter, readiness: Readiness, given: RequestAnswers) {
  const { t } = io;
  const { requestFieldSchemas } = await import('../core/closure-request-schema.js');
  const rules = requestFieldSchemas(t);
  const check = (schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } }) => (value: string) => {
    const result = schema.safeParse(value);
    return result.success || (result.error?.issues[0]?.message ?? t('wizard.invalid'));
  };
  io.say(`\n${io.err.bold(t('wizard.request'))}`);

  const known = readiness.account.sellerId;
  // A --seller-id for another seller is said at once; the data's own is what is offered.
  const foreignFlag = given.sellerId !== undefined ? foreignSeller(given.sellerId, known) : null;
  if (foreignFlag !== null) io.say(io.err.yellow(t('wizard.seller-id-other', { given: normaliseSellerId(given.sellerId!), known: foreignFlag })));
  const sellerId = normaliseSellerId(
    await prompter.input({
      message: t('wizard.ask.seller-id'),
      default: known ?? given.sellerId,
      // Only the seller whose data was checked: any other ID is refused here, as `submit` refuses it.
      validate: (value) => {
        const valid = check(rules.sellerId)(normaliseSellerId(value));
        if (valid !== true) return valid;
        const data = foreignSeller(value, known);
        return data === null || t('wizard.seller-id-other', { given: normaliseSellerId(value), known: data });
      },
    }),
  );
  const regions = readiness.regions;
  const region: ClosureRegion =
    regions.length > 1
      ? await prompter.select<ClosureRegion>({
          message: t('wizard.region'),
          choices: regions.map((g) => ({ name: `${t(`region.${g.region}`)} (${g.countries.join(', ')})`, value: g.region })),
          default: regions[0]!.region,
        })
      : (regions[0]?.region ?? 'north-america');
  const countries = regions.find((g) => g.region === region)?.countries ?? [];
  io.say(io.err.dim(t('wizard.marketplaces', { region: t(`region.${region}`), countries: countries.join(', ') })));
  const reason = await prompter.select<ClosureReason>({
    message: t('wizard.ask.reason'),
    choices: CLOSURE_REASONS.map((id) => ({ name: t(`reason.${id}`), value: id })),
    default: (given.reason as ClosureReason | undefined) ?? 'stopped-selling',
  });
  const reasonText = await prompter.input({
    message: reason === 'other' ? t('wizard.reason-text-needed') : t('wizard.reason-text'),
    default: given.reasonText,
    validate: (value) => (reason === 'other' && !value.trim() ? t('wizard.reason-text-required') : check(rules.reasonText)(value)),
  });
  const email = await prompter.input({ message: t('wizard.ask.email'), default: given.email, validate: check(rules.email) });
  const phone = await prompter.input({ message: t('wizard.phone'), default: given.phone, validate: check(rules.phone) });

  const assembled = await assembleClosureRequest(
    { sellerId, region, marketplaces: countries, reason, reasonText, email, phone },
    { asOf: readiness.asOf, verdict: readiness.verdict },
    t,
  );
  // Every field was validated as it was typed, so this cannot fail short of a bug.
  if (!assembled.ok) throw new Error(`request rejected after field validation: ${JSON.stringify(assembled.problems)}`);
  return assembled.request;
}
