// A command-line flag as the code that reads it declares it: a command, the adapter registry (the
// data-source flags), the request and submitter flags. The program turns each into commander's
// option; the declaring code resolves the values it gets back.

import type { PlainMessageKey } from '../messages/catalogue.js';

export interface FlagSpec {
  /** As commander reads it: '--seller-id <token>', '--json', '--no-color'. */
  readonly flags: string;
  /** Its help line, in the seller's language. */
  readonly help: PlainMessageKey;
  readonly choices?: readonly string[];
  readonly default?: string;
  /** May be given more than once; the values are collected in order. */
  readonly repeatable?: boolean;
  /** Accepted but left out of the help (an older name kept working). */
  readonly hidden?: boolean;
}

/** Flag values as the parser hands them over, by camel-cased name (`--seller-id` → sellerId, `--no-color` → color). */
export type RawFlags = Readonly<Record<string, unknown>>;

/** A flag's text value, if it was given. */
export function flagText(raw: RawFlags, name: string): string | undefined {
  const value = raw[name];
  return typeof value === 'string' ? value : undefined;
}

/** A repeatable flag's values, in the order given. */
export function flagList(raw: RawFlags, name: string): readonly string[] {
  const value = raw[name];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** A switch: true only when given. */
export function flagOn(raw: RawFlags, name: string): boolean {
  return raw[name] === true;
}
