// The contract of `portfolio init --json`, as a zod schema the tests hold the output to. Kept apart
// from the command so that a run never loads zod to print JSON.

import { z } from 'zod';
import { JSON_SCHEMA_VERSION } from './json-schema-version.js';

export const portfolioInitJsonSchema = z.strictObject({
  schemaVersion: z.literal(JSON_SCHEMA_VERSION),
  /** The accounts file written (the example, to fill in). */
  accounts: z.string(),
});
