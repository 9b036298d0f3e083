// Login with Amazon: the refresh token exchanged for an access token, cached until a minute
// before it expires, one exchange at a time however many calls need it.

import { DataSourceError } from '../../errors.js';
import type { Translate } from '../../messages/catalogue.js';
import { redact, type SpApiSettings } from './sp-api-settings.js';

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
    let response: Response;
    try {
      this.exchanges += 1;
      response = await fetch(settings.lwaEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
        body,
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new DataSourceError(t('sp-api.lwa-unreachable', { detail: redact(String((error as Error).cause ?? (error as Error).message), settings.secrets) }), t('sp-api.network-hint'));
    }
    const text = await response.text();
    let data: { access_token?: string; expires_in?: number; error?: string; error_description?: string } = {};
    try {
      data = JSON.parse(text) as typeof data;
    } catch {
      // not JSON: reported below by status
    }
    if (!response.ok || !data.access_token) {
      const code = data.error ?? `HTTP ${response.status}`;
      const detail = redact(data.error_description ?? text.slice(0, 200), settings.secrets);
      const hint = code === 'invalid_grant' ? t('sp-api.invalid-grant-hint') : code === 'invalid_client' ? t('sp-api.invalid-client-hint') : t('sp-api.lwa-hint');
      throw new DataSourceError(t('sp-api.lwa-refused', { code, detail }), hint);
    }
    // Renewed a little before it runs out: a minute early for Amazon's hour, a tenth early for short ones.
    const seconds = data.expires_in ?? 3600;
    const lifetime = (seconds - Math.min(60, seconds / 10)) * 1000;
    this.token = { value: data.access_token, expiresAt: this.now() + lifetime };
    return data.access_token;
  }
}
