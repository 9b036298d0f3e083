// The contract of `fix listings --json`, as a zod schema the tests hold the output to.

import { z } from 'zod';
import { JSON_SCHEMA_VERSION } from './json-schema-version.js';

const listing = z.strictObject({ sku: z.string(), marketplaceId: z.string(), name: z.string().nullable(), status: z.string(), fulfilment: z.string().nullable() });

export const fixListingsJsonSchema = z.strictObject({
  schemaVersion: z.literal(JSON_SCHEMA_VERSION),
  sellerId: z.string(),
  marketplaces: z.array(z.string()),
  unread: z.array(z.string()),
  listings: z.number().int().nonnegative(),
  toDelete: z.array(listing),
  keptStocked: z.array(listing),
  alreadyDeleted: z.number().int().nonnegative(),
  applied: z
    .strictObject({
      accepted: z.number().int().nonnegative(),
      refused: z.array(z.strictObject({ sku: z.string(), marketplaceId: z.string(), status: z.string(), issues: z.string() })),
      verified: z.number().int().nonnegative(),
      pending: z.number().int().nonnegative(),
    })
    .nullable(),
});
