// What every use of the Selling Partner API starts with, and the calls more than one of them
// makes: the token and the client (rate limits, retries), the seller's marketplaces in the
// settings' region, the FBA inventory by marketplace (every page), and whether a marketplace has
// no listings at all. The adapter (the checks) and the listings clean-up (`fix listings`) share
// them, typed by the generated models.

import { marketplaceById } from '../../core/marketplaces.js';
import type { Translate } from '../../messages/catalogue.js';
import { REAL_CLOCK, type Clock } from './clock.js';
import { LwaToken } from './lwa-token.js';
import type { definitions as Inventory } from './models/fbaInventory.js';
import type { definitions as Listings } from './models/listingsItems.js';
import type { definitions as Sellers } from './models/sellers.js';
import type { RateSnapshot } from './rate-limiter.js';
import { SpApiClient, SpApiError } from './sp-api-client.js';
import type { SpApiSettings } from './sp-api-settings.js';

export interface SpApiSessionOptions {
  settings: SpApiSettings;
  t: Translate;
  userAgent: string;
  /** Time and waiting; tests pass a virtual clock. */
  clock?: Clock;
  /** Rate buckets an earlier run left. */
  rates?: RateSnapshot;
  /** Told of a long wait for a rate token, as a sentence for stderr. */
  note: (message: string) => void;
}

export interface SpApiSession {
  settings: SpApiSettings;
  client: SpApiClient;
  token: LwaToken;
  clock: Clock;
  /** The marketplaces the seller takes part in, in the settings' region. */
  inRegion: Sellers['MarketplaceParticipation'][];
  marketplaceIds: string[];
}

/** Opens a session: the first call asks which marketplaces the seller sells in (every other call is per marketplace). */
export async function openSpApiSession(options: SpApiSessionOptions): Promise<SpApiSession> {
  const { settings, t } = options;
  const clock = options.clock ?? REAL_CLOCK;
  const token = new LwaToken(settings, t, () => clock.now());
  const client: SpApiClient = new SpApiClient(settings, token, t, {
    userAgent: options.userAgent,
    clock,
    rates: options.rates,
    onWait: (operation, ms) => options.note(t('sp-api.waiting', { operation, seconds: Math.round(ms / 1000), rate: client.limiter.rateOf(operation) })),
  });
  const participations = await client.call<Sellers['GetMarketplaceParticipationsResponse']>('getMarketplaceParticipations');
  const inRegion = (participations.payload ?? []).filter((p) => p.participation.isParticipating && marketplaceById(p.marketplace.id)?.apiRegion === settings.region);
  return { settings, client, token, clock, inRegion, marketplaceIds: inRegion.map((p) => p.marketplace.id) };
}

/** A marketplace's FBA inventory summaries (with details), page by page, every page. */
export async function* inventorySummaries(client: SpApiClient, marketplaceId: string): AsyncGenerator<Inventory['InventorySummary'][]> {
  let nextToken: string | undefined;
  do {
    const page = await client.call<Inventory['GetInventorySummariesResponse']>('getInventorySummaries', {
      query: { details: true, granularityType: 'Marketplace', granularityId: marketplaceId, marketplaceIds: [marketplaceId], nextToken },
    });
    yield page.payload?.inventorySummaries ?? [];
    nextToken = page.pagination?.nextToken;
  } while (nextToken);
}

/**
 * searchListingsItems counts a marketplace's listings: zero is evidence that there are none (where
 * Amazon cancelled the listings report, as it does a report with no data). False when it cannot
 * tell: no seller id, or the search refused.
 */
export async function noListingsIn(client: SpApiClient, sellerId: string | null | undefined, marketplaceId: string): Promise<boolean> {
  if (!sellerId) return false;
  const page = await client
    .call<Listings['ItemSearchResults']>('searchListingsItems', { path: { sellerId }, query: { marketplaceIds: [marketplaceId], pageSize: 1 } })
    .catch((error: unknown) => {
      if (error instanceof SpApiError && error.status !== null && error.status < 500) return null;
      throw error;
    });
  return page !== null && page.numberOfResults === 0 && (page.items ?? []).length === 0;
}
