// Which closure requests a seller needs: one per region (North America, Europe, Japan,
// Australia are closed one by one, closure-rules.md §7), each closing every marketplace of its
// region together. The requests are independent: one region's closure leaves the others open,
// and a region left on the Professional plan keeps billing. A region the data shows but the
// accounts file does not list is named too, so that it is not forgotten.

import type { RegionGroup } from '../core/checks/marketplaces.js';
import { MARKETPLACES, inMarketplaceOrder, type ClosureRegion } from '../core/marketplaces.js';
import type { AccountRegion } from './accounts-file.js';

export interface RegionRequest {
  region: ClosureRegion;
  /** The accounts of the file for this seller and region (none when only the data shows it). */
  accounts: string[];
  /** The marketplaces the request closes together: from the data where it says, else Amazon's list for the region. */
  marketplaces: string[];
  /** Whether the marketplaces are the seller's own, read from the data (else the region's whole list). */
  fromData: boolean;
  /** Listed in the accounts file. */
  listed: boolean;
}

export interface SellerRegions {
  sellerId: string;
  requests: RegionRequest[];
}

export interface RegionMapInput {
  name: string;
  sellerId: string;
  region: AccountRegion;
  /** The closure regions the data shows for this account, when it was read. */
  regions: RegionGroup[] | null;
}

const regionMarketplaces = (region: ClosureRegion) => inMarketplaceOrder(MARKETPLACES.filter((m) => m.closureRegion === region).map((m) => m.country));

export function regionMap(accounts: readonly RegionMapInput[]): SellerRegions[] {
  const sellers = new Map<string, Map<ClosureRegion, RegionRequest>>();
  for (const account of accounts) {
    const requests = sellers.get(account.sellerId) ?? new Map<ClosureRegion, RegionRequest>();
    sellers.set(account.sellerId, requests);
    const own = account.regions?.find((g) => g.region === account.region);
    const listed = requests.get(account.region);
    const marketplaces = own ? own.countries : (listed?.marketplaces ?? regionMarketplaces(account.region));
    requests.set(account.region, {
      region: account.region,
      accounts: [...(listed?.accounts ?? []), account.name],
      marketplaces: inMarketplaceOrder([...new Set([...(listed?.fromData ? listed.marketplaces : []), ...marketplaces])]),
      fromData: Boolean(own) || Boolean(listed?.fromData),
      listed: true,
    });
  }
  // Regions the data shows that the file does not list, once every listed one is known.
  for (const account of accounts) {
    const requests = sellers.get(account.sellerId)!;
    for (const group of account.regions ?? []) {
      if (group.region === 'other' || requests.get(group.region)?.listed) continue;
      const seen = requests.get(group.region);
      requests.set(group.region, {
        region: group.region,
        accounts: [],
        marketplaces: inMarketplaceOrder([...new Set([...(seen?.marketplaces ?? []), ...group.countries])]),
        fromData: true,
        listed: false,
      });
    }
  }
  const order: ClosureRegion[] = ['north-america', 'europe', 'japan', 'australia', 'other'];
  return [...sellers].map(([sellerId, requests]) => ({
    sellerId,
    requests: [...requests.values()].sort((a, b) => order.indexOf(a.region) - order.indexOf(b.region)),
  }));
}
