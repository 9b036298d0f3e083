// An optional JSON config file (--config FILE) with defaults for the flags. Flags win over it.

import { z } from 'zod';
import { UsageError } from '../errors.js';
import { readBoundedText } from '../io/bounded-read.js';
import { secrets } from '../security/secret-registry.js';
import type { Translate } from '../messages/catalogue.js';
import { ADAPTER_IDS } from '../core/seller-data-source.js';

export const configSchema = z.strictObject({
  adapter: z.enum(ADAPTER_IDS).optional(),
  demoScenario: z.string().optional(),
  auditDb: z.string().optional(),
  sellerId: z.string().optional(),
  reason: z.string().optional(),
  reasonText: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  reportsDir: z.string().optional(),
  encoding: z.string().optional(),
  maxReportAge: z.number().int().nonnegative().optional(),
  submitter: z.string().optional(),
  webhookUrl: z.string().optional(),
  spApi: z
    .strictObject({
      clientId: z.string().optional(),
      clientSecret: z.string().optional(),
      refreshToken: z.string().optional(),
      sellerId: z.string().optional(),
      region: z.string().optional(),
      endpoint: z.string().optional(),
      lwaEndpoint: z.string().optional(),
    })
    .optional(),
});
export type ConfigFile = z.infer<typeof configSchema>;

/** 1-based line of a character offset, so errors can say where in the file. */
function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** The line on which a top-level key is written, for messages about its value. */
function lineOfKey(text: string, key: string): number | null {
  const at = text.indexOf(`"${key}"`);
  return at < 0 ? null : lineOf(text, at);
}

/** A config file is a few hundred bytes. */
export const CONFIG_MAX_BYTES = 1024 * 1024;

export function loadConfigFile(path: string, t: Translate): ConfigFile {
  const text = readBoundedText(path, CONFIG_MAX_BYTES, {
    unreadable: (code) => new UsageError(t('error.config-unreadable', { path, code }), t('error.config-hint')),
    tooLarge: (cap) => new UsageError(t('error.config-too-large', { path, cap }), t('error.config-hint')),
  });
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const position = /position (\d+)/.exec(String((error as Error).message));
    const line = position ? lineOf(text, Number(position[1])) : 1;
    // V8 quotes the text around the fault (`..."ntSecret":Zq81kx77"...`): a secret not yet known to the scrubber. Never repeated.
    const detail = String((error as Error).message).replace(/,?\s*(?:\.\.\.)?"[\s\S]*"(?:\.\.\.)? is not valid JSON/, ' (the file is not valid JSON)');
    throw new UsageError(t('error.config-not-json', { path, line, detail }), t('error.config-hint'));
  }
  const parsed = configSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0] ?? (issue.code === 'unrecognized_keys' ? issue.keys[0] : ''));
    const line = (key && lineOfKey(text, key)) || 1;
    throw new UsageError(t('error.config-invalid', { path, line, key: key || '(file)', detail: issue.message }), t('error.config-hint'));
  }
  // Known from here on, whatever the adapter: a secret the config holds is scrubbed wherever it would be printed or recorded.
  const { clientSecret, refreshToken, clientId } = parsed.data.spApi ?? {};
  for (const secret of [clientSecret, refreshToken, clientId]) secrets.add(secret);
  return parsed.data;
}
