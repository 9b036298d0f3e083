// The JSON document of `fix listings --json` (preview, or --apply): what is listed, what it
// deletes or would delete, what it keeps, and (with --apply) what Amazon accepted and what is
// verified gone. Its contract is the zod schema in fix-listings-json-schema.ts.

import { JSON_SCHEMA_VERSION } from './json-schema-version.js';

export interface FixListingsListing {
  sku: string;
  marketplaceId: string;
  name: string | null;
  status: string;
  fulfilment: string | null;
}

export interface FixListingsOutcome {
  sellerId: string;
  marketplaces: string[];
  /** Marketplaces whose listings could not be read: nothing there is deleted or said to be clear. */
  unread: string[];
  listings: number;
  toDelete: FixListingsListing[];
  /** FBA listings kept because Amazon still holds their units. */
  keptStocked: FixListingsListing[];
  /** Deleted by an earlier run and still listed: verified again. */
  alreadyDeleted: number;
  applied: { accepted: number; refused: { sku: string; marketplaceId: string; status: string; issues: string }[]; verified: number; pending: number } | null;
}

export function fixListingsJson(outcome: FixListingsOutcome) {
  return { schemaVersion: JSON_SCHEMA_VERSION, ...outcome };
}
