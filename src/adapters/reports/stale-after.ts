// How old a report file may be and still prove anything: its own module so that the flag's default
// (adapters/registry.ts) and the reports adapter share it without loading the adapter at start-up.

/** Orders and stock move every day: a report older than this proves nothing by default. */
export const STALE_AFTER_DAYS = 3;
