// The accounts file: the example init writes loads; every fault names file, line and fix; a secret
// written where a variable's name belongs is refused without being repeated.

import { lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors.js';
import { translator } from '../../src/messages/catalogue.js';
import { ACCOUNTS_EXAMPLE } from '../../src/portfolio/accounts-example.js';
import { loadAccountsFile, parseAccounts } from '../../src/portfolio/accounts-file.js';
import { writeAccountsExample } from '../../src/portfolio/init.js';

const t = translator();
const dir = mkdtempSync(join(tmpdir(), 'ca-accounts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fault(text: string): CliError {
  try {
    parseAccounts(text, '/x/accounts.yaml', t);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return error as CliError;
  }
  throw new Error('accepted');
}

const ONE = (extra = '', source = '    source: { kind: demo, scenario: ready }') => `version: 1
accounts:
  - name: One
    sellerId: A2DEMO5ELLER7Q
    region: europe
${source}
${extra}`;

describe('accounts file', () => {
  it('the example init writes loads, with every kind of source and a protected account', () => {
    const file = parseAccounts(ACCOUNTS_EXAMPLE, '/home/agency/accounts.yaml', t);
    expect(file.accounts.map((a) => a.source.kind)).toEqual(['demo', 'reports', 'sp-api', 'demo']);
    expect(file.accounts.find((a) => a.protected)?.name).toBe('Keep this one open');
    const reports = file.accounts[1]!.source;
    expect(reports.kind === 'reports' && reports.folder).toBe('/home/agency/reports/acme-europe');
    expect(file.accounts[2]!.line).toBe(ACCOUNTS_EXAMPLE.split('\n').findIndex((l) => l.includes('Acme North America')) + 1);
  });

  it('JSON is read by the same parser, with lines', () => {
    const json = JSON.stringify({ version: 1, accounts: [{ name: 'J', sellerId: 'a2demo5eller7q', region: 'japan', source: { kind: 'demo' } }] }, null, 2);
    const file = parseAccounts(json, '/x/a.json', t);
    expect(file.accounts[0]).toMatchObject({ sellerId: 'A2DEMO5ELLER7Q', protected: false, source: { kind: 'demo', scenario: 'blocked' } });
    const bad = fault(json.replace('"japan"', '"asia"'));
    expect(bad.message).toContain('line 7');
  });

  it('an endpoint outside Amazon and this machine is refused: one edited line must not send the credentials elsewhere', () => {
    const sp = (host: string) => `    source:\n      kind: sp-api\n      credentials: { clientId: ONE_ID, clientSecret: ONE_SECRET, refreshToken: ONE_TOKEN }\n      endpoint: ${host}`;
    for (const host of ['https://evil.example', 'https://sellingpartnerapi-na.amazon.com.evil.example', 'https://amazon.com@evil.example/', 'https://10.0.0.5']) {
      const error = fault(ONE('', sp(host)));
      expect(error.message).toMatch(/line \d+: "accounts\[0\]\.source\.endpoint"/);
      expect(error.hint).toContain('SP_API_ENDPOINT');
    }
    for (const host of ['https://sellingpartnerapi-eu.amazon.com', 'http://127.0.0.1:8080', 'http://localhost:9', 'http://[::1]:80']) {
      expect(parseAccounts(ONE('', sp(host)), '/x/accounts.yaml', t).accounts).toHaveLength(1);
    }
    expect(fault(ONE('', sp('https://sellingpartnerapi-eu.amazon.com') + '\n      lwaEndpoint: https://token.evil.example/o2')).message).toContain('lwaEndpoint');
  });

  it('a wrong region names its line and the regions', () => {
    const error = fault(ONE().replace('europe', 'emea'));
    expect(error.message).toMatch(/accounts\.yaml, line 5: "accounts\[0\]\.region"/);
    expect(error.hint).toContain('north-america, europe, japan, australia');
  });

  it('an unknown key is named with its line', () => {
    const error = fault(ONE('    colour: red'));
    expect(error.message).toMatch(/line \d+: "accounts\[0\]\.colour"/);
    expect(error.hint).toContain('Remove that key');
  });

  it('a YAML syntax error names its line', () => {
    expect(fault('version: 1\naccounts:\n  - name: [unclosed\n').message).toMatch(/line \d+: this is not valid YAML/);
  });

  it.each([
    ['a refresh token', 'Atzr|IwEBIA-secret-refresh-token-value'],
    ['a client secret', 'amzn1.oa2-cs.v1.0123456789abcdef'],
    ['a lower-case value', 'abcdef0123456789abcdef0123456789'],
  ])('%s written where a variable name belongs is refused and never repeated', (_what, secret) => {
    const source = `    source:\n      kind: sp-api\n      credentials:\n        clientId: ACME_ID\n        clientSecret: ${JSON.stringify(secret)}\n        refreshToken: ACME_REFRESH`;
    const error = fault(ONE('', source));
    expect(error.message).toMatch(/line 10: "accounts\[0\]\.source\.credentials\.clientSecret" must be the NAME/);
    expect(`${error.message}${error.hint}`).not.toContain(secret);
    expect(error.hint).toContain('environment variable');
  });

  it('an sp-api source needs exactly one of credentials and config', () => {
    expect(fault(ONE('', '    source: { kind: sp-api }')).message).toContain('exactly one');
  });

  it('the same seller and region twice, or the same name twice, is refused with both lines', () => {
    const twice = ONE() + ONE().split('accounts:\n')[1]!.replace('One', 'Two');
    expect(fault(twice).message).toMatch(/line 7: seller A2DEMO5ELLER7Q in europe is already listed on line 3/);
    const sameName = ONE() + ONE().split('accounts:\n')[1]!.replace('europe', 'japan');
    expect(fault(sameName).message).toContain('"One" is already used on line 3');
  });

  it('a missing file says how to make one', () => {
    expect(() => loadAccountsFile(join(dir, 'none.yaml'), t)).toThrow(/cannot be read \(ENOENT\)/);
  });

  it('init writes the example and never overwrites it without --force', async () => {
    const path = join(dir, 'sub', 'accounts.yaml');
    await writeAccountsExample(path, false, t);
    expect(readFileSync(path, 'utf8')).toBe(ACCOUNTS_EXAMPLE);
    writeFileSync(path, 'mine');
    await expect(writeAccountsExample(path, false, t)).rejects.toThrow(/already exists/);
    expect(readFileSync(path, 'utf8')).toBe('mine');
    await writeAccountsExample(path, true, t);
    expect(loadAccountsFile(path, t).accounts).toHaveLength(4);
  });
});

describe('accounts file under attack (outside testing)', () => {
  it('an alias bomb is a usage error naming the file and the line of an alias (exit 2), not an internal error', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]', 'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]', ''].join('\n');
    const error = fault(bomb);
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/\/x\/accounts\.yaml, line [2-5]\b/);
  });

  it('init never replaces a link that is there, even one to nowhere, without --force', async () => {
    const path = join(dir, 'linked.yaml');
    symlinkSync(join(dir, 'unmounted', 'accounts.yaml'), path);
    await expect(writeAccountsExample(path, false, t)).rejects.toThrow(/already exists/);
    expect(lstatSync(path).isSymbolicLink()).toBe(true);
  });
});
