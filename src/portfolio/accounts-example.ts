// The commented example `close-account portfolio init` writes: every kind of source once, and the
// protected flag, so that a new user edits a file that already works (a test loads it).

export const ACCOUNTS_EXAMPLE = `# close-account portfolio: the seller accounts to check, one entry per seller and region.
# Each region (north-america, europe, japan, australia) is closed by its own request: a seller
# selling in two regions is listed twice, once per region, with the same sellerId.
# Never write a credential here: an sp-api account names the environment variables that hold it.
version: 1
accounts:
  # The embedded sample seller, to see the table before pointing at real data.
  - name: Sample seller
    sellerId: A2DEMO5ELLER7Q
    region: north-america
    source:
      kind: demo
      scenario: blocked        # blocked, waiting or ready

  # Report files downloaded from Seller Central, in a folder (relative to this file, or absolute).
  - name: Acme Europe
    sellerId: A1ACMEEXAMPLE1
    region: europe
    source:
      kind: reports
      folder: reports/acme-europe

  # Amazon's Selling Partner API: the NAMES of the environment variables holding the credentials.
  - name: Acme North America
    sellerId: A1ACMEEXAMPLE1
    region: north-america
    source:
      kind: sp-api
      credentials:
        clientId: ACME_SP_API_CLIENT_ID
        clientSecret: ACME_SP_API_CLIENT_SECRET
        refreshToken: ACME_SP_API_REFRESH_TOKEN
      # or instead of credentials: config: acme-na.json  (a close-account config file, mode 0600)

  # protected: true means close-account never submits a closure request or changes listings for
  # this account, whatever the command line says (it is only ever checked).
  - name: Keep this one open
    sellerId: A3KEEPOPEN0001
    region: japan
    protected: true
    source:
      kind: demo
      scenario: ready
`;
