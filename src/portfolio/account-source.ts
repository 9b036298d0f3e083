// One account's data source, opened through the one adapter registry with that account's own
// settings: its demo scenario, its report folder, or its own SP-API credentials (read from the
// environment variables the accounts file names), region and seller. Each sp-api account gets
// its own adapter, and so its own LWA token and rate buckets (kept per region and seller).

import { openAdapter, type AdapterOptions } from '../adapters/registry.js';
import { parseEncoding } from '../adapters/reports/text-encoding.js';
import type { SellerDataSource } from '../core/seller-data-source.js';
import { ReportsFolderError, UsageError } from '../errors.js';
import type { Translate } from '../messages/catalogue.js';
import type { Account } from './accounts-file.js';
import { apiRegionOf } from '../core/marketplaces.js';

/** What every account shares: the clock, the words, the process's environment, the day checked. */
export type SharedSourceOptions = Omit<AdapterOptions, 'demoScenario' | 'demoDone' | 'reportsDir' | 'encoding' | 'spApiFile'>;

/** The SP-API settings one account must never inherit from the process: credentials and seller. */
const PER_ACCOUNT = ['SP_API_CLIENT_ID', 'SP_API_CLIENT_SECRET', 'SP_API_REFRESH_TOKEN', 'SP_API_SELLER_ID', 'SP_API_REGION'];

export async function openAccountSource(account: Account, shared: SharedSourceOptions, t: Translate): Promise<SellerDataSource> {
  const source = account.source;
  const base: AdapterOptions = { ...shared, demoScenario: 'blocked', demoDone: new Set(), reportsDir: null, encoding: null, spApiFile: null };
  switch (source.kind) {
    case 'demo':
      return openAdapter('demo', { ...base, demoScenario: source.scenario }, t);
    case 'reports': {
      const encoding = source.encoding === undefined ? null : parseEncoding(source.encoding);
      if (source.encoding !== undefined && encoding === null) throw new UsageError(t('error.bad-encoding', { value: source.encoding }));
      try {
        return await openAdapter('reports', { ...base, reportsDir: source.folder, encoding }, t);
      } catch (error) {
        // The folder comes from the accounts file, not --reports-dir (portfolio takes none): say where to fix it.
        if (error instanceof ReportsFolderError) throw new UsageError(error.message, t('portfolio.error.reports-folder-hint'));
        throw error;
      }
    }
    case 'sp-api': {
      const env: Record<string, string | undefined> = { ...shared.env };
      for (const name of PER_ACCOUNT) delete env[name];
      let spApiFile: AdapterOptions['spApiFile'] = null;
      if (source.credentials) {
        const missing = Object.values(source.credentials).filter((name) => !shared.env[name]);
        if (missing.length > 0) throw new UsageError(t('portfolio.error.env-missing', { names: missing.join(', ') }), t('portfolio.error.secret-hint'));
        env.SP_API_CLIENT_ID = shared.env[source.credentials.clientId];
        env.SP_API_CLIENT_SECRET = shared.env[source.credentials.clientSecret];
        env.SP_API_REFRESH_TOKEN = shared.env[source.credentials.refreshToken];
      } else if (source.config) {
        const { loadConfigFile } = await import('../config/config-file.js');
        const config = loadConfigFile(source.config, t);
        spApiFile = { path: source.config, settings: { ...config.spApi, sellerId: undefined, region: undefined } };
      }
      // The file's region and seller win over anything else: the account is what the file says.
      env.SP_API_REGION = apiRegionOf(account.region);
      env.SP_API_SELLER_ID = account.sellerId;
      if (source.endpoint) env.SP_API_ENDPOINT = source.endpoint;
      if (source.lwaEndpoint) env.SP_API_LWA_ENDPOINT = source.lwaEndpoint;
      return openAdapter('sp-api', { ...base, env, spApiFile }, t);
    }
  }
}
