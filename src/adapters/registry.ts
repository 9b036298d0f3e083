// Adapter name → factory, each loaded only when chosen.

import type { SellerDataSource, AdapterId } from '../core/seller-data-source.js';
import { UsageError } from '../errors.js';
import type { Translate } from '../messages/catalogue.js';
import { DEMO_SCENARIOS, type DemoScenario } from './demo/demo-scenarios.js';
import type { Encoding } from './reports/text-encoding.js';
import type { SpApiFileSettings } from './sp-api/sp-api-settings.js';

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
      if (!options.reportsDir) throw new UsageError(t('error.reports-dir-needed'), t('error.reports-dir-hint'));
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
