// The region map: one request per closure region a seller is listed in, each closing its region's
// marketplaces together (the seller's own, when the data says which); a region the data shows but
// the file does not list is named as needing its own request.

import { describe, expect, it } from 'vitest';
import { regionMap } from '../../src/portfolio/region-map.js';

describe('region map', () => {
  it('a seller in two regions needs two requests; a third region only the data shows is flagged', () => {
    const map = regionMap([
      { name: 'Acme US', sellerId: 'A1', region: 'north-america', regions: [{ region: 'north-america', countries: ['US', 'CA'], marketplaceIds: [] }, { region: 'japan', countries: ['JP'], marketplaceIds: [] }] },
      { name: 'Acme EU', sellerId: 'A1', region: 'europe', regions: null },
      { name: 'Other', sellerId: 'B2', region: 'australia', regions: [] },
    ]);
    expect(map).toEqual([
      {
        sellerId: 'A1',
        requests: [
          { region: 'north-america', accounts: ['Acme US'], marketplaces: ['US', 'CA'], fromData: true, listed: true },
          { region: 'europe', accounts: ['Acme EU'], marketplaces: ['UK', 'DE', 'FR', 'IT', 'ES', 'NL', 'SE', 'PL', 'BE', 'IE'], fromData: false, listed: true },
          { region: 'japan', accounts: [], marketplaces: ['JP'], fromData: true, listed: false },
        ],
      },
      { sellerId: 'B2', requests: [{ region: 'australia', accounts: ['Other'], marketplaces: ['AU'], fromData: false, listed: true }] },
    ]);
  });
});
