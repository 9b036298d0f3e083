#!/usr/bin/env node
// Merges the `close-account portfolio check --json` documents of one accounts file split across a
// job runner (a CI matrix, cron on several hosts, Kubernetes Jobs) into one document of the same
// schema (src/render/portfolio-json-schema.ts): every account once, the summary and exit code
// recomputed, each seller's closure requests joined across the parts (a seller's regions may be in
// different parts). The same seller and region in two parts is refused: the split overlapped.
// Usage: node scripts/merge-portfolio.mjs part-1.json part-2.json … > portfolio.json
// Exit: the merged run's own code (0 all ready, 3 not all ready, 4 a source failed); 2 bad input.

import { readFileSync } from 'node:fs';

const ORDER = ['north-america', 'europe', 'japan', 'australia', 'other'];

function fail(message) {
  process.stderr.write(`merge-portfolio: ${message}\n`);
  process.exit(2);
}

export function mergePortfolio(documents) {
  if (documents.length === 0) throw new Error('no documents to merge');
  const first = documents[0];
  const accounts = [];
  const seen = new Map();
  for (const [i, doc] of documents.entries()) {
    if (doc?.kind !== 'portfolio-check' || doc.schemaVersion !== first.schemaVersion || !Array.isArray(doc.accounts)) {
      throw new Error(`document ${i + 1} is not a portfolio check --json document of schema version ${first.schemaVersion}`);
    }
    for (const account of doc.accounts) {
      const key = `${account.sellerId}:${account.region}`;
      if (seen.has(key)) throw new Error(`seller ${account.sellerId} in ${account.region} is in documents ${seen.get(key) + 1} and ${i + 1}: the parts overlap`);
      seen.set(key, i);
      accounts.push(account);
    }
  }
  const sellers = new Map();
  for (const doc of documents) {
    for (const seller of doc.regions) {
      const requests = sellers.get(seller.sellerId) ?? new Map();
      sellers.set(seller.sellerId, requests);
      for (const request of seller.requests) {
        const known = requests.get(request.region);
        if (!known) {
          requests.set(request.region, { ...request, accounts: [...request.accounts], marketplaces: [...request.marketplaces] });
          continue;
        }
        known.accounts = [...known.accounts, ...request.accounts];
        if (request.fromData && !known.fromData) known.marketplaces = [...request.marketplaces];
        else if (request.fromData === known.fromData) known.marketplaces = [...new Set([...known.marketplaces, ...request.marketplaces])];
        known.fromData ||= request.fromData;
        known.listed ||= request.listed;
      }
    }
  }
  const failed = accounts.filter((a) => a.status === 'failed').length;
  const ready = accounts.filter((a) => a.verdict === 'ready').length;
  return {
    schemaVersion: first.schemaVersion,
    kind: 'portfolio-check',
    generatedAt: documents.map((d) => d.generatedAt).sort().at(-1),
    accountsFile: documents.map((d) => d.accountsFile).join('; '),
    // Parts run on one day share it; parts that crossed midnight say the earliest.
    asOf: documents.map((d) => d.asOf).sort()[0],
    exitCode: failed > 0 ? 4 : ready === accounts.length ? 0 : 3,
    summary: { accounts: accounts.length, ready, notReady: accounts.length - ready - failed, failed },
    accounts,
    regions: [...sellers].map(([sellerId, requests]) => ({
      sellerId,
      independent: true,
      requests: [...requests.values()].sort((a, b) => ORDER.indexOf(a.region) - ORDER.indexOf(b.region)),
    })),
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const files = process.argv.slice(2);
  if (files.length === 0) fail('name the --json documents to merge: node scripts/merge-portfolio.mjs part-1.json part-2.json …');
  const documents = files.map((file) => {
    let text;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      fail(`${file} cannot be read (${error.code ?? error.message})`);
    }
    try {
      return JSON.parse(text);
    } catch {
      return fail(`${file} is not JSON: give the stdout of close-account portfolio check --json`);
    }
  });
  let merged;
  try {
    merged = mergePortfolio(documents);
  } catch (error) {
    fail(error.message);
  }
  process.stdout.write(`${JSON.stringify(merged, null, 2)}\n`);
  process.exit(merged.exitCode);
}
