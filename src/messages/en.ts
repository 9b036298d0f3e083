// Every sentence a seller reads, in English. Other languages implement the same keys; the
// type `Messages` makes a missing key a build error.

type P = Record<string, string | number>;
const plural = (n: number, one: string, other: string) => (n === 1 ? one : other);

export const en = {
  // Closure regions and reasons
  'region.north-america': () => 'North America',
  'region.europe': () => 'Europe',
  'region.japan': () => 'Japan',
  'region.australia': () => 'Australia',
  'region.other': () => 'another region',
  'reason.stopped-selling': () => 'I have stopped selling on Amazon',
  'reason.business-closed': () => 'My business has closed',
  'reason.moving-to-another-account': () => 'I am moving to another seller account',
  'reason.fees-too-high': () => 'The fees are too high',
  'reason.other': () => 'Another reason',

  // Check titles
  'check.open-orders.title': () => 'Open orders',
  'check.last-sale-window.title': () => '90 days since last sale',
  'check.returns-refunds.title': () => 'Returns and refunds',
  'check.claims.title': () => 'A-to-z, chargeback and SAFE-T claims',
  'check.fba-inventory.title': () => 'FBA inventory',
  'check.removal-orders.title': () => 'Removal orders',
  'check.listings.title': () => 'Listings',
  'check.balance.title': () => 'Account balance',
  'check.marketplaces.title': () => 'Marketplaces and regions',
  'check.data-export.title': () => 'Records downloaded',
  'check.bank-account.title': () => 'Bank account',
  'check.performance-notifications.title': () => 'Performance notifications',
  'check.selling-plan.title': () => 'Selling plan',

  // Check results
  'check.unknown': (p: P) => `Cannot tell: ${p.reason}`,
  'check.open-orders.pass': (p: P) => `No open orders (${p.seen} orders read).`,
  'check.open-orders.fail': (p: P) => `${p.count} ${plural(Number(p.count), 'order is', 'orders are')} not yet shipped.`,
  'check.open-orders.fix': () =>
    'Ship or cancel each open order in Seller Central: Orders → Manage Orders. Merchant-fulfilled orders need your shipment confirmation; Amazon ships FBA orders, so wait for them.',
  'check.open-orders.unknown-fix': () => 'Provide order data (an All Orders report covering the last 120 days) and check again.',
  'check.last-sale-window.pass': (p: P) => `Last sale on ${p.date}, ${p.days} days ago: the 90-day A-to-z window has passed.`,
  'check.last-sale-window.none': (p: P) => `No sale since ${p.since}: the 90-day A-to-z window has passed.`,
  'check.last-sale-window.fail': (p: P) =>
    `Last sale on ${p.date}, ${p.days} ${plural(Number(p.days), 'day', 'days')} ago: Amazon waits 90 days, until ${p.clearsOn}.`,
  'check.last-sale-window.fix': (p: P) =>
    `Wait until ${p.clearsOn}. Close your listings now: any new sale restarts the 90 days.`,
  'check.last-sale-window.uncovered': (p: P) => `No sale found, but the order data only goes back to ${p.since}.`,
  'check.last-sale-window.uncovered-fix': (p: P) => `Provide orders covering at least the last ${p.days} days and check again.`,
  'check.last-sale-window.unknown-fix': () => 'Provide order data (an All Orders report covering the last 120 days) and check again.',
  'check.returns-refunds.pass': () => 'No open return or refund request.',
  'check.returns-refunds.fail': (p: P) => `${p.count} return or refund ${plural(Number(p.count), 'request is', 'requests are')} still open.`,
  'check.returns-refunds.fix': () =>
    'Authorise or close each return and issue any refund due: Orders → Manage Returns. After closure you can no longer refund buyers.',
  'check.returns-refunds.unknown-fix': () => 'Provide the Returns report and the FBA customer returns report and check again.',
  'check.claims.pass': () => 'No open A-to-z, chargeback or SAFE-T claim.',
  'check.claims.fail': (p: P) => `${p.count} ${plural(Number(p.count), 'claim is', 'claims are')} still open.`,
  'check.claims.fix': () =>
    'Respond to each claim until Amazon closes it: Performance → A-to-z Guarantee Claims, Chargeback Claims, and Reports → SAFE-T Claims. Amazon keeps the account open while a claim is open.',
  'check.claims.unknown-fix': () => 'Check Performance → A-to-z Guarantee Claims and Chargeback Claims in Seller Central.',
  'check.fba-inventory.pass': () => 'No units left in Amazon fulfilment centres.',
  'check.fba-inventory.fail': (p: P) =>
    `${p.units} ${plural(Number(p.units), 'unit', 'units')} of ${p.skus} ${plural(Number(p.skus), 'SKU', 'SKUs')} still in Amazon's network.`,
  'check.fba-inventory.fix': () =>
    'Create removal or disposal orders for every unit: Inventory → Manage FBA Inventory → select the SKUs → Create removal order. Close the listings first so the stock stops selling. Removals can take 90 days or more.',
  'check.fba-inventory.unknown-fix': () => 'Provide the Manage FBA Inventory report and check again.',
  'check.removal-orders.pass': () => 'No removal order in process.',
  'check.removal-orders.fail': (p: P) => `${p.count} removal ${plural(Number(p.count), 'order is', 'orders are')} still in process.`,
  'check.removal-orders.fix': () =>
    'Wait for each removal order to finish (Reports → Fulfillment → Removal Order Detail). This cannot be expedited; EU removal fees are billed up to 45 days later, so check the balance again afterwards.',
  'check.removal-orders.unknown-fix': () => 'Provide the Removal Order Detail report and check again.',
  'check.listings.pass': () => 'No listings left.',
  'check.listings.fail': (p: P) => `${p.count} ${plural(Number(p.count), 'listing', 'listings')} left (${p.active} active).`,
  'check.listings.fix': () =>
    'Close or delete every listing: Inventory → Manage All Inventory → select all → Close listing, or Delete product and listing. Inactive listings count too: they can be reactivated and sell.',
  'check.listings.unknown-fix': () => 'Provide the All Listings report and check again.',
  'check.balance.pass': () => 'Balance is zero: nothing owed either way, no reserve.',
  'check.balance.fail': (p: P) => `Balance is not zero: Amazon owes you ${p.owedToSeller}; you owe Amazon ${p.owedBySeller}.`,
  'check.balance.fix-payout': () => 'Wait for the final disbursement to your bank account (Payments → Disbursements).',
  'check.balance.fix-reserve': () => 'Reserved funds are released as orders pass delivery plus 7 days and claims close.',
  'check.balance.fix-repay': () => 'Repay what you owe: Payments → Repay balance.',
  'check.balance.unknown-fix': () => 'Check Payments → Payments Dashboard in Seller Central: the total balance must be zero.',
  'check.marketplaces.together': (p: P) => `Closing this account closes ${p.countries} together (${p.region}).`,
  'check.marketplaces.others': (p: P) => `Also selling in ${p.others}: each region is closed separately.`,
  'check.marketplaces.others-fix': () =>
    "Close each other region's account in that region's Seller Central, or keep it deliberately (a Professional plan with buyable listings keeps billing).",
  'check.marketplaces.none': () => 'No marketplace participation found.',
  'check.marketplaces.none-fix': () => 'Check Settings → Account Info → Marketplaces in Seller Central.',
  'check.marketplaces.unknown-fix': () => 'Check which marketplaces and regions you sell in: the marketplace switcher in Seller Central.',
  'check.manual.confirmed': (p: P) => `Confirmed: ${p.question}`,

  // Manual confirmations
  'confirm.data-export.question': () => 'Order history, reports, invoices and tax documents downloaded?',
  'confirm.data-export.how': () =>
    'Download them now (Reports → Business Reports, Payments → Date Range Reports, Tax Document Library): access ends when the account closes.',
  'confirm.bank-account.question': () => 'Bank account on file current, for the final payment?',
  'confirm.bank-account.how': () => 'Check Settings → Account Info → Deposit Methods.',
  'confirm.performance-notifications.question': () => 'No open performance notification, account not suspended?',
  'confirm.performance-notifications.how': () =>
    'Check Performance → Account Health and Performance Notifications; open issues often get a closure refused.',
  'confirm.selling-plan.question': () => 'No other account or region left on the Professional plan with buyable listings?',
  'confirm.selling-plan.how': () =>
    'A Professional plan left open elsewhere keeps billing. Downgrade it to Individual: Settings → Account Info → Your Services.',
  'confirm.claims.question': () => 'No open A-to-z, chargeback or SAFE-T claim?',
  'confirm.claims.how': () =>
    'Check Performance → A-to-z Guarantee Claims, Chargeback Claims, and Reports → SAFE-T Claims in Seller Central.',
  'confirm.marketplaces.question': () => 'Every marketplace and region you sell in accounted for?',
  'confirm.marketplaces.how': () =>
    'A unified account closes all its marketplaces at once; each region (North America, Europe, Japan, Australia) is closed separately.',

  // The closure request
  'request.field.seller-id': () => 'Seller ID (merchant token)',
  'request.field.region': () => 'Region and marketplaces',
  'request.field.reason': () => 'Reason for closing',
  'request.field.email': () => 'Contact email',
  'request.field.phone': () => 'Contact phone',
  'request.field.id': () => 'Request id',
  'request.invalid.seller-id': () =>
    'A seller ID is 8 to 20 upper-case letters and digits, e.g. A1B2C3D4E5F6G7 (Settings → Account Info → Merchant Token).',
  'request.invalid.region': () => 'The region must be north-america, europe, japan, australia or other.',
  'request.invalid.marketplaces': () => 'The request needs at least one marketplace.',
  'request.invalid.reason': (p: P) => `The reason must be one of: ${p.reasons}.`,
  'request.invalid.reason-text-long': () => 'Keep the explanation under 1,000 characters.',
  'request.invalid.reason-text-needed': () => 'With the reason "other", say in a few words why (--reason-text).',
  'request.invalid.email': () => 'That is not an email address, e.g. owner@example.com.',
  'request.invalid.phone': () => 'A phone number is digits with an optional leading +, e.g. +1 206 555 0100.',

  // Demo adapter
  'demo.banner': () => 'DEMO DATA: an embedded sample seller. Nothing here reaches Amazon.',
  'demo.claims-none': () => 'the demo seller has no claims data',
} as const;

export type Messages = typeof en;
