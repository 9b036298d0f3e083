// A protected account is never submitted for, nor its listings changed: submit (and so the wizard,
// through the same rule) and fix listings --apply refuse, with the accounts file given or the
// default one; an unreadable guard refuses too. audit export --seller gives one client's dossier.

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/audit-log.js';
import { main } from '../../src/main.js';
import { userFolder } from '../../src/audit/user-folders.js';
import { defaultAccountsPath } from '../../src/portfolio/accounts-path.js';
import { ACCOUNT_REGIONS } from '../../src/portfolio/accounts-file.js';
import { API_REGIONS, MARKETPLACES, apiRegionOf, closureRegionsOfApi } from '../../src/core/marketplaces.js';
import { dossierJsonSchema } from '../../src/render/audit-json-schema.js';
import { NO_FAULTS, startFakeSpApi } from '../helpers/fake-sp-api.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';

const SELLER = 'A2DEMO5ELLER7Q';
const REQUEST = ['--seller-id', SELLER, '--reason', 'stopped-selling', '--email', 'o@example.com'];
const home = mkdtempSync(join(tmpdir(), 'ca-guard-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function accountsFile(name: string, region: string, protectedFlag: boolean): string {
  const path = join(home, name);
  writeFileSync(path, `version: 1\naccounts:\n  - { name: The demo seller, sellerId: ${SELLER.toLowerCase()}, region: ${region}, protected: ${protectedFlag}, source: { kind: demo, scenario: ready } }\n`);
  return path;
}

async function run(argv: string[], env: Record<string, string> = {}, db = join(home, 'audit.db')) {
  const term = fakeTerminal({ env: { HOME: home, XDG_STATE_HOME: join(home, 'state'), XDG_CONFIG_HOME: join(home, 'config'), ...env } });
  const code = await main([...argv, '--audit-db', db], term, { version: '1' });
  return { code, stdout: term.output(), stderr: term.errors() };
}

const submissions = (db: string) => {
  const audit = AuditLog.open(db);
  try {
    return [...audit.allRecords()].filter((r) => r.type === 'submission').length;
  } finally {
    audit.close();
  }
};

describe('protected accounts', () => {
  it('submit refuses a seller protected in the request\'s region (exit 2), and nothing is submitted', async () => {
    const db = join(home, 'refused.db');
    const result = await run(['submit', '--demo-scenario', 'ready', '--attest', 'all', ...REQUEST, '--confirm', SELLER, '--accounts', accountsFile('na.yaml', 'north-america', true)], {}, db);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Seller A2DEMO5ELLER7Q in North America is protected in the accounts file .*na\.yaml \(line 3, "The demo seller"\)/);
    expect(submissions(db)).toBe(0);
  });

  it('the default accounts file guards too, without --accounts', async () => {
    mkdirSync(join(home, 'config', 'close-account'), { recursive: true });
    writeFileSync(join(home, 'config', 'close-account', 'accounts.yaml'), `version: 1\naccounts:\n  - { name: Kept, sellerId: ${SELLER}, region: north-america, protected: true, source: { kind: demo } }\n`);
    try {
      const db = join(home, 'default.db');
      expect((await run(['submit', '--demo-scenario', 'ready', '--attest', 'all', ...REQUEST, '--confirm', SELLER], {}, db)).code).toBe(2);
      expect(submissions(db)).toBe(0);
    } finally {
      rmSync(join(home, 'config'), { recursive: true, force: true });
    }
  });

  it('an accounts file that cannot be read refuses (a guard is never assumed away)', async () => {
    const broken = join(home, 'broken.yaml');
    writeFileSync(broken, 'version: 1\naccounts: [\n');
    const db = join(home, 'broken.db');
    const result = await run(['submit', '--demo-scenario', 'ready', '--attest', 'all', ...REQUEST, '--confirm', SELLER, '--accounts', broken], {}, db);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('not valid YAML or JSON');
    expect(submissions(db)).toBe(0);
  });

  it('a default accounts file that is a dangling link refuses (it is there, it cannot be read)', async () => {
    mkdirSync(join(home, 'config', 'close-account'), { recursive: true });
    symlinkSync(join(home, 'unmounted', 'accounts.yaml'), join(home, 'config', 'close-account', 'accounts.yaml'));
    try {
      const db = join(home, 'dangling.db');
      const result = await run(['submit', '--demo-scenario', 'ready', '--attest', 'all', ...REQUEST, '--confirm', SELLER], {}, db);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('cannot be read');
      expect(submissions(db)).toBe(0);
    } finally {
      rmSync(join(home, 'config'), { recursive: true, force: true });
    }
  });

  it('CLOSE_ACCOUNT_ACCOUNTS naming a file that is not there refuses, as --accounts does', async () => {
    const db = join(home, 'env-missing.db');
    const result = await run(['submit', '--demo-scenario', 'ready', '--attest', 'all', ...REQUEST, '--confirm', SELLER], { CLOSE_ACCOUNT_ACCOUNTS: join(home, 'no-such.yaml') }, db);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no-such.yaml');
    expect(submissions(db)).toBe(0);
  });

  it('protected in another region only: this region\'s request goes ahead', async () => {
    const db = join(home, 'allowed.db');
    const result = await run(['submit', '--demo-scenario', 'ready', '--attest', 'all', ...REQUEST, '--confirm', SELLER, '--accounts', accountsFile('jp.yaml', 'japan', true)], {}, db);
    expect(result.code, result.stderr).toBe(0);
    expect(submissions(db)).toBe(1);
  });

  it('fix listings --apply refuses a protected account (nothing deleted); the preview still looks', async () => {
    const fake = await startFakeSpApi('blocked', NO_FAULTS);
    try {
      const guard = ['--accounts', accountsFile('fix.yaml', 'north-america', true)];
      const preview = await run(['fix', 'listings', '--adapter', 'sp-api', ...guard], fake.env);
      expect(preview.code, preview.stderr).toBe(0);
      const apply = await run(['fix', 'listings', '--adapter', 'sp-api', '--apply', '--confirm', SELLER, ...guard], fake.env);
      expect(apply.code).toBe(2);
      expect(apply.stderr).toContain('is protected');
      expect(fake.deletes.size).toBe(0);
      expect(fake.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
    } finally {
      await fake.close();
    }
  });

  it('fix listings --apply through an endpoint other than Amazon\'s own for SP_API_REGION guards every region of the seller (outside testing)', async () => {
    // SP_API_REGION left at its default (na) while SP_API_ENDPOINT points elsewhere (a proxy, the EU host):
    // the region the listings are in cannot be told from the settings, so a protected Europe account refuses.
    const fake = await startFakeSpApi('blocked', NO_FAULTS);
    try {
      const apply = await run(['fix', 'listings', '--adapter', 'sp-api', '--apply', '--confirm', SELLER, '--accounts', accountsFile('fix-eu.yaml', 'europe', true)], fake.env);
      expect(apply.code).toBe(2);
      expect(apply.stderr).toContain('is protected');
      expect(fake.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});

describe('the default accounts file: one rule for the user\'s folders (user-folders.ts), macOS included', () => {
  it('is in the config folder of the platform: XDG_CONFIG_HOME (absolute) or ~/.config on Linux, Application Support on macOS', () => {
    expect(defaultAccountsPath({}, 'linux', '/h')).toBe('/h/.config/close-account/accounts.yaml');
    expect(defaultAccountsPath({ XDG_CONFIG_HOME: '/x' }, 'linux', '/h')).toBe('/x/close-account/accounts.yaml');
    expect(defaultAccountsPath({ XDG_CONFIG_HOME: 'relative' }, 'linux', '/h')).toBe('/h/.config/close-account/accounts.yaml');
    expect(defaultAccountsPath({}, 'darwin', '/h')).toBe(join(userFolder('data', {}, 'darwin', '/h'), 'close-account', 'accounts.yaml'));
    expect(defaultAccountsPath({ CLOSE_ACCOUNT_ACCOUNTS: '/given.yaml' }, 'darwin', '/h')).toBe('/given.yaml');
  });

  it.each([
    ['in Application Support', ['Library', 'Application Support'], null],
    ['still only in ~/.config, where earlier versions looked (its guard is not lost)', ['.config'], null],
    ['in ~/.config, beside another (without it) in Application Support: both guard', ['.config'], ['Library', 'Application Support']],
  ])('on macOS, a file %s guards submit', async (_, folders, beside) => {
    const mac = join(home, `mac-${folders.length}-${beside === null ? 0 : 1}`);
    mkdirSync(join(mac, ...folders, 'close-account'), { recursive: true });
    writeFileSync(join(mac, ...folders, 'close-account', 'accounts.yaml'), `version: 1\naccounts:\n  - { name: Kept, sellerId: ${SELLER}, region: north-america, protected: true, source: { kind: demo } }\n`);
    if (beside !== null) {
      mkdirSync(join(mac, ...beside, 'close-account'), { recursive: true });
      writeFileSync(join(mac, ...beside, 'close-account', 'accounts.yaml'), 'version: 1\naccounts:\n  - { name: Other, sellerId: A9OTHERSHOP01, region: north-america, source: { kind: demo } }\n');
    }
    const db = join(mac, 'audit.db');
    const term = { ...fakeTerminal({ env: { HOME: mac, XDG_STATE_HOME: join(mac, 'state') } }), platform: 'darwin' as const };
    const code = await main(['submit', '--demo-scenario', 'ready', '--attest', 'all', ...REQUEST, '--confirm', SELLER, '--audit-db', db], term, { version: '1' });
    expect(code).toBe(2);
    expect(term.errors()).toContain('is protected in the accounts file');
    expect(submissions(db)).toBe(0);
  });
});

describe('the default accounts file on Linux, XDG_CONFIG_HOME set after it was made', () => {
  it('a file still in ~/.config guards submit when XDG_CONFIG_HOME names another folder', async () => {
    const linux = join(home, 'xdg-later');
    mkdirSync(join(linux, '.config', 'close-account'), { recursive: true });
    writeFileSync(join(linux, '.config', 'close-account', 'accounts.yaml'), `version: 1\naccounts:\n  - { name: Kept, sellerId: ${SELLER}, region: north-america, protected: true, source: { kind: demo } }\n`);
    const db = join(linux, 'audit.db');
    const term = { ...fakeTerminal({ env: { HOME: linux, XDG_CONFIG_HOME: join(linux, 'elsewhere'), XDG_STATE_HOME: join(linux, 'state') } }), platform: 'linux' as const };
    const code = await main(['submit', '--demo-scenario', 'ready', '--attest', 'all', ...REQUEST, '--confirm', SELLER, '--audit-db', db], term, { version: '1' });
    expect(code).toBe(2);
    expect(term.errors()).toContain('is protected in the accounts file');
    expect(submissions(db)).toBe(0);
  });
});

describe('which closure regions an SP-API endpoint acts on: derived from the marketplaces, one source', () => {
  it('each endpoint serves the closure regions of its marketplaces, and each closure region has one endpoint', () => {
    expect(Object.fromEntries(API_REGIONS.map((api) => [api, closureRegionsOfApi(api)]))).toEqual({ na: ['north-america'], eu: ['europe'], fe: ['japan', 'australia'] });
    for (const region of ACCOUNT_REGIONS) {
      const served = MARKETPLACES.filter((m) => m.closureRegion === region).map((m) => m.apiRegion);
      expect(served.length).toBeGreaterThan(0);
      expect(new Set(served), region).toEqual(new Set([apiRegionOf(region)]));
      expect(closureRegionsOfApi(apiRegionOf(region))).toContain(region);
    }
  });
});

describe('audit export --seller', () => {
  it('gives each client their own dossier: only their runs and requests', async () => {
    const db = join(home, 'agency.db');
    const accounts = join(home, 'agency.yaml');
    writeFileSync(accounts, 'version: 1\naccounts:\n  - { name: Client A, sellerId: A1CLIENTA0001, region: europe, source: { kind: demo } }\n  - { name: Client B, sellerId: A2CLIENTB0001, region: japan, source: { kind: demo } }\n');
    expect((await run(['portfolio', 'check', '--accounts', accounts], {}, db)).code).toBe(3);
    const exported = await run(['audit', 'export', '--seller', 'a1clienta0001', '--json'], {}, db);
    expect(exported.code, exported.stderr).toBe(0);
    const dossier = dossierJsonSchema.parse(JSON.parse(exported.stdout));
    expect(dossier.seller).toBe('A1CLIENTA0001');
    const runs = new Set(dossier.timeline.map((r) => r.runId));
    expect(runs.size).toBe(1);
    expect(dossier.evidence?.verdict).toBe('blocked');
    const audit = AuditLog.open(db);
    const clientB = [...audit.allRecords()].find((r) => r.type === 'run-started' && (r.body as { account?: { name: string } }).account?.name === 'Client B')!;
    audit.close();
    expect(runs.has(clientB.runId)).toBe(false);
    expect((await run(['audit', 'export', '--seller', 'A9NOBODY00001'], {}, db)).code).toBe(2);
  });
});
