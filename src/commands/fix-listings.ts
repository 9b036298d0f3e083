// `fix listings`: delete the remaining listings through the Listings Items API (sp-api). Shows
// what it will delete, asks for the seller ID to be typed (or --confirm outside a terminal),
// keeps to the documented rate, records each deletion in the audit log, continues where an
// interrupted run stopped, and checks each deletion afterwards (Amazon deletes asynchronously).
// It never deletes an FBA listing that still has units, unless told to: that strands the stock.

import type { Listing } from '../core/seller-data.js';
import { EXIT, UsageError } from '../errors.js';
import { failpoint } from '../failpoints.js';
import type { Prompter } from '../io/prompter.js';
import type { CommandContext } from './command-context.js';
import { withRecordedRun } from './run-recorder.js';

export interface FixListingsFlags {
  apply?: boolean;
  confirm?: string;
  includeStocked?: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runFixListings(ctx: CommandContext, flags: FixListingsFlags, prompter: Prompter | null): Promise<number> {
  const { t, options } = ctx;
  if (options.adapter !== 'sp-api') throw new UsageError(t('fix.needs-sp-api'), t('fix.needs-sp-api-hint'));
  const [{ spApiSettings }, { LwaToken }, { SpApiClient, SpApiError }, { downloadReport }, { listingsOf }, { mkdtempSync, rmSync }, { tmpdir }, { join }] = await Promise.all([
    import('../adapters/sp-api/sp-api-settings.js'),
    import('../adapters/sp-api/lwa-token.js'),
    import('../adapters/sp-api/sp-api-client.js'),
    import('../adapters/sp-api/sp-api-reports.js'),
    import('../adapters/reports/report-readers.js'),
    import('node:fs'),
    import('node:os'),
    import('node:path'),
  ]);
  const settings = spApiSettings(ctx.term.env, options.configFile ? { path: options.configFile.path, settings: options.configFile.spApi } : null, t, ctx.warn);
  if (!settings.sellerId) throw new UsageError(t('fix.needs-seller-id'));
  const sellerId = settings.sellerId;
  const token = new LwaToken(settings, t);
  const client = new SpApiClient(settings, token, t, { userAgent: `close-account/${ctx.version}` });
  const dir = mkdtempSync(join(tmpdir(), 'close-account-fix-'));
  type Participations = { payload?: { marketplace: { id: string }; participation: { isParticipating: boolean } }[] };
  type Summaries = { payload?: { inventorySummaries: { sellerSku?: string; totalQuantity?: number; inventoryDetails?: { researchingQuantity?: { totalResearchingQuantity?: number } } }[] }; pagination?: { nextToken?: string } };

  return withRecordedRun(ctx, flags.apply ? 'fix-listings' : 'fix-listings-preview', async (recorder) => {
    try {
      const { marketplaceById } = await import('../core/marketplaces.js');
      const participations = await client.call<Participations>('getMarketplaceParticipations');
      const marketplaceIds = (participations.payload ?? [])
        .filter((p) => p.participation.isParticipating && marketplaceById(p.marketplace.id)?.apiRegion === settings.region)
        .map((p) => p.marketplace.id);

      // What is listed: the All Listings report (the search stops at 1,000 SKUs).
      const file = await downloadReport(client, settings, { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds }, dir, t);
      const listings: Pick<Listing, 'sku' | 'name' | 'status' | 'fulfilment'>[] = [];
      if (file) for await (const batch of listingsOf(file)) for (const l of batch) listings.push({ sku: l.sku, name: l.name, status: l.status, fulfilment: l.fulfilment });

      // What still has units in Amazon's network: those listings stay unless told otherwise.
      const stocked = new Set<string>();
      for (const marketplaceId of marketplaceIds) {
        let nextToken: string | undefined;
        do {
          const page = await client.call<Summaries>('getInventorySummaries', { query: { details: true, granularityType: 'Marketplace', granularityId: marketplaceId, marketplaceIds: marketplaceId, nextToken } });
          for (const s of page.payload?.inventorySummaries ?? []) {
            if ((s.totalQuantity ?? 0) + (s.inventoryDetails?.researchingQuantity?.totalResearchingQuantity ?? 0) > 0 && s.sellerSku) stocked.add(s.sellerSku);
          }
          nextToken = page.pagination?.nextToken;
        } while (nextToken);
      }

      const done = new Set(recorder.audit?.recordsOfType('listing-deleted').map((r) => (r.body as { sku: string }).sku) ?? []);
      const skipped = listings.filter((l) => stocked.has(l.sku) && !flags.includeStocked);
      const toDelete = listings.filter((l) => !skipped.includes(l) && !done.has(l.sku));
      ctx.print(t('fix.summary', { total: listings.length, remove: toDelete.length, skipped: skipped.length, done: done.size }));
      for (const l of toDelete.slice(0, 20)) ctx.print(`  - ${l.sku}  ${l.name ?? ''}  (${l.status})`);
      if (toDelete.length > 20) ctx.print(`  ${t('render.more-items', { count: toDelete.length - 20 })}`);
      for (const l of skipped) ctx.print(ctx.out.yellow(`  ! ${t('fix.skipped-stocked', { sku: l.sku })}`));

      if (!flags.apply) {
        ctx.say(t('fix.preview'));
        return EXIT.ok;
      }
      if (toDelete.length > 0) {
        if (prompter) {
          await prompter.input({ message: t('fix.type-seller-id', { count: toDelete.length, sellerId }), validate: (v) => v.trim().toUpperCase() === sellerId.toUpperCase() || t('wizard.type-seller-id-mismatch', { sellerId }) });
        } else if (flags.confirm?.trim().toUpperCase() !== sellerId.toUpperCase()) {
          throw new UsageError(t('fix.confirm-needed', { sellerId }));
        }
      }

      for (const listing of toDelete) {
        for (const marketplaceId of marketplaceIds) {
          type Submission = { sku: string; status: string; submissionId: string };
          const answer = await client
            .call<Submission>('deleteListingsItem', { path: { sellerId, sku: listing.sku }, query: { marketplaceIds: marketplaceId } })
            .catch((error: unknown) => {
              // Not listed in this marketplace: nothing to delete there.
              if (error instanceof SpApiError && error.status === 404) return null;
              throw error;
            });
          if (answer) recorder.audit?.append('listing-deleted', recorder.runId, { sku: listing.sku, marketplaceId, status: answer.status, submissionId: answer.submissionId });
        }
        await failpoint('after-listing-deleted', ctx.term.env, ctx.term.stderr);
      }

      // Amazon deletes asynchronously: a 404 from getListingsItem is the proof.
      const pending = new Set([...done, ...toDelete.map((l) => l.sku)]);
      for (let round = 0; round < 5 && pending.size > 0; round++) {
        if (round > 0) await sleep(500 * 2 ** round);
        for (const sku of [...pending]) {
          const gone = await client
            .call('getListingsItem', { path: { sellerId, sku }, query: { marketplaceIds: marketplaceIds[0]! } })
            .then(() => false, (error: unknown) => {
              if (error instanceof SpApiError && error.status === 404) return true;
              throw error;
            });
          if (gone) {
            pending.delete(sku);
            recorder.audit?.append('listing-verified', recorder.runId, { sku });
          }
        }
      }
      const deleted = done.size + toDelete.length - pending.size;
      ctx.print(pending.size === 0 ? ctx.out.green(t('fix.verified', { count: deleted })) : ctx.out.yellow(t('fix.pending', { count: pending.size })));
      return pending.size === 0 ? EXIT.ok : EXIT.notReady;
    } finally {
      rmSync(dir, { recursive: true, force: true });
      ctx.say(ctx.err.dim(t('fix.calls', { calls: client.calls.length })));
    }
  });
}
