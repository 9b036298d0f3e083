#!/usr/bin/env node
// Reading Seller Central reports at scale. Generates a 1,000,000-row All Orders report (~280 MB),
// a 200,000-row All Listings and a 100,000-row Manage FBA Inventory, and prints side by side, in
// one run, with peak memory: `close-account check` on the orders report alone and on the whole
// folder, a plain readline + split('\t') loop over the same orders file, and `wc -l`; then the
// whole-folder check's peak memory at 5,000,000 order rows against 1,000,000.
// Usage: node bench/reports.mjs [--rows 1000000] [--big-rows 5000000] [--rounds 3]   (npm run build first)

import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const ROWS = option('--rows', 1_000_000);
const BIG_ROWS = option('--big-rows', 5_000_000);
const ROUNDS = option('--rounds', 3);

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.cjs');
const data = join(root, 'bench', '.data');

const ORDERS_HEADER =
  'amazon-order-id\tmerchant-order-id\tpurchase-date\tlast-updated-date\torder-status\tfulfillment-channel\tsales-channel\torder-channel\turl\tship-service-level\tproduct-name\tsku\tasin\titem-status\tquantity\tcurrency\titem-price\titem-tax\tshipping-price\tshipping-tax\tgift-wrap-price\tgift-wrap-tax\titem-promotion-discount\tship-promotion-discount\tship-city\tship-state\tship-postal-code\tship-country\tpromotion-ids\tis-business-order\tpurchase-order-number\tprice-designation';
const LISTINGS_HEADER =
  'item-name\titem-description\tlisting-id\tseller-sku\tprice\tquantity\topen-date\timage-url\titem-is-marketplace\tproduct-id-type\tzshop-shipping-fee\titem-note\titem-condition\tzshop-category1\tzshop-browse-path\tzshop-storefront-feature\tasin1\tasin2\tasin3\twill-ship-internationally\texpedited-shipping\tzshop-boldface\tproduct-id\tbid-for-featured-placement\tadd-delete\tpending-quantity\tfulfillment-channel\tmerchant-shipping-group\tstatus';
const INVENTORY_HEADER =
  'sku\tfnsku\tasin\tproduct-name\tcondition\tyour-price\tmfn-listing-exists\tmfn-fulfillable-quantity\tafn-listing-exists\tafn-warehouse-quantity\tafn-fulfillable-quantity\tafn-unsellable-quantity\tafn-reserved-quantity\tafn-total-quantity\tper-unit-volume\tafn-inbound-working-quantity\tafn-inbound-shipped-quantity\tafn-inbound-receiving-quantity\tafn-researching-quantity\tafn-reserved-future-supply\tafn-future-supply-buyable';

let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
const digits = (n) => String(Math.floor(rand() * 10 ** n)).padStart(n, '0');
const NAMES = ['Bamboo Cutting Board Set, 3 pieces', 'Stainless Steel Water Bottle 750 ml, Forest Green', 'Café crème Stoneware Mug Pair 350 ml', 'Linen Napkins, set of 6, Oatmeal', 'Pre-seasoned Cast Iron Skillet 10 inch'];
const CITIES = [['SEATTLE', 'WA', '98101'], ['AUSTIN', 'TX', '73301'], ['DENVER', 'CO', '80202'], ['BOSTON', 'MA', '02108']];
const STATUSES = ['Shipped - Delivered to Buyer', 'Shipped', 'Shipped - Delivered to Buyer', 'Cancelled', 'Shipped - Out for Delivery'];

async function writeLines(path, header, count, line) {
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  const write = (text) => (out.write(text) ? null : new Promise((r) => out.once('drain', r)));
  await write(`${header}\n`);
  let batch = '';
  for (let i = 0; i < count; i++) {
    batch += `${line(i)}\n`;
    if (batch.length > 1 << 20) {
      await write(batch);
      batch = '';
    }
  }
  await write(batch);
  await new Promise((r) => out.end(r));
}

function orderLine(i, count) {
  // A year of orders, oldest first; the last ones still open.
  const day = new Date(Date.UTC(2025, 10, 20) + Math.floor((i / count) * 365) * 86_400_000).toISOString().slice(0, 10);
  const status = i >= count - 3 ? 'Pending' : STATUSES[Math.floor(rand() * STATUSES.length)];
  const [city, state, zip] = CITIES[Math.floor(rand() * CITIES.length)];
  const id = `111-${digits(7)}-${digits(7)}`;
  const price = (5 + rand() * 80).toFixed(2);
  return [id, id, `${day}T${String(Math.floor(rand() * 24)).padStart(2, '0')}:14:07+00:00`, `${day}T23:01:44+00:00`, status, rand() < 0.7 ? 'Amazon' : 'Merchant', 'Amazon.com', '', '', 'Standard', NAMES[i % NAMES.length], `SKU-${i % 5000}`, `B0${digits(8)}`, 'Shipped', '1', 'USD', price, (price * 0.08).toFixed(2), '0.00', '0.00', '', '', '0.00', '0.00', city, state, zip, 'US', '', 'false', '', ''].join('\t');
}

async function generate(dir, rows) {
  mkdirSync(dir, { recursive: true });
  const orders = join(dir, 'all-orders.txt');
  if (!existsSync(orders)) {
    process.stderr.write(`generating ${rows.toLocaleString()} order rows in ${dir}…\n`);
    await writeLines(orders, ORDERS_HEADER, rows, (i) => orderLine(i, rows));
    await writeLines(join(dir, 'all-listings.txt'), LISTINGS_HEADER, 200_000, (i) =>
      [NAMES[i % NAMES.length], '', `L${i}`, `SKU-${i}`, '19.99', '3', '2024-01-07 07:35:42 PST', '', 'y', '1', '', '', '11', '', '', '', `B0${digits(8)}`, '', '', '', '', '', '', '', '', '0', i % 3 ? 'AMAZON_NA' : 'DEFAULT', 'Migrated Template', i % 4 ? 'Active' : 'Inactive'].join('\t'),
    );
    await writeLines(join(dir, 'manage-inventory.txt'), INVENTORY_HEADER, 100_000, (i) =>
      [`SKU-${i}`, `X00${digits(7)}`, `B0${digits(8)}`, NAMES[i % NAMES.length], 'New', '24.99', 'No', '', 'Yes', '3', i % 10 ? '0' : '2', '', '0', '2', '', '0', '0', '0', '0', '0', '0'].join('\t'),
    );
  }
  return orders;
}

/** Runs a command, returning wall time (ms) and peak resident memory (MB) of the child. */
function measure(command, commandArgs) {
  const result = spawnSync('/usr/bin/time', ['-f', '%M', command, ...commandArgs], { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, HOME: data, XDG_DATA_HOME: data } });
  if (result.status !== 0 && result.status !== 3) throw new Error(`${command} ${commandArgs.join(' ')}: exit ${result.status}\n${result.stderr}`);
  const kb = Number(result.stderr.trim().split('\n').at(-1));
  return { kb };
}

function timed(command, commandArgs) {
  const start = process.hrtime.bigint();
  const { kb } = measure(command, commandArgs);
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, mb: kb / 1024 };
}

const naiveLoop = join(data, 'naive-loop.mjs');
function writeNaiveLoop() {
  mkdirSync(data, { recursive: true });
  writeFileSync(
    naiveLoop,
    `import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
let rows = 0, open = 0;
for await (const line of createInterface({ input: createReadStream(process.argv[2]), crlfDelay: Infinity })) {
  const fields = line.split('\\t');
  rows++;
  if (fields[4] === 'Pending' || fields[4] === 'Unshipped') open++;
}
console.log(rows, open);
`,
  );
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  if (!existsSync(cli)) throw new Error('dist/cli.cjs is missing: run npm run build first');
  writeNaiveLoop();
  const small = join(data, `rows-${ROWS}`);
  const orders = await generate(small, ROWS);
  // The same orders file alone in a folder, to time the orders report's check by itself.
  const ordersOnly = join(data, `orders-only-${ROWS}`);
  mkdirSync(ordersOnly, { recursive: true });
  if (!existsSync(join(ordersOnly, 'all-orders.txt'))) symlinkSync(orders, join(ordersOnly, 'all-orders.txt'));
  const checkArgs = (dir) => [cli, 'check', '--adapter', 'reports', '--reports-dir', dir, '--json', '--as-of', '2026-11-26', '--audit-db', join(data, 'bench-audit.db')];

  const runs = { orders: [], check: [], naive: [], wc: [] };
  for (let round = 0; round < ROUNDS; round++) {
    runs.orders.push(timed(process.execPath, checkArgs(ordersOnly)));
    runs.check.push(timed(process.execPath, checkArgs(small)));
    runs.naive.push(timed(process.execPath, [naiveLoop, orders]));
    runs.wc.push(timed('wc', ['-l', orders]));
  }
  const row = (name, list) => {
    const ms = median(list.map((r) => r.ms));
    const mb = Math.max(...list.map((r) => r.mb));
    return { name, ms, mb };
  };
  const results = [
    row('close-account check, the orders report', runs.orders),
    row('close-account check, orders + listings + inventory', runs.check),
    row("readline + split('\\t') over the orders file", runs.naive),
    row('wc -l over the orders file', runs.wc),
  ];
  const base = results[2].ms;
  console.log(`reports benchmark, ${ROUNDS} interleaved rounds, medians (Node ${process.version})`);
  console.log(`  orders file: ${ROWS.toLocaleString()} rows, ${(statSync(orders).size / 1e6).toFixed(0)} MB; listings 200,000 rows; inventory 100,000 rows`);
  for (const r of results) {
    console.log(`  ${r.name.padEnd(52)} ${(r.ms / 1000).toFixed(2).padStart(6)} s  ${(base / r.ms).toFixed(2).padStart(5)}× the naive loop's speed  peak ${r.mb.toFixed(0).padStart(4)} MB`);
  }

  if (BIG_ROWS > 0) {
    const big = join(data, `rows-${BIG_ROWS}`);
    await generate(big, BIG_ROWS);
    const peakSmall = Math.max(...runs.check.map((r) => r.mb));
    const bigRun = timed(process.execPath, checkArgs(big));
    console.log(`  peak memory of check: ${ROWS.toLocaleString()} rows ${peakSmall.toFixed(0)} MB, ${BIG_ROWS.toLocaleString()} rows ${bigRun.mb.toFixed(0)} MB (${bigRun.mb >= peakSmall ? "+" : ""}${(((bigRun.mb / peakSmall) - 1) * 100).toFixed(1)}%), ${(bigRun.ms / 1000).toFixed(2)} s`);
    if (args.includes('--clean')) rmSync(big, { recursive: true, force: true });
  }
}

await main();
