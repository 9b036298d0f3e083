// Flags shared by every command, checked and completed from the config file and defaults.

import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { parseDemoScenario } from '../adapters/registry.js';
import type { DemoScenario } from '../adapters/demo/demo-scenarios.js';
import { defaultAuditDbPath } from '../audit/default-path.js';
import type { ConfigFile } from '../config/config-file.js';
import { CHECK_IDS, type CheckId } from '../core/check-result.js';
import type { ClosureRequestInput } from '../core/closure-request.js';
import { PLAN_STEPS, type PlanStepId } from '../core/closure-plan.js';
import { isIsoDate, type IsoDate } from '../core/dates.js';
import { isConfirmable } from '../core/readiness.js';
import { ADAPTER_IDS, type AdapterId } from '../core/seller-data-source.js';
import { UsageError } from '../errors.js';
import { expandHome } from './expand-home.js';
import { SUBMITTER_IDS, type SubmitterId } from '../submit/submitter.js';
import { parseEncoding, type Encoding } from '../adapters/reports/text-encoding.js';
import type { Terminal } from '../io/terminal.js';
import type { Translate } from '../messages/catalogue.js';

/** Flags as commander hands them over. */
export interface GlobalFlags {
  adapter?: string;
  demoScenario?: string;
  json?: boolean;
  color?: boolean;
  auditDb?: string;
  asOf?: string;
  attest?: string[];
  config?: string;
  dryRun?: boolean;
  verbose?: boolean;
  sellerId?: string;
  reason?: string;
  reasonText?: string;
  email?: string;
  phone?: string;
  reportsDir?: string;
  encoding?: string;
  maxReportAge?: string;
  submitter?: string;
  webhookUrl?: string;
  out?: string;
  demoDone?: string[];
  /** The accounts file of `portfolio`, and the guard of protected accounts. */
  accounts?: string;
}

export interface GlobalOptions {
  adapter: AdapterId;
  demoScenario: DemoScenario;
  json: boolean;
  noColor: boolean;
  auditDbPath: string;
  asOf: IsoDate;
  /** The as-of day was given (the clock moved): worth saying on screen. */
  asOfGiven: boolean;
  attested: Set<CheckId>;
  dryRun: boolean;
  verbose: boolean;
  request: Partial<ClosureRequestInput>;
  reportsDir: string | null;
  /** Forced report encoding; null to detect. */
  encoding: Encoding | null;
  /** Report files older than this many days before the as-of day prove nothing. */
  maxReportAgeDays: number;
  /** How the request leaves; null for the default (demo for the demo seller, else Seller Central). */
  submitter: SubmitterId | null;
  webhookUrl: string | null;
  /** Where `check` / `--dry-run` saves the plan, if anywhere. */
  out: string | null;
  /** The config file, for settings only some adapters read (sp-api's credentials). */
  configFile: { path: string; spApi: NonNullable<ConfigFile['spApi']> } | null;
  /** Demo only: plan steps to pretend were carried out. */
  demoDone: Set<PlanStepId>;
  /** --accounts, resolved; null for the portfolio's default file. */
  accountsPath: string | null;
}

export async function resolveGlobalOptions(flags: GlobalFlags, term: Terminal, t: Translate): Promise<GlobalOptions> {
  const configPath = flags.config ?? term.env.CLOSE_ACCOUNT_CONFIG;
  // The config loader (and zod) only when there is a config file.
  const config: ConfigFile = configPath ? (await import('../config/config-file.js')).loadConfigFile(configPath, t) : {};

  const adapter = flags.adapter ?? config.adapter ?? 'demo';
  if (!(ADAPTER_IDS as readonly string[]).includes(adapter)) {
    throw new UsageError(t('error.bad-adapter', { value: adapter, adapters: ADAPTER_IDS.join(', ') }));
  }

  if (flags.asOf !== undefined && !isIsoDate(flags.asOf)) {
    throw new UsageError(t('error.bad-date', { value: flags.asOf }));
  }

  const attested = new Set<CheckId>();
  for (const value of (flags.attest ?? []).flatMap((v) => v.split(','))) {
    const id = value.trim();
    if (id === 'all') {
      for (const checkId of CHECK_IDS) if (isConfirmable(checkId)) attested.add(checkId);
    } else if ((CHECK_IDS as readonly string[]).includes(id) && isConfirmable(id as CheckId)) {
      attested.add(id as CheckId);
    } else {
      const confirmable = CHECK_IDS.filter((c) => isConfirmable(c)).join(', ');
      throw new UsageError(t('error.bad-attest', { value: id, ids: confirmable }));
    }
  }

  const given = <K extends keyof GlobalFlags & keyof ConfigFile>(key: K) => flags[key] ?? config[key];
  const request: Partial<ClosureRequestInput> = {};
  if (given('sellerId') !== undefined) request.sellerId = String(given('sellerId'));
  if (given('reason') !== undefined) request.reason = String(given('reason')) as ClosureRequestInput['reason'];
  if (given('reasonText') !== undefined) request.reasonText = String(given('reasonText'));
  if (given('email') !== undefined) request.email = String(given('email'));
  if (given('phone') !== undefined) request.phone = String(given('phone'));

  const encodingName = flags.encoding ?? config.encoding;
  const encoding = encodingName === undefined ? null : parseEncoding(encodingName);
  if (encodingName !== undefined && encoding === null) throw new UsageError(t('error.bad-encoding', { value: encodingName }));
  const reportsDir = flags.reportsDir ?? config.reportsDir;
  const maxReportAge = flags.maxReportAge ?? String(config.maxReportAge ?? 3);
  if (!/^\d{1,5}$/.test(maxReportAge.trim())) throw new UsageError(t('error.bad-max-report-age', { value: maxReportAge }));

  const submitter = flags.submitter ?? config.submitter ?? null;
  if (submitter !== null && !(SUBMITTER_IDS as readonly string[]).includes(submitter)) {
    throw new UsageError(t('error.bad-submitter', { value: submitter, submitters: SUBMITTER_IDS.join(', ') }));
  }
  const webhookUrl = flags.webhookUrl ?? config.webhookUrl ?? null;
  if (webhookUrl !== null && !/^https?:\/\/[^\s]+$/.test(webhookUrl)) throw new UsageError(t('error.bad-webhook-url', { value: webhookUrl }));

  const auditDb = flags.auditDb ?? config.auditDb;
  // A path given as --reports-dir=~/… or in the config file reaches no shell: ~ is expanded here.
  const pathOf = (given: string) => resolve(expandHome(given, term.env.HOME));
  return {
    adapter: adapter as AdapterId,
    demoScenario: parseDemoScenario(flags.demoScenario ?? config.demoScenario ?? 'blocked', t),
    json: Boolean(flags.json),
    noColor: flags.color === false,
    auditDbPath: auditDb ? pathOf(auditDb) : defaultAuditDbPath(term.env, term.platform, term.env.HOME ?? homedir()),
    asOf: flags.asOf ?? term.today(),
    asOfGiven: flags.asOf !== undefined,
    attested,
    dryRun: Boolean(flags.dryRun),
    verbose: Boolean(flags.verbose),
    request,
    reportsDir: reportsDir ? pathOf(reportsDir) : null,
    encoding,
    maxReportAgeDays: Number(maxReportAge.trim()),
    submitter: submitter as SubmitterId | null,
    webhookUrl,
    out: flags.out ? pathOf(flags.out) : null,
    configFile: configPath && config.spApi ? { path: configPath, spApi: config.spApi } : null,
    demoDone: parseDemoDone(flags.demoDone ?? [], t),
    accountsPath: flags.accounts ? pathOf(flags.accounts) : null,
  };
}

function parseDemoDone(values: string[], t: Translate): Set<PlanStepId> {
  const done = new Set<PlanStepId>();
  for (const value of values.flatMap((v) => v.split(',')).map((v) => v.trim())) {
    if (value === 'all') PLAN_STEPS.forEach((step) => done.add(step));
    else if ((PLAN_STEPS as readonly string[]).includes(value)) done.add(value as PlanStepId);
    else throw new UsageError(t('error.bad-demo-done', { value, steps: PLAN_STEPS.join(', ') }));
  }
  return done;
}
