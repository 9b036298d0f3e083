// Informational: which marketplaces one closure takes down together (a unified account closes
// all its marketplaces), and which other regions need a closure of their own.

import { checkResult, type CheckResult } from '../check-result.js';
import type { CheckContext } from '../check-context.js';
import { inMarketplaceOrder, marketplaceById, type ClosureRegion } from '../marketplaces.js';
import type { MarketplaceParticipation } from '../seller-data.js';

export interface RegionGroup {
  region: ClosureRegion;
  countries: string[];
  marketplaceIds: string[];
}

export function groupByClosureRegion(participations: MarketplaceParticipation[]): RegionGroup[] {
  const groups = new Map<ClosureRegion, RegionGroup>();
  for (const p of participations) {
    if (!p.participating) continue;
    const marketplace = marketplaceById(p.marketplaceId);
    const region = marketplace?.closureRegion ?? 'other';
    const group = groups.get(region) ?? { region, countries: [], marketplaceIds: [] };
    group.countries.push(marketplace?.country ?? p.marketplaceId);
    group.marketplaceIds.push(p.marketplaceId);
    groups.set(region, group);
  }
  // One order wherever countries are shown (the check, the wizard, the request): Amazon's.
  return [...groups.values()].map((g) => ({ ...g, countries: inMarketplaceOrder(g.countries) }));
}

export function checkMarketplaces(
  participations: MarketplaceParticipation[],
  homeRegion: ClosureRegion | null,
  { t }: CheckContext,
): CheckResult {
  const groups = groupByClosureRegion(participations);
  const items = groups.map((g) => ({ region: g.region, countries: g.countries.join(', ') }));
  const home = groups.find((g) => g.region === homeRegion) ?? groups[0];
  if (!home) {
    return checkResult('marketplaces', 'unknown', t('check.marketplaces.none'), { remediation: t('check.marketplaces.none-fix') });
  }
  const summary = t('check.marketplaces.together', { region: t(`region.${home.region}`), countries: home.countries.join(', ') });
  const others = groups.filter((g) => g !== home);
  if (others.length === 0) return checkResult('marketplaces', 'pass', summary, { count: 0, items });
  const otherNames = others.map((g) => `${t(`region.${g.region}`)} (${g.countries.join(', ')})`).join('; ');
  return checkResult('marketplaces', 'warn', t('text.two-sentences', { first: summary, second: t('check.marketplaces.others', { others: otherNames }) }), {
    count: others.length,
    items,
    remediation: t('check.marketplaces.others-fix'),
  });
}
