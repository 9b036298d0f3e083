// Adapter name → factory, each loaded only when chosen; and the data-source flags, declared here
// once, that every command reading seller data includes.

import { ADAPTER_IDS, type SellerDataSource, type AdapterId } from '../core/seller-data-source.js';
import { PLAN_STEPS, type PlanStepId } from '../core/closure-plan.js';
import { ReportsFolderError, UsageError } from '../errors.js';
import { flagList, flagText, type FlagSpec, type RawFlags } from '../config/flag-spec.js';
import { settingPath, type GlobalOptions } from '../config/global-options.js';
import type { Terminal } from '../io/terminal.js';
import type { Translate } from '../messages/catalogue.js';
import { DEMO_SCENARIOS, type DemoScenario } from './demo/demo-scenarios.js';
import { STALE_AFTER_DAYS } from './reports/stale-after.js';
import { parseEncoding, type Encoding } from './reports/text-encoding.js';
import type { SpApiFileSettings } from './sp-api/sp-api-settings.js';

/** Where the reports adapter (and the `reports` guide) finds the seller's report files. */
export const REPORTS_FOLDER_FLAGS: readonly FlagSpec[] = [
  { flags: '--reports-dir <folder>', help: 'help.reports-dir' },
  { flags: '--encoding <name>', help: 'help.encoding' },
];

/** The flags of every command that reads seller data. SP-API's settings come from the environment and the config file. */
export const ADAPTER_FLAG: FlagSpec = { flags: '--adapter <name>', help: 'help.adapter', choices: ADAPTER_IDS };

export const DATA_SOURCE_FLAGS: readonly FlagSpec[] = [
  ADAPTER_FLAG,
  { flags: '--demo-scenario <name>', help: 'help.demo-scenario' },
  { flags: '--demo-done <step>', help: 'help.demo-done', repeatable: true },
  ...REPORTS_FOLDER_FLAGS,
  { flags: '--max-report-age <days>', help: 'help.max-report-age' },
];

/** The seller-data source a command reads, resolved once from its flags and the config file. */
export interface DataSourceOptions {
  readonly adapter: AdapterId;
  readonly demoScenario: DemoScenario;
  /** Demo only: plan steps to pretend were carried out. */
  readonly demoDone: ReadonlySet<PlanStepId>;
  readonly reportsDir: string | null;
  /** Forced report encoding; null to detect. */
  readonly encoding: Encoding | null;
  /** Report files older than this many days before the as-of day prove nothing. */
  readonly maxReportAgeDays: number;
  /** The config file's SP-API settings, if it has any. */
  readonly spApiFile: { readonly path: string; readonly settings: SpApiFileSettings } | null;
}

/** --reports-dir and --encoding (flag, then config file). */
export function resolveReportsFolder(raw: RawFlags, globals: GlobalOptions, env: Terminal['env'], t: Translate): { reportsDir: string | null; encoding: Encoding | null } {
  const { config } = globals;
  const encodingName = flagText(raw, 'encoding') ?? config.encoding;
  const encoding = encodingName === undefined ? null : parseEncoding(encodingName);
  if (encodingName !== undefined && encoding === null) throw new UsageError(t('error.bad-encoding', { value: encodingName }));
  const reportsDir = flagText(raw, 'reportsDir') ?? config.reportsDir;
  return { reportsDir: reportsDir ? settingPath(reportsDir, env) : null, encoding };
}

/** --adapter (flag, then config file, then the demo seller). */
export function resolveAdapter(raw: RawFlags, globals: GlobalOptions, t: Translate): AdapterId {
  const adapter = flagText(raw, 'adapter') ?? globals.config.adapter ?? 'demo';
  if (!(ADAPTER_IDS as readonly string[]).includes(adapter)) {
    throw new UsageError(t('error.bad-adapter', { value: adapter, adapters: ADAPTER_IDS.join(', ') }));
  }
  return adapter as AdapterId;
}

/** The config file's SP-API settings, if it has any. */
export function spApiFileOf(globals: GlobalOptions): DataSourceOptions['spApiFile'] {
  return globals.configPath && globals.config.spApi ? Object.freeze({ path: globals.configPath, settings: globals.config.spApi }) : null;
}

export function resolveDataSource(raw: RawFlags, globals: GlobalOptions, env: Terminal['env'], t: Translate): DataSourceOptions {
  const { config } = globals;
  const adapter = resolveAdapter(raw, globals, t);
  const { reportsDir, encoding } = resolveReportsFolder(raw, globals, env, t);
  const maxReportAge = flagText(raw, 'maxReportAge') ?? String(config.maxReportAge ?? STALE_AFTER_DAYS);
  if (!/^\d{1,5}$/.test(maxReportAge.trim())) throw new UsageError(t('error.bad-max-report-age', { value: maxReportAge }));
  return Object.freeze({
    adapter,
    demoScenario: parseDemoScenario(flagText(raw, 'demoScenario') ?? config.demoScenario ?? 'blocked', t),
    demoDone: parseDemoDone(flagList(raw, 'demoDone'), t),
    reportsDir,
    encoding,
    maxReportAgeDays: Number(maxReportAge.trim()),
    spApiFile: spApiFileOf(globals),
  });
}

function parseDemoDone(values: readonly string[], t: Translate): ReadonlySet<PlanStepId> {
  const done = new Set<PlanStepId>();
  for (const value of values.flatMap((v) => v.split(',')).map((v) => v.trim())) {
    if (value === 'all') PLAN_STEPS.forEach((step) => done.add(step));
    else if ((PLAN_STEPS as readonly string[]).includes(value)) done.add(value as PlanStepId);
    else throw new UsageError(t('error.bad-demo-done', { value, steps: PLAN_STEPS.join(', ') }));
  }
  return done;
}

export interface AdapterOptions {
  demoScenario: DemoScenario;
  /** Demo only: plan steps the demo seller is pretended to have carried out. */
  demoDone: ReadonlySet<string>;
  reportsDir: string | null;
  encoding: Encoding | null;
  /** Reports: files older than this many days before the as-of day prove nothing (default 3). */
  maxReportAgeDays?: number;
  /** Warnings about the data (skipped files, old reports), for stderr. */
  warn: (message: string) => void;
  now: Date;
  /** For sp-api: its credentials (environment, then config file), the as-of day, progress notes. */
  env: Readonly<Record<string, string | undefined>>;
  spApiFile: { path: string; settings: SpApiFileSettings } | null;
  asOf: string;
  note: (message: string) => void;
  verbose: boolean;
  userAgent: string;
}

export function parseDemoScenario(value: string, t: Translate): DemoScenario {
  if ((DEMO_SCENARIOS as readonly string[]).includes(value)) return value as DemoScenario;
  throw new UsageError(t('error.bad-scenario', { value, scenarios: DEMO_SCENARIOS.join(', ') }));
}

export async function openAdapter(id: AdapterId, options: AdapterOptions, t: Translate): Promise<SellerDataSource> {
  switch (id) {
    case 'demo': {
      const { createDemoAdapter } = await import('./demo/demo-adapter.js');
      return createDemoAdapter(options.demoScenario, options.demoDone);
    }
    case 'reports': {
      if (!options.reportsDir) throw new ReportsFolderError('needed', t('error.reports-dir-needed'), t('error.reports-dir-hint'));
      const { createReportsAdapter } = await import('./reports/reports-adapter.js');
      return createReportsAdapter({ dir: options.reportsDir, encoding: options.encoding, t, warn: options.warn, now: options.now, asOf: options.asOf, maxReportAgeDays: options.maxReportAgeDays });
    }
    case 'sp-api': {
      const [{ spApiSettings }, { createSpApiAdapter }, { clockFromEnv }, { loadRates, saveRates }, { defaultAuditDbPath }, { homedir }, { dirname, join }] = await Promise.all([
        import('./sp-api/sp-api-settings.js'),
        import('./sp-api/sp-api-adapter.js'),
        import('./sp-api/clock.js'),
        import('./sp-api/rate-store.js'),
        import('../audit/default-path.js'),
        import('node:os'),
        import('node:path'),
      ]);
      const settings = spApiSettings(options.env, options.spApiFile, t, options.warn);
      // Rate buckets outlive a run at Amazon: kept beside the audit log, per region and seller.
      const ratesPath = join(dirname(defaultAuditDbPath(options.env, process.platform, homedir())), 'sp-api-rates.json');
      const ratesKey = `${settings.region}:${settings.sellerId ?? '-'}`;
      return createSpApiAdapter({
        settings,
        t,
        asOf: options.asOf,
        note: options.note,
        verbose: options.verbose,
        userAgent: options.userAgent,
        clock: clockFromEnv(options.env),
        rates: loadRates(ratesPath, ratesKey),
        saveRates: (snapshot) => saveRates(ratesPath, ratesKey, snapshot),
      });
    }
  }
}
