// `submit`: the non-interactive submission, for scripts. It needs every request field as a flag
// (or a saved plan: --plan) and --confirm with the seller ID typed again, and refuses unless the
// verdict is ready. A plan is refused once the data it was based on has changed, or it is old.

import { assembleClosureRequest, type ClosureRequest } from '../core/closure-request.js';
import { changedFindings, findingsOf, fingerprint } from '../core/readiness-fingerprint.js';
import { CliError, EXIT, UsageError } from '../errors.js';
import { readinessJson } from '../render/json-document.js';
import type { SubmissionJson } from '../render/json-schema.js';
import { fieldLabel, renderReadiness } from '../render/readiness-human.js';
import { renderSubmission } from '../render/submission-human.js';
import type { CommandContext } from './command-context.js';
import { evaluateWithProgress, flagConfirmations, withSource } from './evaluate.js';
import { withRecordedRun } from './run-recorder.js';
import { refuseUnsubmittable, submitOnce, submitterFor } from './submit-request.js';
import { foreignSeller, normaliseSellerId } from '../core/request-owner.js';
import type { Plan } from './plan-file.js';

export interface SubmitFlags {
  confirm?: string;
  sent?: boolean;
  plan?: string;
  maxAge?: string;
  /** The global --adapter and --demo-scenario as typed: a plan names its own, and a different one is refused. */
  adapterFlag?: string;
  demoScenarioFlag?: string;
  sellerIdFlag?: string;
  /** --reports-dir as typed: a plan reads its own folder, and another one is refused. */
  reportsDirFlag?: string;
}

export async function runSubmit(ctx: CommandContext, flags: SubmitFlags): Promise<number> {
  const { t, options } = ctx;
  let plan: Plan | null = null;
  if (flags.plan) {
    const { readPlan, attestedOf } = await import('./plan-file.js');
    plan = readPlan(flags.plan, t);
    if (!plan.request) throw new UsageError(t('error.plan-no-request', { path: flags.plan }), t('error.plan-hint'));
    // The plan says where its data came from and what the seller confirmed; a flag that says
    // otherwise is refused rather than silently ignored.
    const conflict = (flag: string, given: string | undefined, planned: string | undefined) => {
      if (given !== undefined && given !== planned) throw new UsageError(t('error.plan-conflict', { flag, given, planned: planned ?? '-', path: flags.plan! }), t('error.plan-conflict-hint'));
    };
    conflict('--adapter', flags.adapterFlag, plan.source.adapter);
    conflict('--demo-scenario', flags.demoScenarioFlag, plan.source.demoScenario ?? undefined);
    // The flag beats the config file, so options.reportsDir is the typed folder made absolute.
    conflict('--reports-dir', flags.reportsDirFlag === undefined ? undefined : (options.reportsDir ?? undefined), plan.source.reportsDir ?? undefined);
    if (flags.sellerIdFlag !== undefined && plan.request && foreignSeller(flags.sellerIdFlag, plan.request.sellerId) !== null) {
      throw new UsageError(t('error.plan-conflict', { flag: '--seller-id', given: flags.sellerIdFlag, planned: plan.request.sellerId, path: flags.plan }), t('error.plan-conflict-hint'));
    }
    options.adapter = plan.source.adapter;
    if (plan.source.demoScenario) options.demoScenario = plan.source.demoScenario;
    if (plan.source.reportsDir) options.reportsDir = plan.source.reportsDir;
    options.attested = attestedOf(plan);
  }
  const sellerId = plan?.request?.sellerId ?? options.request.sellerId;
  const missing: string[] = [];
  if (!plan) {
    if (!options.request.sellerId) missing.push('--seller-id <merchant-token>');
    if (!options.request.reason) missing.push('--reason <reason>');
    if (!options.request.email) missing.push('--email <address>');
  }
  if (!flags.confirm) missing.push('--confirm <merchant-token>');
  // Each flag's placeholder said in the language, as in the help.
  const said = missing.map((flag) => flag.replace(/<([a-z-]+)>/, (_, name: string) => `<${t('help.value-placeholder', { name })}>`));
  if (missing.length > 0) throw new UsageError(t('error.submit-missing', { flags: said.join(' ') }), t('error.submit-missing-hint'));
  if (normaliseSellerId(flags.confirm!) !== normaliseSellerId(sellerId!)) {
    throw new UsageError(t('error.confirm-mismatch', { confirm: flags.confirm!, sellerId: sellerId! }));
  }
  const maxAgeHours = Number(flags.maxAge ?? 24);
  if (!Number.isFinite(maxAgeHours) || maxAgeHours <= 0) throw new UsageError(t('error.bad-max-age', { value: flags.maxAge ?? '' }));

  return withRecordedRun(ctx, 'submit', (recorder) =>
    withSource(ctx, async (source) => {
      const readiness = await evaluateWithProgress(ctx, source);
      recorder.readiness(readiness, flagConfirmations(ctx, readiness));
      const known = foreignSeller(sellerId!, readiness.account.sellerId);
      if (known !== null) throw new UsageError(t('error.seller-mismatch', { given: sellerId!, known }), t('error.seller-mismatch-hint'));

      if (plan) refuseStalePlan(ctx, plan, readiness.checks, maxAgeHours, flags.plan!);
      // One path for both: the request is assembled and validated here, its region and marketplaces
      // from the data just checked. A plan gives only the seller's own answers, and its saved request
      // must be the one these answers make (an edited region, marketplace or field is refused).
      const given = plan ? planAnswers(plan.request!) : options.request;
      const home = readiness.regions[0];
      const assembled = await assembleClosureRequest(
        { ...given, region: home?.region, marketplaces: home?.countries },
        // The request rests on today's check, the one that lets it leave, never on the plan's date.
        { asOf: readiness.asOf, verdict: readiness.verdict },
        t,
      );
      if (!assembled.ok) {
        throw new UsageError(t('error.request-invalid', { problems: assembled.problems.map((p) => `${fieldLabel(p.field, t)}: ${p.message}`).join(t('item.joiner')) }));
      }
      if (plan && !sameRequest(assembled.request, plan.request!)) {
        throw new UsageError(t('error.plan-request-edited', { path: flags.plan! }), t('error.plan-remake'));
      }
      const request: ClosureRequest = assembled.request;
      if (plan) recorder.event('plan-used', { plan: flags.plan, fingerprint: plan.fingerprint, createdAt: plan.createdAt });
      refuseUnsubmittable(ctx, recorder.audit, request, readiness.account.sellerId);
      const draft = { fields: request, request, problems: [] };
      const auditInfo = { runId: recorder.runId, database: recorder.audit?.path ?? null };
      const show = (submission: SubmissionJson | null = null) =>
        ctx.print(options.json ? JSON.stringify(readinessJson(readiness, draft, auditInfo, ctx.warnings, submission), null, 2) : renderReadiness(readiness, ctx.out, t, ctx.columns));

      if (readiness.verdict !== 'ready') {
        show();
        throw new CliError(EXIT.notReady, t('error.not-ready', { verdict: t(`verdict.name.${readiness.verdict}`) }), t(options.json ? 'error.not-ready-hint-json' : 'error.not-ready-hint'));
      }
      if (options.dryRun) {
        show();
        ctx.say(t('submit.dry-run', { id: request.id }));
        return EXIT.ok;
      }

      const submitter = await submitterFor(ctx, source.isDemo, { asOf: readiness.asOf, verdict: readiness.verdict });
      const outcome = await submitOnce(ctx, recorder, request, submitter, null, Boolean(flags.sent), readiness.account.sellerId);
      if (outcome.kind === 'not-sent') throw new UsageError(t('error.not-sent'), t('error.not-sent-hint'));
      if (options.json) show(outcome.submission);
      else ctx.print(renderSubmission(outcome, request, ctx.out, t, readiness.isDemo));
      return EXIT.ok;
    }),
  );
}

/** What the seller answered, as saved in a plan: anything else in its request comes from the data. */
function planAnswers(saved: ClosureRequest): Record<string, unknown> {
  const { sellerId, reason, reasonText, email, phone } = saved as Partial<ClosureRequest>;
  return { sellerId, reason, reasonText, email, phone };
}

/** The saved request is the assembled one: same id, and the same region and marketplaces (the id covers them, but an edit may keep the id). */
function sameRequest(assembled: ClosureRequest, saved: ClosureRequest): boolean {
  const where = (r: Partial<ClosureRequest>) => JSON.stringify([r.id, r.region, Array.isArray(r.marketplaces) ? [...r.marketplaces].sort() : r.marketplaces]);
  return where(assembled) === where(saved);
}

/** A plan is refused when its data has changed since, or when it is older than allowed. */
function refuseStalePlan(ctx: CommandContext, plan: Plan, checks: Parameters<typeof findingsOf>[0], maxAgeHours: number, path: string): void {
  const { t } = ctx;
  const ageHours = (ctx.term.now().getTime() - Date.parse(plan.createdAt)) / 3_600_000;
  // A plan dated in the future (an edited file, a skewed clock) has no age to trust.
  if (ageHours < 0 || ageHours > maxAgeHours) {
    throw new UsageError(t('error.plan-old', { path, hours: Math.floor(ageHours), max: maxAgeHours }), t('error.plan-remake'));
  }
  const findings = findingsOf(checks);
  if (fingerprint(findings) === plan.fingerprint) return;
  const changes = changedFindings(plan.findings, findings)
    .map((c) => `${c.id}: ${c.before.status}${c.before.count === null ? '' : ` (${c.before.count})`} → ${c.after.status}${c.after.count === null ? '' : ` (${c.after.count})`}`)
    .join('; ');
  throw new UsageError(t('error.plan-stale', { path, changes: changes || t('error.plan-stale-details') }), t('error.plan-remake'));
}
