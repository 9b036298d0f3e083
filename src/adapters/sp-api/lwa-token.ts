// Login with Amazon: the refresh token exchanged for an access token, cached until a minute
// before it expires, one exchange at a time however many calls need it.

import { CliError, DataSourceError } from '../../errors.js';
import { BODY_CAPS, networkProblem, OutboundRefused, send, type OutboundResponse } from '../../http/outbound.js';
import type { Translate } from '../../messages/catalogue.js';
import { secrets } from '../../security/secret-registry.js';
import type { SpApiSettings } from './sp-api-settings.js';

export class LwaToken {
  private token: { value: string; expiresAt: number } | null = null;
  private pending: Promise<string> | null = null;
  exchanges = 0;

  constructor(
    private readonly settings: SpApiSettings,
    private readonly t: Translate,
    private readonly now: () => number = () => Date.now(),
  ) {}

  async get(): Promise<string> {
    if (this.token && this.token.expiresAt > this.now()) return this.token.value;
    this.pending ??= this.exchange().finally(() => (this.pending = null));
    return this.pending;
  }

  /** The token was refused as expired: the next call exchanges again. */
  invalidate(): void {
    this.token = null;
  }

  private async exchange(): Promise<string> {
    const { t, settings } = this;
    const body = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: settings.refreshToken,
      client_id: settings.clientId,
      client_secret: settings.clientSecret,
    });
    let response: OutboundResponse;
    try {
      this.exchanges += 1;
      // The token form carries the refresh token and client secret: a redirect is refused, never followed.
      response = await send(
        {
          url: settings.lwaEndpoint,
          what: t('http.what.lwa'),
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
          body,
          credential: true,
          maxBodyBytes: BODY_CAPS.token,
          timeoutMs: 30_000,
        },
        settings.transport,
      );
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new DataSourceError(t('sp-api.lwa-unreachable', { detail: networkProblem(error, t, 30_000) }), t('sp-api.network-hint'));
    }
    if (response.truncated) throw new OutboundRefused(t('http.too-large', { what: t('http.what.lwa'), bytes: BODY_CAPS.token }), t('sp-api.lwa-hint'), 'too-large');
    const text = response.text;
    let data: { access_token?: string; expires_in?: number; error?: string; error_description?: string } = {};
    try {
      data = JSON.parse(text) as typeof data;
    } catch {
      // not JSON: reported below by status
    }
    if (typeof data !== 'object' || data === null) data = {};
    // Known the moment it arrives, so that no message or record can carry it afterwards.
    if (typeof data.access_token === 'string') secrets.add(data.access_token);
    if (!response.ok || typeof data.access_token !== 'string' || !data.access_token) {
      const code = secrets.scrub(typeof data.error === 'string' ? data.error.slice(0, 100) : `HTTP ${response.status}`);
      const detail = secrets.scrub(typeof data.error_description === 'string' ? data.error_description.slice(0, 200) : text.slice(0, 200));
      const hint = code === 'invalid_grant' ? t('sp-api.invalid-grant-hint') : code === 'invalid_client' ? t('sp-api.invalid-client-hint') : t('sp-api.lwa-hint');
      throw new DataSourceError(t('sp-api.lwa-refused', { code, detail }), hint);
    }
    // Renewed a little before it runs out: a minute early for Amazon's hour, a tenth early for short ones.
    const seconds = typeof data.expires_in === 'number' && data.expires_in > 0 ? data.expires_in : 3600;
    const lifetime = (seconds - Math.min(60, seconds / 10)) * 1000;
    this.token = { value: data.access_token, expiresAt: this.now() + lifetime };
    return data.access_token;
  }
}
