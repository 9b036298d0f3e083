// `fix listings`: delete the remaining listings through the Listings Items API (sp-api). Shows
// what it will delete, asks for the seller ID to be typed (or --confirm outside a terminal),
// keeps to the documented rate, records each deletion in the audit log, continues where an
// interrupted run stopped, and checks each deletion afterwards (Amazon deletes asynchronously).
// It never deletes an FBA listing that still has units, unless told to: that strands the stock.
// The talking to Amazon and the ledger are adapters/sp-api/listings-cleanup.ts; this shows and asks.

import { EXIT, UsageError } from '../errors.js';
import { failpoint } from '../failpoints.js';
import type { ListingsCleanup as Cleanup } from '../adapters/sp-api/listings-cleanup.js';
import { translateRef } from '../messages/catalogue.js';
import type { Prompter } from '../io/prompter.js';
import { fixListingsJson, type FixListingsOutcome } from '../render/fix-listings-json.js';
import type { CommandContext } from './command-context.js';
import { withRecordedRun } from './run-recorder.js';

export interface FixListingsFlags {
  apply?: boolean;
  confirm?: string;
  includeStocked?: boolean;
}

export async function runFixListings(ctx: CommandContext, flags: FixListingsFlags, prompter: Prompter | null): Promise<number> {
  const { t, options } = ctx;
  if (options.adapter !== 'sp-api') throw new UsageError(t('fix.needs-sp-api'), t('fix.needs-sp-api-hint'));
  const [{ spApiSettings }, { ListingsCleanup, DeletionLedger }, { clockFromEnv }, { marketplaceById }] = await Promise.all([
    import('../adapters/sp-api/sp-api-settings.js'),
    import('../adapters/sp-api/listings-cleanup.js'),
    import('../adapters/sp-api/clock.js'),
    import('../core/marketplaces.js'),
  ]);
  const settings = spApiSettings(ctx.term.env, options.configFile ? { path: options.configFile.path, settings: options.configFile.spApi } : null, t, ctx.warn);
  if (!settings.sellerId) throw new UsageError(t('fix.needs-seller-id'));
  const sellerId = settings.sellerId;
  // With --json the one document on stdout replaces the lines for people.
  const show = (line: string) => {
    if (!options.json) ctx.print(line);
  };
  const document = (outcome: FixListingsOutcome) => {
    if (options.json) ctx.print(JSON.stringify(fixListingsJson(outcome), null, 2));
  };
  const where = (marketplaceId: string) => marketplaceById(marketplaceId)?.domain ?? marketplaceId;

  return withRecordedRun(ctx, flags.apply ? 'fix-listings' : 'fix-listings-preview', async (recorder) => {
    let cleanup: Cleanup | null = null;
    try {
      cleanup = await ListingsCleanup.open({ settings, sellerId, t, userAgent: `close-account/${ctx.version}`, clock: clockFromEnv(ctx.term.env), note: (line) => ctx.say(ctx.err.dim(line)) });
      const ledger = new DeletionLedger(recorder.audit ?? null, recorder.runId, sellerId);
      const survey = await cleanup.survey(ledger, flags.includeStocked === true);
      for (const { marketplaceId, reason } of survey.unread) show(ctx.out.yellow(`  ! ${t('fix.marketplace-unread', { marketplace: where(marketplaceId), reason: translateRef(t, reason) })}`));
      const { listings, toDelete, keptStocked, deletedBefore } = survey;
      show(t('fix.summary', { total: listings.length, remove: toDelete.length, skipped: keptStocked.length, done: deletedBefore.length }));
      for (const l of toDelete.slice(0, 20)) show(`  - ${l.sku}  ${where(l.marketplaceId)}  ${l.name ?? ''}  (${l.status})`);
      if (toDelete.length > 20) show(`  ${t('render.more-items', { count: toDelete.length - 20 })}`);
      for (const l of keptStocked) show(ctx.out.yellow(`  ! ${t('fix.skipped-stocked', { sku: l.sku })}`));

      const pairJson = (l: (typeof listings)[number]) => ({ sku: l.sku, marketplaceId: l.marketplaceId, name: l.name, status: l.status, fulfilment: l.fulfilment });
      const unread = survey.unread.map((u) => u.marketplaceId);
      const found = { sellerId, marketplaces: survey.marketplaceIds, unread, listings: listings.length, toDelete: toDelete.map(pairJson), keptStocked: keptStocked.map(pairJson), alreadyDeleted: deletedBefore.length };
      if (!flags.apply) {
        document({ ...found, applied: null });
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

      const accepted: typeof toDelete = [];
      const refused: { sku: string; marketplaceId: string; status: string; issues: string }[] = [];
      for (const listing of toDelete) {
        const answer = await cleanup.delete(listing, ledger);
        if (answer.accepted) {
          accepted.push(listing);
        } else {
          refused.push({ sku: listing.sku, marketplaceId: listing.marketplaceId, status: answer.status, issues: answer.issues });
          show(ctx.out.yellow(`  ! ${t('fix.not-accepted', { sku: listing.sku, marketplace: where(listing.marketplaceId), status: answer.status, issues: answer.issues })}`));
        }
        await failpoint('after-listing-deleted', ctx.term.env, ctx.term.stderr);
      }

      const { verified, pending } = await cleanup.verify([...deletedBefore, ...accepted], ledger);
      document({ ...found, applied: { accepted: accepted.length, refused, verified, pending } });
      show(pending === 0 ? ctx.out.green(t('fix.verified', { count: verified })) : ctx.out.yellow(t('fix.pending', { count: pending })));
      return pending === 0 && refused.length === 0 && unread.length === 0 ? EXIT.ok : EXIT.notReady;
    } finally {
      cleanup?.close();
      ctx.say(ctx.err.dim(t('fix.calls', { calls: cleanup?.calls ?? 0 })));
    }
  });
}
