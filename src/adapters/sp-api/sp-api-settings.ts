// SP-API credentials and endpoints, from the environment (SP_API_*), or the config file's `spApi`
// section where the environment is silent. The secrets are collected so that every message can
// be scrubbed of them.

import { statSync } from 'node:fs';
import { UsageError } from '../../errors.js';
import { checkDestination, transportFor, type Transport } from '../../http/outbound.js';
import type { Translate } from '../../messages/catalogue.js';
import { secrets as registry } from '../../security/secret-registry.js';
import { API_REGIONS, type ApiRegion } from '../../core/marketplaces.js';

export { API_REGIONS };
export type ApiRegionId = ApiRegion;

/** Amazon's own SP-API host of each region. */
export const ENDPOINTS: Record<ApiRegionId, string> = {
  na: 'https://sellingpartnerapi-na.amazon.com',
  eu: 'https://sellingpartnerapi-eu.amazon.com',
  fe: 'https://sellingpartnerapi-fe.amazon.com',
};
const LWA_ENDPOINT = 'https://api.amazon.com/auth/o2/token';

export interface SpApiFileSettings {
  clientId?: string;
  clientSecret?: string;
  refreshToken?: string;
  sellerId?: string;
  region?: string;
  endpoint?: string;
  lwaEndpoint?: string;
}

export interface SpApiSettings {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  sellerId: string | null;
  region: ApiRegionId;
  endpoint: string;
  lwaEndpoint: string;
  /** Values that must never be shown, logged or stored (also in the process's secret registry). */
  /** How requests leave: https, or plain http to loopback or by the seller's opt-in. */
  transport: Transport;
}

export function spApiSettings(
  env: Readonly<Record<string, string | undefined>>,
  file: { path: string; settings: SpApiFileSettings } | null,
  t: Translate,
  warn: (message: string) => void,
): SpApiSettings {
  const fromFile = file?.settings ?? {};
  const pick = (name: string, key: keyof SpApiFileSettings) => env[name] || fromFile[key] || undefined;
  const clientId = pick('SP_API_CLIENT_ID', 'clientId');
  const clientSecret = pick('SP_API_CLIENT_SECRET', 'clientSecret');
  const refreshToken = pick('SP_API_REFRESH_TOKEN', 'refreshToken');
  const missing = [
    !clientId && 'SP_API_CLIENT_ID',
    !clientSecret && 'SP_API_CLIENT_SECRET',
    !refreshToken && 'SP_API_REFRESH_TOKEN',
  ].filter(Boolean);
  if (missing.length > 0) throw new UsageError(t('error.sp-api-missing', { names: missing.join(', ') }), t('error.sp-api-missing-hint'));
  const region = (pick('SP_API_REGION', 'region') ?? 'na').toLowerCase();
  if (!(API_REGIONS as readonly string[]).includes(region)) throw new UsageError(t('error.sp-api-region', { value: region }));

  // A secret in a file others can read is a secret shared with them.
  if (file && (fromFile.clientSecret || fromFile.refreshToken)) {
    try {
      if ((statSync(file.path).mode & 0o077) !== 0) warn(t('sp-api.config-readable', { path: file.path }));
    } catch {
      // The file was read a moment ago; if it is gone now there is nothing to warn about.
    }
  }
  for (const secret of [clientSecret, refreshToken, clientId]) registry.add(secret);
  const endpoint = (pick('SP_API_ENDPOINT', 'endpoint') ?? ENDPOINTS[region as ApiRegionId]).replace(/\/$/, '');
  const lwaEndpoint = pick('SP_API_LWA_ENDPOINT', 'lwaEndpoint') ?? LWA_ENDPOINT;
  // Checked before any call: a file: or plain-http endpoint is refused (exit 2), never retried.
  const transport = transportFor(env, t);
  for (const [what, url] of [[t('http.what.sp-api'), endpoint], [t('http.what.lwa'), lwaEndpoint]] as const) {
    if (checkDestination(url, what, transport)) warn(t('http.insecure-warning', { what, url }));
  }
  return {
    clientId: clientId!,
    clientSecret: clientSecret!,
    refreshToken: refreshToken!,
    sellerId: pick('SP_API_SELLER_ID', 'sellerId') ?? null,
    region: region as ApiRegionId,
    endpoint,
    lwaEndpoint,
    transport,
  };
}
