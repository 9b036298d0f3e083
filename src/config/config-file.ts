// An optional JSON config file (--config FILE) with defaults for the flags. Flags win over it.

import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { UsageError } from '../errors.js';
import type { Translate } from '../messages/catalogue.js';

export const configSchema = z.strictObject({
  adapter: z.enum(['demo', 'reports', 'sp-api']).optional(),
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

export function loadConfigFile(path: string, t: Translate): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(t('error.config-unreadable', { path, code }), t('error.config-hint'));
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const position = /position (\d+)/.exec(String((error as Error).message));
    const line = position ? lineOf(text, Number(position[1])) : 1;
    throw new UsageError(t('error.config-not-json', { path, line, detail: (error as Error).message }), t('error.config-hint'));
  }
  const parsed = configSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0] ?? (issue.code === 'unrecognized_keys' ? issue.keys[0] : ''));
    const line = (key && lineOfKey(text, key)) || 1;
    throw new UsageError(t('error.config-invalid', { path, line, key: key || '(file)', detail: issue.message }), t('error.config-hint'));
  }
  return parsed.data;
}
