// `close-account portfolio` (many accounts and regions), in English: spread into en.ts, so the
// keys are part of the one catalogue and every language must have them.

type P = Record<string, string | number>;

export const portfolioEn = {
  'portfolio.error.unreadable': (p: P) => `The accounts file ${p.path} cannot be read (${p.code}).`,
  'portfolio.error.init-hint': () => 'Write an example with `close-account portfolio init`, or say where yours is with --accounts FILE.',
  'portfolio.error.too-large': (p: P) => `The accounts file ${p.path} is larger than ${p.cap} bytes.`,
  'portfolio.error.split-hint': () => 'Split the accounts over several files and run one portfolio per file (README, "At scale").',
  'portfolio.error.schema-hint': () => 'Each account needs name, sellerId, region and source; `close-account portfolio init --accounts example.yaml` writes a commented example.',
  'portfolio.error.syntax': (p: P) => `${p.path}, line ${p.line}: this is not valid YAML or JSON (${p.code}).`,
  'portfolio.error.secret-in-file': (p: P) => `${p.path}, line ${p.line}: "${p.field}" must be the NAME of an environment variable, and what is written there is not one (it may be a secret; it is not repeated here).`,
  'portfolio.error.secret-hint': () =>
    'Never write a credential in the accounts file: put it in an environment variable (e.g. export ACME_SP_API_REFRESH_TOKEN=…) and write that variable\'s name, in capitals, under credentials; or name a close-account config file (mode 0600) with `config:`. Give one of the two, not both.',
  'portfolio.error.fix-seller-id': () => 'A seller ID is the merchant token Seller Central shows under Settings → Account Info, such as A2DEMO5ELLER7Q.',
  'portfolio.error.fix-region': (p: P) => `The region is one of: ${p.regions}. Each is closed by its own request.`,
  'portfolio.error.fix-kind': () => 'The source kind is demo (with a scenario), reports (with a folder) or sp-api (with credentials or config).',
  'portfolio.error.fix-scenario': (p: P) => `The demo scenario is one of: ${p.scenarios}.`,
  'portfolio.error.fix-unknown-key': () => 'Remove that key or correct its spelling: an account has only name, sellerId, region, source and protected.',
  'portfolio.error.invalid': (p: P) => `${p.path}, line ${p.line}: "${p.field}" is missing or not valid (${p.code}).`,
  'portfolio.error.duplicate': (p: P) => `${p.path}, line ${p.line}: seller ${p.sellerId} in ${p.region} is already listed on line ${p.first}.`,
  'portfolio.error.duplicate-name': (p: P) => `${p.path}, line ${p.line}: the name "${p.name}" is already used on line ${p.first}.`,
  'portfolio.error.duplicate-hint': () => 'List each seller and region once, each under its own name.',
  'portfolio.error.sp-api-credentials': (p: P) => `${p.path}, line ${p.line}: an sp-api source needs either credentials (names of environment variables) or config (a config file), exactly one of them.`,
  'portfolio.init.written': (p: P) => `Wrote an example accounts file to ${p.path}. Edit it, then run close-account portfolio check --accounts ${p.path}.`,
  'portfolio.init.exists': (p: P) => `${p.path} already exists; nothing was written.`,
  'portfolio.init.exists-hint': () => 'Add --force to replace it, or choose another path with --accounts.',
  'help.portfolio': () => 'many accounts and regions: check them all, plan across them (an accounts file lists them)',
  'help.portfolio-init': () => 'write a commented example accounts file',
  'help.accounts': () => 'the accounts file (YAML or JSON; default ~/.config/close-account/accounts.yaml)',
  'help.force': () => 'replace the file if it exists',
};
