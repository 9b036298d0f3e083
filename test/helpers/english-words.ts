// Finds English a seller would read in Chinese or Japanese output: Latin words that are not ids,
// codes, commands, flags, file names, the seller's own data, or Amazon's own English names.

import { DEMO_PRODUCTS } from '../../src/adapters/demo/demo-catalogue.js';
import { isGroup } from '../../src/command-kit/command-definition.js';
import { COMMANDS } from '../../src/commands/index.js';

/** Amazon's own English names, and words that are names or codes rather than English. */
const ALLOWED = new Set(
  [
    'Amazon', 'Seller', 'Central', 'Selling', 'Partner', 'API', 'SP', 'FBA', 'SKU', 'SKUs', 'ASIN', 'SAFE', 'A-to-z', 'to', 'DEMO',
    'Login', 'with', 'LWA', 'JSON', 'CSV', 'HTML', 'UTC', 'ID', 'ok', 'Ctrl', 'PATH', 'URL', 'https', 'http', 'Maple', 'Pine', 'Home', 'Goods', 'demo',
    'Shipped', 'Unshipped', 'PartiallyShipped', 'Pending', 'Active', 'Inactive', 'Incomplete', 'MFN', 'AFN', 'Amazon.com', 'Amazon.ca', 'Amazon.com.mx',
    'Pending', 'Approval',
    // Command, situation and submitter names, language codes and streams: ids typed as they are.
    'check', 'submit', 'plan', 'fix', 'reports', 'status', 'audit', 'list', 'show', 'verify', 'export', 'listings', 'wizard', 'portfolio', 'init', 'archive',
    'blocked', 'waiting', 'ready', 'webhook', 'other', 'all', 'en', 'ja', 'zh', 'stdout', 'stderr', 'md', 'html', 'json', 'csv',
    // Every command's and subcommand's name, from the one list (a new command needs no edit here).
    ...COMMANDS.flatMap((entry) => [entry.name, ...(isGroup(entry) ? entry.subcommands.map((sub) => sub.name) : [])]),
  ].map((w) => w.toLowerCase()),
);
/** The demo seller's own product names are the seller's data, not the interface's words. */
const PRODUCT_NAMES = DEMO_PRODUCTS.map((p) => p.name);

/** Latin words a seller would read as English, after ids, codes, commands and names are set aside. */
export function englishWords(text: string): string[] {
  const stripped = PRODUCT_NAMES.reduce((rest, name) => rest.replaceAll(name, ' '), text)
    // eslint-disable-next-line no-control-regex -- colour codes
    .replace(/\u001b\[[0-9;]*m/g, '')
    .replace(/[“「"][^”」"\n]*[”」"]/g, ' ') // what the seller typed, quoted back
    .replace(/<[\w-]+>/g, ' ') // placeholders in usage lines: --adapter <name>
    .replace(/YYYY-MM-DD/g, ' ')
    .replace(/`[^`\n]*`/g, ' ') // commands quoted in backticks
    .replace(/close-account(?: [a-z-]+)*/g, ' ') // commands
    .replace(/\b[\w.+-]+@[\w.-]+\b/g, ' ') // email addresses, also as a flag's value (--email owner@example.com)
    .replace(/--[a-z][a-z-]*(?:[ =](?:[A-Za-z0-9_./~-]+|"[^"]*"))?/g, ' ') // flags with their values
    .replace(/\b[A-Z][A-Z0-9_]{1,}\b/g, ' ') // environment variables, country codes, ids and codes in capitals
    .replace(/\b[a-z]+_[a-z_]+\b/g, ' ') // codes with underscores: shift_jis
    .replace(/\b(?:CR|run)-[\w-]+/g, ' ') // request and run ids
    .replace(/[\w.~-]*\/[\w./~ -]*/g, ' ') // paths
    .replace(/\b[\w-]+\.(?:db|json|txt|csv|ics|md|gz|html)\b/g, ' ') // file names
    .replace(/\b[a-z]+(?:-[a-z0-9]+)+\b/g, ' ') // ids: open-orders, stopped-selling, north-america
    .replace(/\b\w*\d\w*\b/g, ' '); // anything with a digit: SKUs, order numbers, references
  return (stripped.match(/[A-Za-z][A-Za-z'.]*[A-Za-z]/g) ?? []).filter((w) => !ALLOWED.has(w.toLowerCase()));
}

