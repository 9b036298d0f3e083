// The one registry of secrets: the SP-API credentials, every access token Amazon issues, the
// webhook's shared secret and the credentials in a webhook URL. Each is kept in every encoding it
// may come back in (raw, URL-encoded either way, form-encoded, JSON-escaped, base64 at any byte
// offset), so that one scrubber can remove it from any text. The scrubber runs where text is
// printed (main.ts) and where audit records are written (audit-log.ts), not at each call site.

const REDACTED = '[redacted]';
/** Anything shaped like a Login with Amazon token, registered or not. */
const LWA_TOKEN = /Atz[ar](?:\||%7[cC]|\\u007[cC])[A-Za-z0-9_\-+/=|%.]+/g;
/** A URL's user:password@ and its query string: credentials either way (a webhook's ?token=, a presigned signature). */
const URL_PARTS = /\b([a-z][a-z0-9+.-]*:(?:\\?\/){2})([^\s/?#@"'<>\\]*@)?((?:[^\s?#"'<>\\]|\\\/)*)(\?[^\s#"'<>\\]*)?/gi;
/** Shorter values are not secrets worth the false positives (and could not be told from words). */
const MIN_LENGTH = 6;
/**
 * A piece of a secret this long or longer is a leak too: an excerpt ("the first 200 characters of
 * the answer") can cut a secret short, and what is left no longer matches it whole.
 */
const PIECE_LENGTH = 12;

function percentVariants(text: string): string[] {
  return [text, text.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())];
}

/** The part of base64(prefix + secret) that depends on the secret alone, for each of the three byte offsets. */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
    for (const alphabet of ['base64', 'base64url'] as const) {
      let text = padded.toString(alphabet).replace(/=+$/, '');
      // The first group mixes in the prefix; a last partial group mixes in whatever follows.
      if (offset > 0) text = text.slice(4);
      if (padded.length % 3 !== 0) text = text.slice(0, -1);
      if (text.length >= 8) cores.push(text);
    }
  }
  return cores;
}

/** Every form in which `secret` may appear in a text we print or store. */
export function encodingsOf(secret: string): string[] {
  const uri = encodeURIComponent(secret);
  const form = new URLSearchParams({ v: secret }).toString().slice(2);
  const json = JSON.stringify(secret).slice(1, -1);
  const forms = [
    secret,
    ...percentVariants(uri),
    ...percentVariants(form),
    ...percentVariants(encodeURI(secret)),
    ...percentVariants(encodeURIComponent(uri)),
    json,
    json.replace(/\//g, '\\/'),
    JSON.stringify(uri).slice(1, -1),
    JSON.stringify(json).slice(1, -1),
    ...base64Cores(secret),
  ];
  return [...new Set(forms)].filter((f) => f.length >= MIN_LENGTH);
}

/** A path segment this long is taken for a token (Slack-style hook URLs carry 24 characters). */
const PATH_TOKEN_LENGTH = 16;

export class SecretRegistry {
  private readonly forms = new Set<string>();
  private ordered: string[] | null = [];
  /** Every PIECE_LENGTH-character run of every form, to find a secret cut short. */
  private pieces: Set<string> | null = new Set();

  /** Registers a secret (ignores empty and very short values). */
  add(secret: string | null | undefined): void {
    if (!secret || secret.length < MIN_LENGTH) return;
    for (const form of encodingsOf(secret)) this.forms.add(form);
    this.ordered = null;
    this.pieces = null;
  }

  /**
   * Forgets every secret. For the test runner only, which runs many test files in one process
   * (vitest isolate: false): each file starts with an empty registry, as a process of its own does.
   */
  clear(): void {
    this.forms.clear();
    this.ordered = [];
    this.pieces = new Set();
  }

  /** The secrets a URL carries: its password, user name, each query value and any long path segment (a token in the path). */
  addUrl(url: string): void {
    try {
      const parsed = new URL(url);
      this.add(decodeURIComponent(parsed.password));
      this.add(decodeURIComponent(parsed.username));
      for (const value of parsed.searchParams.values()) this.add(value);
      for (const segment of parsed.pathname.split('/')) if (segment.length >= PATH_TOKEN_LENGTH) this.add(decodeURIComponent(segment));
    } catch {
      // Not a URL: the caller refuses it.
    }
  }

  /** The text without any registered secret, LWA-shaped token, URL credential or URL query. */
  scrub(text: string): string {
    // Longest first, so that an encoding that contains another is removed whole.
    this.ordered ??= [...this.forms].sort((a, b) => b.length - a.length);
    let clean = text;
    for (const form of this.ordered) if (clean.includes(form)) clean = clean.split(form).join(REDACTED);
    clean = this.scrubPieces(clean);
    // Each pattern needs text most strings lack ("Atz", a "/"): looked for first, as every string
    // shown or stored is scrubbed, keys included, and most are words, names and dates.
    if (clean.includes('Atz')) clean = clean.replace(LWA_TOKEN, '[redacted token]');
    if (!clean.includes('/')) return clean;
    return clean.replace(URL_PARTS, (_, scheme: string, userinfo: string | undefined, rest: string, query: string | undefined) =>
      `${scheme}${userinfo ? `${REDACTED}@` : ''}${rest}${query ? `?${REDACTED}` : ''}`,
    );
  }

  /** Removes every run of text made of overlapping pieces of a secret (a secret cut short by an excerpt). */
  private scrubPieces(text: string): string {
    if (this.pieces === null) {
      this.pieces = new Set();
      for (const form of this.forms) for (let i = 0; i + PIECE_LENGTH <= form.length; i++) this.pieces.add(form.slice(i, i + PIECE_LENGTH));
    }
    if (this.pieces.size === 0 || text.length < PIECE_LENGTH) return text;
    let result = '';
    let copied = 0;
    let runStart = -1;
    let runEnd = -1;
    const closeRun = () => {
      if (runStart < 0) return;
      result += text.slice(copied, runStart) + REDACTED;
      copied = runEnd;
    };
    for (let i = 0; i + PIECE_LENGTH <= text.length; i++) {
      if (!this.pieces.has(text.slice(i, i + PIECE_LENGTH))) continue;
      if (i > runEnd) {
        closeRun();
        runStart = i;
      }
      runEnd = i + PIECE_LENGTH;
    }
    if (runStart < 0) return text;
    closeRun();
    return result + text.slice(copied);
  }

  /** A value with every string in it (keys included) scrubbed, for records that are stored. */
  scrubDeep<T>(value: T): T {
    if (typeof value === 'string') return this.scrub(value) as T;
    if (Array.isArray(value)) return value.map((v: unknown) => this.scrubDeep(v)) as T;
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [this.scrub(k), this.scrubDeep(v)])) as T;
    }
    return value;
  }
}

/** The process's registry: every secret the run learns is added here the moment it is known. */
export const secrets = new SecretRegistry();

/** The secrets the environment may hold, registered before anything is printed. */
export function registerEnvironmentSecrets(env: Readonly<Record<string, string | undefined>>): void {
  for (const name of ['SP_API_CLIENT_SECRET', 'SP_API_REFRESH_TOKEN', 'SP_API_CLIENT_ID', 'CLOSE_ACCOUNT_WEBHOOK_SECRET']) secrets.add(env[name]);
}
