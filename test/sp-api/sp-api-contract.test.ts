// The SP-API adapter passes the contract every seller-data adapter passes, against the strict fake
// SP-API on a virtual clock (the rest of its tests: sp-api-adapter.test.ts).

import { afterAll } from 'vitest';
import { runAdapterContract } from '../contract/adapter-contract.js';
import { ALL_FAULTS, NO_FAULTS } from '../helpers/fake-sp-api.js';
import { closeSessions, session } from '../helpers/sp-api-session.js';

afterAll(closeSessions);

/** The value of `make`, made on first use and shared after. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | null = null;
  return () => (made ??= make());
}

// One fake Amazon per contract suite, each test opening a fresh adapter against it: the first
// asks for every report (every fault on, in the first suite) and polls until they are done; the
// later ones, as a re-run within the hours Amazon keeps them would, read those reports again
// (getReports, then their documents) instead of asking for new ones and polling each ~5 times.
// A fresh fake per test cost some 200 requests a test. What asking for and polling reports does
// under every fault is held by the tests below, each on a fake of its own.
const blockedAmazon = once(() => session('blocked', ALL_FAULTS));
const readyAmazon = once(() => session('ready', NO_FAULTS));
runAdapterContract('sp-api (fake, blocked, every fault)', async () => (await blockedAmazon()).open());
runAdapterContract('sp-api (fake, ready)', async () => (await readyAmazon()).open());
