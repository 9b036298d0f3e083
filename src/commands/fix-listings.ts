// `fix listings`: delete the remaining listings through the Listings Items API (sp-api). Shows
// what it will delete, asks for the seller ID to be typed (or --confirm outside a terminal),
// keeps to the documented rate, records each deletion in the audit log, continues where an
// interrupted run stopped, and checks each deletion afterwards (Amazon deletes asynchronously).
// It never deletes an FBA listing that still has units, unless told to: that strands the stock.
//
// A listing is a SKU in one marketplace: the All Listings report serves one marketplace per
// request (report-type documentation: "only the first marketplaceId in the list will be
// accepted"; selling-partner-api-models #1998), so each marketplace has its own report, and each
// SKU is deleted, recorded and verified in each marketplace that lists it. deleteListingsItem
// answers ACCEPTED or INVALID ("not valid and was not accepted for processing",
// listingsItems_2021-08-01.json): only ACCEPTED is recorded as deleted.

import type { Listing } from '../core/seller-data.js';
import { EXIT, UsageError } from '../errors.js';
import { failpoint } from '../failpoints.js';
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
}

export const fixListingsCommand = defineCommand<FixListingsOptions>({
  name: 'listings',
  description: 'help.fix-listings',
  flags: [
    ADAPTER_FLAG,
    { flags: '--apply', help: 'help.apply' },
    { flags: '--confirm <seller-id>', help: 'help.confirm' },
    { flags: '--include-stocked', help: 'help.include-stocked' },
  ],
  examples: ['close-account fix listings --adapter sp-api', 'close-account fix listings --adapter sp-api --apply'],
  resolve: (raw, { options, t }) =>
    Object.freeze({
      json: options.json,
      auditDbPath: options.auditDbPath,
      adapter: resolveAdapter(raw, options, t),
      spApiFile: spApiFileOf(options),
      apply: flagOn(raw, 'apply'),
      confirm: flagText(raw, 'confirm') ?? null,
      includeStocked: flagOn(raw, 'includeStocked'),
    }),
  run: runFixListings,
});

export const fixGroup: CommandGroup = { name: 'fix', description: 'help.fix', subcommands: [fixListingsCommand] };

type Pair = Pick<Listing, 'sku' | 'name' | 'status' | 'fulfilment'> & { marketplaceId: string };
const keyOf = (sku: string, marketplaceId: string) => `${sku}\u0000${marketplaceId}`;

async function runFixListings(options: FixListingsOptions, io: CommandIo): Promise<number> {
  const { t } = io;
  const prompter = options.apply && io.canPrompt ? await io.prompter() : null;
  if (options.adapter !== 'sp-api') throw new UsageError(t('fix.needs-sp-api'), t('fix.needs-sp-api-hint'));
  const [{ spApiSettings }, { LwaToken }, { SpApiClient, SpApiError }, { fetchReport, FinishedReports }, { listingsOf }, { clockFromEnv }, { mkdtempSync, rmSync }, { tmpdir }, { join }] = await Promise.all([
    import('../adapters/sp-api/sp-api-settings.js'),
    import('../adapters/sp-api/lwa-token.js'),
    import('../adapters/sp-api/sp-api-client.js'),
    import('../adapters/sp-api/sp-api-reports.js'),
    import('../adapters/reports/report-readers.js'),
    import('../adapters/sp-api/clock.js'),
    import('node:fs'),
    import('node:os'),
    import('node:path'),
  ]);
  const settings = spApiSettings(io.term.env, options.spApiFile, t, io.warn);
  if (!settings.sellerId) throw new UsageError(t('fix.needs-seller-id'));
  const sellerId = settings.sellerId;
  const clock = clockFromEnv(io.term.env);
  const token = new LwaToken(settings, t, () => clock.now());
  const client = new SpApiClient(settings, token, t, {
    userAgent: `close-account/${io.version}`,
    clock,
    onWait: (operation, ms) => io.say(io.err.dim(t('sp-api.waiting', { operation, seconds: Math.round(ms / 1000), rate: client.limiter.rateOf(operation) }))),
  });
  const dir = mkdtempSync(join(tmpdir(), 'close-account-fix-'));
  // With --json the one document on stdout replaces the lines for people.
  const show = (line: string) => {
    if (!options.json) io.print(line);
  };
  const document = (outcome: FixListingsOutcome) => {
    if (options.json) io.print(JSON.stringify(fixListingsJson(outcome), null, 2));
  };
  type Participations = { payload?: { marketplace: { id: string }; participation: { isParticipating: boolean } }[] };
  type Summaries = { payload?: { inventorySummaries: { sellerSku?: string; totalQuantity?: number; inventoryDetails?: { researchingQuantity?: { totalResearchingQuantity?: number } } }[] }; pagination?: { nextToken?: string } };
  type Submission = { sku: string; status: 'ACCEPTED' | 'INVALID' | 'VALID'; submissionId: string; issues?: { code: string; message: string }[] };
  type SearchResults = { numberOfResults: number; items?: unknown[] };

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
    try {
      const { marketplaceById } = await import('../core/marketplaces.js');
      const participations = await client.call<Participations>('getMarketplaceParticipations');
      const marketplaceIds = (participations.payload ?? [])
        .filter((p) => p.participation.isParticipating && marketplaceById(p.marketplace.id)?.apiRegion === settings.region)
        .map((p) => p.marketplace.id);

      // What is listed: the All Listings report of each marketplace (the search stops at 1,000 SKUs).
      const finished = new FinishedReports(client, ['GET_MERCHANT_LISTINGS_ALL_DATA'], marketplaceIds);
      const outcomes = await Promise.all(marketplaceIds.map((marketplaceId) => fetchReport(client, settings, { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [marketplaceId] }, dir, t, undefined, finished)));
      const listings: Pair[] = [];
      const unread: string[] = [];
      for (const [i, outcome] of outcomes.entries()) {
        const marketplaceId = marketplaceIds[i]!;
        if (outcome.kind === 'done') {
          for await (const batch of listingsOf(outcome.file)) for (const l of batch) listings.push({ sku: l.sku, name: l.name, status: l.status, fulfilment: l.fulfilment, marketplaceId });
          continue;
        }
        // Amazon cancels a report with no data: zero listings in the search is the proof of that.
        if (outcome.status === 'CANCELLED') {
          const search = await client.call<SearchResults>('searchListingsItems', { path: { sellerId }, query: { marketplaceIds: [marketplaceId], pageSize: 1 } }).catch((error: unknown) => {
            if (error instanceof SpApiError && error.status !== null && error.status < 500) return null;
            throw error;
          });
          if (search && search.numberOfResults === 0) continue;
        }
        unread.push(marketplaceId);
        show(io.out.yellow(`  ! ${t('fix.marketplace-unread', { marketplace: marketplaceById(marketplaceId)?.domain ?? marketplaceId, reason: t(outcome.reason.key, outcome.reason.params as never) })}`));
      }

      // What still has units in Amazon's network: those listings stay unless told otherwise.
      const stocked = new Set<string>();
      for (const marketplaceId of marketplaceIds) {
        let nextToken: string | undefined;
        do {
          const page = await client.call<Summaries>('getInventorySummaries', { query: { details: true, granularityType: 'Marketplace', granularityId: marketplaceId, marketplaceIds: [marketplaceId], nextToken } });
          for (const s of page.payload?.inventorySummaries ?? []) {
            if ((s.totalQuantity ?? 0) + (s.inventoryDetails?.researchingQuantity?.totalResearchingQuantity ?? 0) > 0 && s.sellerSku) stocked.add(s.sellerSku);
          }
          nextToken = page.pagination?.nextToken;
        } while (nextToken);
      }

      // Deleted by an earlier run: accepted by Amazon, for that SKU in that marketplace.
      const done = new Set(
        (recorder.audit?.recordsOfType('listing-deleted') ?? [])
          .map((r) => r.body as { sku: string; marketplaceId?: string; status?: string })
          .filter((b) => b.status === 'ACCEPTED' && b.marketplaceId)
          .map((b) => keyOf(b.sku, b.marketplaceId!)),
      );
      const listed = new Set(listings.map((l) => keyOf(l.sku, l.marketplaceId)));
      const skipped = listings.filter((l) => stocked.has(l.sku) && !options.includeStocked);
      const toDelete = listings.filter((l) => !skipped.includes(l) && !done.has(keyOf(l.sku, l.marketplaceId)));
      const doneStillListed = [...done].filter((key) => listed.has(key)).length;
      show(t('fix.summary', { total: listings.length, remove: toDelete.length, skipped: skipped.length, done: doneStillListed }));
      const where = (marketplaceId: string) => marketplaceById(marketplaceId)?.domain ?? marketplaceId;
      for (const l of toDelete.slice(0, 20)) show(`  - ${l.sku}  ${where(l.marketplaceId)}  ${l.name ?? ''}  (${l.status})`);
      if (toDelete.length > 20) show(`  ${t('render.more-items', { count: toDelete.length - 20 })}`);
      for (const l of skipped) show(io.out.yellow(`  ! ${t('fix.skipped-stocked', { sku: l.sku })}`));

      const pairJson = (l: Pair) => ({ sku: l.sku, marketplaceId: l.marketplaceId, name: l.name, status: l.status, fulfilment: l.fulfilment });
      const found = { sellerId, marketplaces: marketplaceIds, unread, listings: listings.length, toDelete: toDelete.map(pairJson), keptStocked: skipped.map(pairJson), alreadyDeleted: doneStillListed };
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

      const accepted: Pair[] = [];
      const refused: { sku: string; marketplaceId: string; status: string; issues: string }[] = [];
      for (const listing of toDelete) {
        const answer = await client.call<Submission>('deleteListingsItem', { path: { sellerId, sku: listing.sku }, query: { marketplaceIds: [listing.marketplaceId] } });
        if (answer.status === 'ACCEPTED') {
          recorder.audit?.append('listing-deleted', recorder.runId, { sku: listing.sku, marketplaceId: listing.marketplaceId, status: answer.status, submissionId: answer.submissionId });
          accepted.push(listing);
        } else {
          const issues = (answer.issues ?? []).map((i) => `${i.code}: ${i.message}`).join('; ') || answer.status;
          refused.push({ sku: listing.sku, marketplaceId: listing.marketplaceId, status: answer.status, issues });
          show(io.out.yellow(`  ! ${t('fix.not-accepted', { sku: listing.sku, marketplace: where(listing.marketplaceId), status: answer.status, issues })}`));
        }
        await failpoint('after-listing-deleted', io.term.env, io.term.stderr);
      }

      // Amazon deletes asynchronously: a 404 from getListingsItem in that marketplace is the proof.
      const pending = new Map<string, { sku: string; marketplaceId: string }>();
      for (const key of done) if (listed.has(key)) pending.set(key, { sku: key.split('\u0000')[0]!, marketplaceId: key.split('\u0000')[1]! });
      for (const l of accepted) pending.set(keyOf(l.sku, l.marketplaceId), { sku: l.sku, marketplaceId: l.marketplaceId });
      const verifying = pending.size;
      for (let round = 0; round < 5 && pending.size > 0; round++) {
        if (round > 0) await clock.sleep(500 * 2 ** round);
        for (const [key, { sku, marketplaceId }] of [...pending]) {
          const gone = await client
            .call('getListingsItem', { path: { sellerId, sku }, query: { marketplaceIds: [marketplaceId] } })
            .then(() => false, (error: unknown) => {
              if (error instanceof SpApiError && error.status === 404) return true;
              throw error;
            });
          if (gone) {
            pending.delete(key);
            recorder.audit?.append('listing-verified', recorder.runId, { sku, marketplaceId });
          }
        }
      }
      const deleted = verifying - pending.size;
      document({ ...found, applied: { accepted: accepted.length, refused, verified: deleted, pending: pending.size } });
      show(pending.size === 0 ? io.out.green(t('fix.verified', { count: deleted })) : io.out.yellow(t('fix.pending', { count: pending.size })));
      return pending.size === 0 && refused.length === 0 && unread.length === 0 ? EXIT.ok : EXIT.notReady;
    } finally {
      rmSync(dir, { recursive: true, force: true });
      io.say(io.err.dim(t('fix.calls', { calls: client.calls.length })));
    }
  });
}
