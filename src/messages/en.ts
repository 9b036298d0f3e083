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
  'check.open-orders.pass': (p: P) => `No open orders (${p.seen} orders read since ${p.since}).`,
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
  'check.balance.empty': () => 'The data has no balance figures, so a zero balance is not shown.',
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
  'request.missing': () => 'missing',
  'request.invalid.seller-id': () =>
    'A seller ID is 8 to 20 upper-case letters and digits, e.g. A1B2C3D4E5F6G7 (Settings → Account Info → Merchant Token).',
  'request.invalid.region': () => 'The region must be north-america, europe, japan, australia or other.',
  'request.invalid.marketplaces': () => 'The request needs at least one marketplace.',
  'request.invalid.reason': (p: P) => `The reason must be one of: ${p.reasons}.`,
  'request.invalid.reason-text-long': () => 'Keep the explanation under 1,000 characters.',
  'request.invalid.reason-text-needed': () => 'With the reason "other", say in a few words why (--reason-text).',
  'request.invalid.email': () => 'That is not an email address, e.g. owner@example.com.',
  'request.invalid.phone': () => 'A phone number is digits with an optional leading +, e.g. +1 206 555 0100.',

  // Human output
  'status.pass': () => 'pass',
  'status.fail': () => 'fail',
  'status.warn': () => 'warn',
  'status.unknown': () => 'unknown',
  'status.manual': () => 'confirm',
  'status.confirmed': () => 'confirmed',
  'render.heading': (p: P) => `Closure readiness for ${p.who}, as of ${p.asOf} (data: ${p.adapter})`,
  'render.unnamed-seller': () => 'your seller account',
  'render.what-to-do': () => 'What to do',
  'render.more-items': (p: P) => `… and ${p.count} more (--json lists up to 20)`,
  'render.attest-hint': (p: P) => `Once done, confirm it: --attest ${p.id} (or answer it in the wizard).`,
  'render.request-heading': () => 'The closure request that would be submitted (dry run: nothing is submitted):',
  'render.request-incomplete': () => 'The closure request is not complete yet:',
  'render.request-flags': () => 'Give the missing fields with --seller-id, --reason, --reason-text, --email and --phone.',
  'verdict.ready': () => 'READY: every check passes and every confirmation is given. You can submit the closure request.',
  'verdict.needs-confirmation': () =>
    'NEEDS CONFIRMATION: the data shows no blocker; confirm the items above (--attest ID, or --attest all) to be ready.',
  'verdict.blocked': () => 'BLOCKED: the account cannot be closed yet.',
  'verdict.earliest': (p: P) => `Earliest possible closure: ${p.date}, if every other blocker is cleared by then.`,
  'verdict.once-cleared': () => 'It can close as soon as the blockers above are cleared.',
  'verdict.no-date': () => 'No date can be given until the missing data is provided.',

  // Progress and the audit log
  'progress.checking': (p: P) => `Checking: ${p.title}…`,
  'progress.checked': (p: P) => `checked ${p.id}: ${p.status}`,
  'audit.recorded': (p: P) => `Recorded as ${p.runId} in ${p.path}.`,
  'audit.dry-run': () => 'Dry run: nothing was recorded or submitted.',
  'audit.empty': () => 'The audit log has no runs yet.',
  'audit.show.data': () => 'data',
  'audit.show.as-of': () => 'as of',
  'audit.show.outcome': () => 'outcome',
  'audit.show.verdict': () => 'verdict',
  'audit.show.earliest': () => 'earliest closure',
  'audit.show.checks': () => 'Checks',
  'audit.show.confirmed': (p: P) => `confirmed ${p.id} (${p.how}) at ${p.at}`,
  'audit.show.request': (p: P) => `Request ${p.id}`,
  'audit.show.submission': (p: P) => `Submission ${p.ref} via ${p.via} at ${p.at}`,
  'audit.show.events': () => 'Events',

  // Submission and receipts
  'submit.dry-run': (p: P) => `Dry run: request ${p.id} was not submitted and nothing was recorded.`,
  'submit.demo.next-steps': () =>
    'This was a simulated submission for the demo seller: nothing reached Amazon. For a real account, Amazon reviews the request and emails you either a confirmation that the account is closed or what still has to be done.',
  'submit.seller-central.steps': (p: P) =>
    `Amazon has no API that closes an account: the request is sent from Seller Central.\n  1. Sign in to Seller Central and go to Settings → Account Info → Close Account (help: ${p.url}).\n  2. Fill in the form with the details below and press Send.`,
  'submit.seller-central.open-browser': () => 'Open Seller Central in your browser now?',
  'submit.seller-central.no-browser': (p: P) => `Could not start a browser. Open ${p.url} yourself.`,
  'submit.seller-central.pressed-send': () => 'Did you press Send in Seller Central?',
  'submit.seller-central.next-steps': () =>
    'Amazon reviews the request and contacts you by email: either a confirmation that the account is closed, or why it cannot be closed yet and what to do. Keep the account as it is until then, and run `close-account status` to see where it stands.',
  'receipt.submitted': () => 'Closure request submitted.',
  'receipt.already': (p: P) => `Request ${p.id} was already submitted on ${p.at}; it was not submitted again.`,
  'receipt.already-next': () => 'Nothing more to do now: wait for Amazon\'s email. `close-account status` shows where it stands.',
  'receipt.reference': () => 'Reference',
  'receipt.at': () => 'Submitted at',
  'status.none': (p: P) => `No closure request recorded yet (audit log: ${p.path}). Run \`close-account\` to start.`,
  'status.latest': (p: P) => `Latest closure request ${p.id}, prepared ${p.at}:`,
  'status.submitted': (p: P) => `Submitted on ${p.at} via ${p.via}.`,
  'status.submitted-next': () => 'Next: wait for Amazon\'s email; it confirms the closure or says what is still needed.',
  'status.demo-next': () => 'This was a simulated submission for the demo seller: nothing reached Amazon and no email will come.',
  'status.not-submitted': () => 'Not submitted yet.',
  'status.not-submitted-next': () => 'Next: run `close-account` (or `close-account submit`) once the checks say ready.',

  // The wizard
  'wizard.title': () => 'Close your Amazon seller account',
  'wizard.permanent': () =>
    'Closing is permanent: Amazon never reopens a closed account, and you lose access to its order history, reports, returns and buyer messages. Selling again means registering a new account.',
  'wizard.alternatives': () =>
    'If you only want to stop paying or pause, there are gentler ways:\n  • Downgrade to the Individual plan: no monthly fee (Settings → Account Info → Your Services).\n  • Go on vacation: set your listings inactive (Settings → Account Info → Listing Status).\n  • Close your listings and keep the account for later (Inventory → Manage All Inventory).',
  'wizard.continue': () => 'Check whether this account can be closed now?',
  'wizard.stopped': () => 'Stopped. Nothing was checked or submitted.',
  'wizard.source': () => 'Where should the seller data come from?',
  'wizard.source.demo': () => 'Demo seller (sample data, nothing reaches Amazon)',
  'wizard.source.reports': () => 'Report files downloaded from Seller Central',
  'wizard.source.sp-api': () => "Amazon's Selling Partner API (live)",
  'wizard.source.not-yet': () => 'coming in a later release',
  'wizard.scenario': () => 'Which demo situation?',
  'wizard.scenario.blocked': () => 'blocked: open orders, stock, listings, a balance…',
  'wizard.scenario.waiting': () => 'waiting: only the 90 days since the last sale are left',
  'wizard.scenario.ready': () => 'ready: everything cleared',
  'wizard.come-back': () => '\nClear these, then run close-account again. Nothing was submitted.',
  'wizard.confirmations': () => 'A few things only you can confirm:',
  'wizard.request': () => 'The closure request',
  'wizard.region': () => 'Which region do you want to close?',
  'wizard.marketplaces': (p: P) => `Closing ${p.region} closes these marketplaces together: ${p.countries}.`,
  'wizard.reason-text': () => 'Anything to add for Amazon? (optional)',
  'wizard.reason-text-needed': () => 'In a few words, why are you closing?',
  'wizard.phone': () => 'Contact phone (optional)',
  'wizard.invalid': () => 'That value is not valid.',
  'wizard.summary': () => 'You are about to submit this closure request:',
  'wizard.type-seller-id': (p: P) => `This cannot be undone. Type your seller ID ${p.sellerId} to submit:`,
  'wizard.type-seller-id-mismatch': (p: P) => `That is not ${p.sellerId}. Type it exactly, or press Ctrl-C to stop.`,
  'wizard.not-sent': () => 'Not recorded as submitted. Run close-account again once you have pressed Send in Seller Central.',

  // Errors
  'error.prefix': () => 'error',
  'error.see-help': () => 'Run `close-account --help` for the commands and options.',
  'error.internal': (p: P) => `Something went wrong inside close-account: ${p.detail}`,
  'error.internal-hint': () =>
    'This is a bug, not something you did. Run again with CLOSE_ACCOUNT_DEBUG=1 for details, and report it. The audit log was left consistent.',
  'error.interrupted': () => 'Interrupted. Nothing was submitted; the audit log records the interruption.',
  'error.no-terminal': () => 'The wizard needs a terminal, and this is not one, so nothing can be asked.',
  'error.no-terminal-hint': () =>
    'Use `close-account check` (add --json for scripts) to see if the account is ready, or `close-account submit --seller-id ID --reason REASON --email ADDRESS --confirm ID` to submit without questions.',
  'error.bad-adapter': (p: P) => `Unknown data source "${p.value}". Choose one of: ${p.adapters}.`,
  'error.adapter-not-built': (p: P) => `The "${p.adapter}" data source is not available in this version of close-account.`,
  'error.adapter-not-built-hint': () => 'Use --adapter demo for now; report files and the Selling Partner API are coming.',
  'error.bad-scenario': (p: P) => `Unknown demo scenario "${p.value}". Choose one of: ${p.scenarios}.`,
  'error.bad-date': (p: P) => `--as-of wants a date as YYYY-MM-DD, e.g. 2027-03-01; got "${p.value}".`,
  'error.bad-attest': (p: P) => `"${p.value}" is not something you can confirm. Use one of: ${p.ids}, or all.`,
  'error.bad-format': (p: P) => `Unknown format "${p.value}". Choose one of: ${p.formats}.`,
  'error.config-unreadable': (p: P) => `Cannot read the config file ${p.path} (${p.code}).`,
  'error.config-not-json': (p: P) => `${p.path}, line ${p.line}: not valid JSON (${p.detail}).`,
  'error.config-invalid': (p: P) => `${p.path}, line ${p.line}: "${p.key}": ${p.detail}.`,
  'error.config-hint': () =>
    'The config file is JSON with any of: adapter, demoScenario, auditDb, sellerId, reason, reasonText, email, phone.',
  'error.audit-unusable': (p: P) => `Cannot use the audit log at ${p.path} (${p.code}: ${p.detail}).`,
  'error.audit-unusable-hint': () =>
    'Check that the folder exists and is writable and the disk is not full, or choose another file with --audit-db PATH. Nothing was submitted.',
  'error.audit-newer': (p: P) => `The audit log at ${p.path} was written by a newer close-account (schema ${p.version}).`,
  'error.audit-newer-hint': () => 'Update close-account, or use another file with --audit-db PATH.',
  'error.audit-missing': (p: P) => `There is no audit log at ${p.path} yet.`,
  'error.audit-missing-hint': () => 'Run `close-account check` first, or point --audit-db at an existing log.',
  'error.audit-no-run': (p: P) => `No run ${p.runId} in the audit log.`,
  'error.audit-no-run-hint': () => '`close-account audit list` shows the runs it has.',
  'error.submit-missing': (p: P) => `submit needs these flags when it cannot ask: ${p.flags}.`,
  'error.submit-missing-hint': () =>
    'Reasons: stopped-selling, business-closed, moving-to-another-account, fees-too-high, other (with --reason-text). --confirm repeats the seller ID, to show you mean it.',
  'error.confirm-mismatch': (p: P) => `--confirm ${p.confirm} does not match --seller-id ${p.sellerId}. Nothing was submitted.`,
  'error.seller-mismatch': (p: P) => `--seller-id ${p.given} is not the seller in the data (${p.known}). Nothing was submitted.`,
  'error.request-invalid': (p: P) => `The closure request is not valid: ${p.problems}`,
  'error.not-ready': (p: P) => `Not submitted: the account is not ready (verdict: ${p.verdict}).`,
  'error.not-ready-hint': () => 'Clear the blockers shown above, or confirm the remaining items with --attest, then submit again.',
  'error.not-sent': () => 'Not recorded as submitted: Amazon has no API for closure, so the request must be sent from Seller Central.',
  'error.not-sent-hint': () =>
    'Paste the request shown above into Settings → Account Info → Close Account and press Send, then run the same command with --sent to record it.',

  // Help
  'help.description': () =>
    'Get an Amazon seller account safely from "I want out" to "account closed": check every closure rule against your data, see what blocks it and until when, then submit the closure request, with every step in a local audit log. Without a command, on a terminal, it starts the wizard.',
  'help.version': () => 'print the version',
  'help.help': () => 'show help',
  'help.adapter': () => 'where the seller data comes from (default: demo)',
  'help.demo-scenario': () => 'demo seller situation: blocked (default), waiting, ready',
  'help.json': () => 'print one JSON document on stdout (never prompts)',
  'help.no-color': () => 'no colours (NO_COLOR is honoured too)',
  'help.audit-db': () => 'the audit log file (default: $XDG_DATA_HOME/close-account/audit.db)',
  'help.as-of': () => 'evaluate as of this day, YYYY-MM-DD ("will I be ready on 1 March?")',
  'help.attest': () => 'confirm a manual item (repeatable); "all" confirms every one',
  'help.config': () => 'a JSON file with defaults for these options',
  'help.dry-run': () => 'run the checks and show the request; submit and record nothing',
  'help.verbose': () => 'say more about what is happening (on stderr)',
  'help.seller-id': () => 'your seller ID (merchant token)',
  'help.reason': () => 'why you close: stopped-selling, business-closed, moving-to-another-account, fees-too-high, other',
  'help.reason-text': () => 'a few words for Amazon (required with --reason other)',
  'help.email': () => 'contact email for Amazon',
  'help.phone': () => 'contact phone for Amazon (optional)',
  'help.check': () => 'check readiness without asking anything; exit 0 when ready, 3 when not',
  'help.submit': () => 'submit the closure request without asking anything (refused unless ready)',
  'help.confirm': () => 'type the seller ID again to confirm the submission',
  'help.sent': () => 'Seller Central path: you have pressed Send in the Close Account form',
  'help.status': () => 'where the latest closure request stands, and what to do next',
  'help.audit': () => 'read the audit log',
  'help.audit-list': () => 'list the recorded runs',
  'help.audit-show': () => 'show one run: checks, confirmations, request, submission, events',
  'help.audit-export': () => 'export the whole audit log',
  'help.run-id': () => 'a run id from `audit list`',
  'help.format': () => 'json or csv',
  'help.exit-codes': () =>
    'Exit codes:\n  0    ready, or done\n  1    unexpected internal error (a bug)\n  2    usage or input error\n  3    not ready (blocked, or confirmations missing)\n  4    data-source failure (authentication, network, API)\n  130  interrupted (Ctrl-C)',
  'help.examples': () =>
    'Examples:\n  close-account                                   start the wizard\n  close-account --dry-run                         am I ready? (demo seller)\n  close-account check --as-of 2027-03-01 --json   will I be ready on 1 March?\n  close-account check --demo-scenario ready --attest all\n  close-account submit --demo-scenario ready --attest all --seller-id A2DEMO5ELLER7Q \\\n      --reason stopped-selling --email owner@example.com --confirm A2DEMO5ELLER7Q\n  close-account audit list',

  // Demo adapter
  'demo.banner': () => 'DEMO DATA: an embedded sample seller. Nothing here reaches Amazon.',
  'demo.claims-none': () => 'the demo seller has no claims data',
} as const;

export type Messages = typeof en;
