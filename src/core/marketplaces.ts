// Amazon marketplaces and the closure region each belongs to. Amazon closes a unified account's
// marketplaces together, but each region (North America, Europe, Japan, Australia) separately
// (closure-rules.md §7). SP-API endpoints group differently (FE serves JP, AU and SG), so the
// closure region is kept apart from the API region.

/** The closure regions, the one list (the request's schema, its JSON and the help derive from it). */
export const CLOSURE_REGIONS = ['north-america', 'europe', 'japan', 'australia', 'other'] as const;
export type ClosureRegion = (typeof CLOSURE_REGIONS)[number];
/** The SP-API's regions (endpoints), the one list. */
export const API_REGIONS = ['na', 'eu', 'fe'] as const;
export type ApiRegion = (typeof API_REGIONS)[number];

export interface Marketplace {
  id: string;
  country: string;
  domain: string;
  apiRegion: ApiRegion;
  closureRegion: ClosureRegion;
}

export const MARKETPLACES: readonly Marketplace[] = [
  { id: 'ATVPDKIKX0DER', country: 'US', domain: 'amazon.com', apiRegion: 'na', closureRegion: 'north-america' },
  { id: 'A2EUQ1WTGCTBG2', country: 'CA', domain: 'amazon.ca', apiRegion: 'na', closureRegion: 'north-america' },
  { id: 'A1AM78C64UM0Y8', country: 'MX', domain: 'amazon.com.mx', apiRegion: 'na', closureRegion: 'north-america' },
  { id: 'A2Q3Y263D00KWC', country: 'BR', domain: 'amazon.com.br', apiRegion: 'na', closureRegion: 'other' },
  { id: 'A1F83G8C2ARO7P', country: 'UK', domain: 'amazon.co.uk', apiRegion: 'eu', closureRegion: 'europe' },
  { id: 'A1PA6795UKMFR9', country: 'DE', domain: 'amazon.de', apiRegion: 'eu', closureRegion: 'europe' },
  { id: 'A13V1IB3VIYZZH', country: 'FR', domain: 'amazon.fr', apiRegion: 'eu', closureRegion: 'europe' },
  { id: 'APJ6JRA9NG5V4', country: 'IT', domain: 'amazon.it', apiRegion: 'eu', closureRegion: 'europe' },
  { id: 'A1RKKUPIHCS9HS', country: 'ES', domain: 'amazon.es', apiRegion: 'eu', closureRegion: 'europe' },
  { id: 'A1805IZSGTT6HS', country: 'NL', domain: 'amazon.nl', apiRegion: 'eu', closureRegion: 'europe' },
  { id: 'A2NODRKZP88ZB9', country: 'SE', domain: 'amazon.se', apiRegion: 'eu', closureRegion: 'europe' },
  { id: 'A1C3SOZRARQ6R3', country: 'PL', domain: 'amazon.pl', apiRegion: 'eu', closureRegion: 'europe' },
  { id: 'AMEN7PMS3EDWL', country: 'BE', domain: 'amazon.com.be', apiRegion: 'eu', closureRegion: 'europe' },
  { id: 'A28R8C7NBKEWEA', country: 'IE', domain: 'amazon.ie', apiRegion: 'eu', closureRegion: 'europe' },
  { id: 'A33AVAJ2PDY3EV', country: 'TR', domain: 'amazon.com.tr', apiRegion: 'eu', closureRegion: 'other' },
  { id: 'A2VIGQ35RCS4UG', country: 'AE', domain: 'amazon.ae', apiRegion: 'eu', closureRegion: 'other' },
  { id: 'A17E79C6D8DWNP', country: 'SA', domain: 'amazon.sa', apiRegion: 'eu', closureRegion: 'other' },
  { id: 'ARBP9OOSHTCHU', country: 'EG', domain: 'amazon.eg', apiRegion: 'eu', closureRegion: 'other' },
  { id: 'AE08WJ6YKNBMC', country: 'ZA', domain: 'amazon.co.za', apiRegion: 'eu', closureRegion: 'other' },
  { id: 'A21TJRUUN4KGV', country: 'IN', domain: 'amazon.in', apiRegion: 'eu', closureRegion: 'other' },
  { id: 'A1VC38T7YXB528', country: 'JP', domain: 'amazon.co.jp', apiRegion: 'fe', closureRegion: 'japan' },
  { id: 'A39IBJ37TRP1C6', country: 'AU', domain: 'amazon.com.au', apiRegion: 'fe', closureRegion: 'australia' },
  { id: 'A19VAU5U5O7RUS', country: 'SG', domain: 'amazon.sg', apiRegion: 'fe', closureRegion: 'other' },
];

/** A closure region of its own (each closed by its own request): every one but 'other'. */
export type OwnClosureRegion = Exclude<ClosureRegion, 'other'>;
const OWN = MARKETPLACES.filter((m): m is Marketplace & { closureRegion: OwnClosureRegion } => m.closureRegion !== 'other');

/** The SP-API endpoint that serves a closure region (sp-api.md §4: FE serves Japan and Australia), from the marketplaces. */
export function apiRegionOf(region: OwnClosureRegion): ApiRegion {
  // Every closure region of its own has a marketplace, all of it served by one endpoint.
  return OWN.find((m) => m.closureRegion === region)!.apiRegion;
}

/** The closure regions an SP-API endpoint serves, from the marketplaces. */
export function closureRegionsOfApi(api: ApiRegion): OwnClosureRegion[] {
  return [...new Set(OWN.filter((m) => m.apiRegion === api).map((m) => m.closureRegion))];
}

const BY_ID = new Map(MARKETPLACES.map((m) => [m.id, m]));
const BY_COUNTRY = new Map(MARKETPLACES.map((m) => [m.country, m]));

export function marketplaceById(id: string): Marketplace | undefined {
  return BY_ID.get(id);
}

export function marketplaceByCountry(country: string): Marketplace | undefined {
  return BY_COUNTRY.get(country.toUpperCase() === 'GB' ? 'UK' : country.toUpperCase());
}

/** Seller Central's home per closure region, where the Close Account form lives. */
export const SELLER_CENTRAL_HOSTS: Record<Exclude<ClosureRegion, 'other'>, string> = {
  'north-america': 'https://sellercentral.amazon.com',
  europe: 'https://sellercentral-europe.amazon.com',
  japan: 'https://sellercentral.amazon.co.jp',
  australia: 'https://sellercentral.amazon.com.au',
};

/** Amazon's help page "Close your account" (G200399470), which documents the form's route. */
export function closeAccountHelpUrl(region: ClosureRegion): string {
  const host = region === 'other' ? SELLER_CENTRAL_HOSTS['north-america'] : SELLER_CENTRAL_HOSTS[region];
  return `${host}/gp/help/external/G200399470`;
}

/** Countries in one order everywhere they are shown: Amazon's own order of its marketplaces (US, CA, MX, …). */
export function inMarketplaceOrder(countries: readonly string[]): string[] {
  const rank = (country: string) => {
    const i = MARKETPLACES.findIndex((m) => m.country === country);
    return i === -1 ? MARKETPLACES.length : i;
  };
  return [...countries].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
