// `fix listings`: delete the remaining listings through the Listings Items API (sp-api). Shows
// what it will delete, asks for the seller ID to be typed (or --confirm outside a terminal),
// keeps to the documented rate, records each deletion in the audit log, continues where an
// interrupted run stopped, and checks each deletion afterwards (Amazon deletes asynchronously).
// It never deletes an FBA listing that still has units, unless told to: that strands the stock.
// The talking to Amazon and the ledger are adapters/sp-api/listings-cleanup.ts; this shows and asks.

import { ACCOUNTS_FLAG, accountsPathOf } from '../portfolio/accounts-path.js';
import { EXIT, UsageError } from '../errors.js';
import { failpoint } from '../failpoints.js';
import type { ListingsCleanup as Cleanup } from '../adapters/sp-api/listings-cleanup.js';
import { translateRef } from '../messages/catalogue.js';
import { fixListingsJson, type FixListingsOutcome } from '../render/fix-listings-json.js';
import { withRecordedRun } from '../audit/run-recorder.js';
import { ADAPTER_FLAG, resolveAdapter, spApiFileOf, type DataSourceOptions } from '../adapters/registry.js';
import type { AdapterId } from '../core/seller-data-source.js';
import { flagOn, flagText } from '../config/flag-spec.js';
import { defineCommand, type CommandGroup } from '../command-kit/command-definition.js';
import type { CommandIo } from '../command-kit/command-io.js';

export interface FixListingsOptions {
  readonly json: boolean;
  readonly auditDbPath: string;
  /** Only sp-api can delete listings; any other source is refused with what to do. */
  readonly adapter: AdapterId;
  readonly spApiFile: DataSourceOptions['spApiFile'];
  /** Really delete (else only show what would be deleted). */
  readonly apply: boolean;
  /** The seller ID typed again, outside a terminal. */
  readonly confirm: string | null;
  readonly includeStocked: boolean;
  /** --accounts: an accounts file whose protected accounts' listings are never changed; null for the default one. */
  readonly accountsPath: string | null;
}

export const fixListingsCommand = defineCommand<FixListingsOptions>({
  name: 'listings',
  description: 'help.fix-listings',
  flags: [
    ADAPTER_FLAG,
    { flags: '--apply', help: 'help.apply' },
    { flags: '--confirm <seller-id>', help: 'help.confirm-deletion' },
    { flags: '--include-stocked', help: 'help.include-stocked' },
    ACCOUNTS_FLAG,
  ],
  examples: ['close-account fix listings --adapter sp-api', 'close-account fix listings --adapter sp-api --apply'],
  resolve: (raw, { options, t, term }) =>
    Object.freeze({
      json: options.json,
      auditDbPath: options.auditDbPath,
      adapter: resolveAdapter(raw, options, t),
      spApiFile: spApiFileOf(options),
      apply: flagOn(raw, 'apply'),
      confirm: flagText(raw, 'confirm') ?? null,
      includeStocked: flagOn(raw, 'includeStocked'),
      accountsPath: accountsPathOf(raw, term.env),
    }),
  run: runFixListings,
});

export const fixGroup: CommandGroup = { name: 'fix', description: 'help.fix', subcommands: [fixListingsCommand] };

async function runFixListings(options: FixListingsOptions, io: CommandIo): Promise<number> {
  const { t } = io;
  const prompter = options.apply && io.canPrompt ? await io.prompter() : null;
  if (options.adapter !== 'sp-api') throw new UsageError(t('fix.needs-sp-api'), t('fix.needs-sp-api-hint'));
  const [{ spApiSettings, ENDPOINTS }, { ListingsCleanup, DeletionLedger }, { clockFromEnv }, { closureRegionsOfApi, marketplaceById }] = await Promise.all([
    import('../adapters/sp-api/sp-api-settings.js'),
    import('../adapters/sp-api/listings-cleanup.js'),
    import('../adapters/sp-api/clock.js'),
    import('../core/marketplaces.js'),
  ]);
  const settings = spApiSettings(io.term.env, options.spApiFile, t, io.warn);
  if (!settings.sellerId) throw new UsageError(t('fix.needs-seller-id'));
  const sellerId = settings.sellerId;
  // Listings of an account the accounts file protects are never changed (issue 18); looking is allowed.
  if (options.apply) {
    const { refuseProtectedAccount } = await import('../portfolio/guard.js');
    // The region is known only when the endpoint is Amazon's own for it; through any other (a proxy,
    // another region's host) every region of the seller is guarded.
    const regions = settings.endpoint === ENDPOINTS[settings.region] ? closureRegionsOfApi(settings.region) : null;
    await refuseProtectedAccount({ accountsPath: options.accountsPath, env: io.term.env, platform: io.term.platform, home: io.term.env.HOME, sellerId, regions, t });
  }
  // With --json the one document on stdout replaces the lines for people.
  const show = (line: string) => {
    if (!options.json) io.print(line);
  };
  const document = (outcome: FixListingsOutcome) => {
    if (options.json) io.print(JSON.stringify(fixListingsJson(outcome), null, 2));
  };
  const where = (marketplaceId: string) => marketplaceById(marketplaceId)?.domain ?? marketplaceId;

  const run = {
    command: options.apply ? 'fix-listings' : 'fix-listings-preview',
    dryRun: false,
    log: { path: options.auditDbPath, term: io.term, t },
    adapter: options.adapter,
    asOf: io.term.today(),
    notice: (text: string) => io.say(io.err.yellow(text)),
    started: (recorder: CommandIo['currentRun']) => {
      io.currentRun = recorder;
    },
  };
  return withRecordedRun(run, async (recorder) => {
    let cleanup: Cleanup | null = null;
    try {
      cleanup = await ListingsCleanup.open({ settings, sellerId, t, userAgent: `close-account/${io.version}`, clock: clockFromEnv(io.term.env), note: (line) => io.say(io.err.dim(line)) });
      const ledger = new DeletionLedger(recorder.audit ?? null, recorder.runId, sellerId);
      const survey = await cleanup.survey(ledger, options.includeStocked);
      for (const { marketplaceId, reason } of survey.unread) show(io.out.yellow(`  ! ${t('fix.marketplace-unread', { marketplace: where(marketplaceId), reason: translateRef(t, reason) })}`));
      const { listings, toDelete, keptStocked, deletedBefore } = survey;
      show(t('fix.summary', { total: listings.length, remove: toDelete.length, skipped: keptStocked.length, done: deletedBefore.length }));
      for (const l of toDelete.slice(0, 20)) show(`  - ${l.sku}  ${where(l.marketplaceId)}  ${l.name ?? ''}  (${l.status})`);
      if (toDelete.length > 20) show(`  ${t('render.more-items', { count: toDelete.length - 20 })}`);
      for (const l of keptStocked) show(io.out.yellow(`  ! ${t('fix.skipped-stocked', { sku: l.sku })}`));

      const pairJson = (l: (typeof listings)[number]) => ({ sku: l.sku, marketplaceId: l.marketplaceId, name: l.name, status: l.status, fulfilment: l.fulfilment });
      const unread = survey.unread.map((u) => u.marketplaceId);
      const found = { sellerId, marketplaces: survey.marketplaceIds, unread, listings: listings.length, toDelete: toDelete.map(pairJson), keptStocked: keptStocked.map(pairJson), alreadyDeleted: deletedBefore.length };
      if (!options.apply) {
        document({ ...found, applied: null });
        io.say(t('fix.preview'));
        return EXIT.ok;
      }
      if (toDelete.length > 0) {
        if (prompter) {
          await prompter.input({ message: t('fix.type-seller-id', { count: toDelete.length, sellerId }), validate: (v) => v.trim().toUpperCase() === sellerId.toUpperCase() || t('wizard.type-seller-id-mismatch', { sellerId }) });
        } else if (options.confirm?.trim().toUpperCase() !== sellerId.toUpperCase()) {
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
          show(io.out.yellow(`  ! ${t('fix.not-accepted', { sku: listing.sku, marketplace: where(listing.marketplaceId), status: answer.status, issues: answer.issues })}`));
        }
        await failpoint('after-listing-deleted', io.term.env, io.term.stderr);
      }

      const { verified, pending } = await cleanup.verify([...deletedBefore, ...accepted], ledger);
      document({ ...found, applied: { accepted: accepted.length, refused, verified, pending } });
      show(pending === 0 ? io.out.green(t('fix.verified', { count: verified })) : io.out.yellow(t('fix.pending', { count: pending })));
      return pending === 0 && refused.length === 0 && unread.length === 0 ? EXIT.ok : EXIT.notReady;
    } finally {
      cleanup?.close();
      io.say(io.err.dim(t('fix.calls', { calls: cleanup?.calls ?? 0 })));
    }
  });
}
