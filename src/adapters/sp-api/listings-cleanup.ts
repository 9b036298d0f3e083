// Deleting the remaining listings through the Listings Items API, the service behind `fix
// listings` (the command shows, asks and renders; this talks to Amazon and keeps the ledger).
//
// A listing is a SKU in one marketplace: the All Listings report serves one marketplace per
// request (report-type documentation: "only the first marketplaceId in the list will be
// accepted"; selling-partner-api-models #1998), so each marketplace has its own report, and each
// SKU is deleted, recorded and verified in each marketplace that lists it. deleteListingsItem
// answers ACCEPTED or INVALID ("not valid and was not accepted for processing",
// listingsItems_2021-08-01.json): only ACCEPTED is recorded as deleted. Amazon deletes
// asynchronously: a 404 from getListingsItem in that marketplace is the proof it is gone.
// Every record names the seller, so one audit log can serve several accounts: an earlier run's
// deletions count only for the same seller.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessageRef } from '../../core/message-ref.js';
import type { Listing } from '../../core/seller-data.js';
import type { Translate } from '../../messages/catalogue.js';
import type { AuditLog } from '../../audit/audit-log.js';
import { listingsOf } from '../reports/report-readers.js';
import type { definitions as Listings } from './models/listingsItems.js';
import { SpApiError } from './sp-api-client.js';
import { fetchReport, FinishedReports } from './sp-api-reports.js';
import { inventorySummaries, noListingsIn, openSpApiSession, type SpApiSession, type SpApiSessionOptions } from './sp-api-session.js';

const LISTINGS_REPORT = 'GET_MERCHANT_LISTINGS_ALL_DATA';

/** A SKU in one marketplace. */
export type ListingInMarketplace = Pick<Listing, 'sku' | 'name' | 'status' | 'fulfilment'> & { marketplaceId: string };
export type ListingKey = Pick<ListingInMarketplace, 'sku' | 'marketplaceId'>;

const keyOf = (l: ListingKey) => `${l.sku}\u0000${l.marketplaceId}`;

export interface ListingsSurvey {
  sellerId: string;
  marketplaceIds: string[];
  /** Marketplaces whose listings could not be read, and why. */
  unread: { marketplaceId: string; reason: MessageRef }[];
  listings: ListingInMarketplace[];
  toDelete: ListingInMarketplace[];
  /** FBA listings kept because their units are still in Amazon's network. */
  keptStocked: ListingInMarketplace[];
  /** Deleted by an earlier run (for this seller) and still listed: to be verified again. */
  deletedBefore: ListingKey[];
}

export type DeletionAnswer = { accepted: true } | { accepted: false; status: string; issues: string };

/** What the audit log holds of deletions: read and written for one seller. */
export class DeletionLedger {
  constructor(
    private readonly audit: AuditLog | null,
    private readonly runId: string | null,
    readonly sellerId: string,
  ) {}

  /** Listings Amazon accepted a deletion of, for this seller, in any run. A record that names no seller (an older log) is not taken as this seller's: the listing is deleted again, which Amazon accepts. */
  deleted(): Set<string> {
    const keys = new Set<string>();
    for (const record of this.audit?.recordsOfType('listing-deleted') ?? []) {
      const b = record.body as { sku?: string; marketplaceId?: string; status?: string; sellerId?: string };
      if (b.status === 'ACCEPTED' && b.sku && b.marketplaceId && b.sellerId?.toUpperCase() === this.sellerId.toUpperCase()) keys.add(keyOf({ sku: b.sku, marketplaceId: b.marketplaceId }));
    }
    return keys;
  }

  /** What the run recorded so far (its start, what it found) on the disk before Amazon is asked to delete. */
  beforeDeleting(): void {
    this.audit?.onDiskBeforeActing();
  }

  recordDeleted(listing: ListingKey, submissionId: string): void {
    this.audit?.append('listing-deleted', this.runId, { sellerId: this.sellerId, sku: listing.sku, marketplaceId: listing.marketplaceId, status: 'ACCEPTED', submissionId });
  }

  recordVerified(listing: ListingKey): void {
    this.audit?.append('listing-verified', this.runId, { sellerId: this.sellerId, sku: listing.sku, marketplaceId: listing.marketplaceId });
  }
}

export class ListingsCleanup {
  private constructor(
    readonly session: SpApiSession,
    readonly sellerId: string,
    private readonly t: Translate,
    private readonly dir: string,
  ) {}

  static async open(options: SpApiSessionOptions & { sellerId: string }): Promise<ListingsCleanup> {
    const session = await openSpApiSession(options);
    return new ListingsCleanup(session, options.sellerId, options.t, mkdtempSync(join(tmpdir(), 'close-account-fix-')));
  }

  /** Calls made to Amazon so far. */
  get calls(): number {
    return this.session.client.calls.length;
  }

  /** What is listed in each marketplace, what still has stock, and what an earlier run deleted. */
  async survey(ledger: DeletionLedger, includeStocked: boolean): Promise<ListingsSurvey> {
    const { client, settings, marketplaceIds } = this.session;
    // What is listed: the All Listings report of each marketplace (the search stops at 1,000 SKUs).
    const finished = new FinishedReports(client, [LISTINGS_REPORT], marketplaceIds);
    const outcomes = await Promise.all(marketplaceIds.map((marketplaceId) => fetchReport(client, settings, { reportType: LISTINGS_REPORT, marketplaceIds: [marketplaceId] }, this.dir, this.t, undefined, finished)));
    const listings: ListingInMarketplace[] = [];
    const unread: ListingsSurvey['unread'] = [];
    for (const [i, outcome] of outcomes.entries()) {
      const marketplaceId = marketplaceIds[i]!;
      if (outcome.kind === 'done') {
        for await (const batch of listingsOf(outcome.file)) for (const l of batch) listings.push({ sku: l.sku, name: l.name, status: l.status, fulfilment: l.fulfilment, marketplaceId });
        continue;
      }
      // Amazon cancels a report with no data: zero listings in the search is the proof of that.
      if (outcome.status === 'CANCELLED' && (await noListingsIn(client, this.sellerId, marketplaceId))) continue;
      unread.push({ marketplaceId, reason: outcome.reason });
    }

    // What still has units in Amazon's network: those listings stay unless told otherwise.
    const stocked = new Set<string>();
    for (const marketplaceId of marketplaceIds) {
      for await (const page of inventorySummaries(client, marketplaceId)) {
        for (const s of page) {
          if ((s.totalQuantity ?? 0) + (s.inventoryDetails?.researchingQuantity?.totalResearchingQuantity ?? 0) > 0 && s.sellerSku) stocked.add(s.sellerSku);
        }
      }
    }

    const done = ledger.deleted();
    const listed = new Set(listings.map(keyOf));
    const keptStocked = listings.filter((l) => stocked.has(l.sku) && !includeStocked);
    const toDelete = listings.filter((l) => !keptStocked.includes(l) && !done.has(keyOf(l)));
    const deletedBefore = [...done].filter((key) => listed.has(key)).map((key) => ({ sku: key.split('\u0000')[0]!, marketplaceId: key.split('\u0000')[1]! }));
    return { sellerId: this.sellerId, marketplaceIds, unread, listings, toDelete, keptStocked, deletedBefore };
  }

  /** Asks Amazon to delete one listing; only ACCEPTED is recorded as deleted. */
  async delete(listing: ListingInMarketplace, ledger: DeletionLedger): Promise<DeletionAnswer> {
    ledger.beforeDeleting();
    const answer = await this.session.client.call<Listings['ListingsItemSubmissionResponse']>('deleteListingsItem', { path: { sellerId: this.sellerId, sku: listing.sku }, query: { marketplaceIds: [listing.marketplaceId] } });
    if (answer.status === 'ACCEPTED') {
      ledger.recordDeleted(listing, answer.submissionId);
      return { accepted: true };
    }
    return { accepted: false, status: answer.status, issues: (answer.issues ?? []).map((i) => `${i.code}: ${i.message}`).join('; ') || answer.status };
  }

  /** Checks each deletion in its marketplace, a few rounds apart; returns those Amazon still lists. */
  async verify(listings: ListingKey[], ledger: DeletionLedger): Promise<{ verified: number; pending: number }> {
    const pending = new Map(listings.map((l) => [keyOf(l), l]));
    const total = pending.size;
    for (let round = 0; round < 5 && pending.size > 0; round++) {
      if (round > 0) await this.session.clock.sleep(500 * 2 ** round);
      for (const [key, listing] of [...pending]) {
        const gone = await this.session.client
          .call<Listings['Item']>('getListingsItem', { path: { sellerId: this.sellerId, sku: listing.sku }, query: { marketplaceIds: [listing.marketplaceId] } })
          .then(
            () => false,
            (error: unknown) => {
              if (error instanceof SpApiError && error.status === 404) return true;
              throw error;
            },
          );
        if (gone) {
          pending.delete(key);
          ledger.recordVerified(listing);
        }
      }
    }
    return { verified: total - pending.size, pending: pending.size };
  }

  close(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
