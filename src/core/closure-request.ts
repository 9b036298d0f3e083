// The closure request: what the seller fills into Seller Central's Close Account form, validated,
// with a stable id so that the same request is never submitted twice.

import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Translate } from '../messages/catalogue.js';
import type { IsoDate } from './dates.js';
import type { ClosureRegion } from './marketplaces.js';

export const CLOSURE_REASONS = [
  'stopped-selling',
  'business-closed',
  'moving-to-another-account',
  'fees-too-high',
  'other',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

export const CLOSURE_REGIONS = ['north-america', 'europe', 'japan', 'australia', 'other'] as const;

/** Each field's rule, with messages in the seller's language; the wizard checks fields one by one. */
export function requestFieldSchemas(t: Translate) {
  return {
    // Merchant tokens are upper-case letters and digits (Settings → Account Info → Merchant Token).
    sellerId: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{8,20}$/, t('request.invalid.seller-id')),
    region: z.enum(CLOSURE_REGIONS, { error: t('request.invalid.region') }),
    marketplaces: z.array(z.string()).min(1, t('request.invalid.marketplaces')),
    reason: z.enum(CLOSURE_REASONS, { error: t('request.invalid.reason', { reasons: CLOSURE_REASONS.join(', ') }) }),
    reasonText: z.string().trim().max(1000, t('request.invalid.reason-text-long')).default(''),
    email: z.string().trim().pipe(z.email({ error: t('request.invalid.email') })),
    phone: z
      .string()
      .trim()
      .regex(/^$|^\+?[0-9][0-9 ().-]{5,24}$/, t('request.invalid.phone'))
      .default(''),
  };
}

/** Builds the request schema with messages in the seller's language. */
export function closureRequestSchema(t: Translate) {
  return z.object(requestFieldSchemas(t)).refine((r) => r.reason !== 'other' || r.reasonText.length > 0, {
    path: ['reasonText'],
    message: t('request.invalid.reason-text-needed'),
  });
}

export type ClosureRequestInput = z.input<ReturnType<typeof closureRequestSchema>>;

export interface ClosureRequest {
  id: string;
  sellerId: string;
  region: ClosureRegion;
  marketplaces: string[];
  reason: ClosureReason;
  reasonText: string;
  email: string;
  phone: string;
  /** The readiness evidence the request was assembled on. */
  basedOn: { asOf: IsoDate; verdict: string };
}

export type AssembleResult =
  | { ok: true; request: ClosureRequest }
  | { ok: false; problems: { field: string; message: string }[] };

export function assembleClosureRequest(
  input: Partial<ClosureRequestInput>,
  basedOn: ClosureRequest['basedOn'],
  t: Translate,
): AssembleResult {
  const parsed = closureRequestSchema(t).safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        const field = issue.path.join('.') || '(request)';
        const missing = issue.path.length === 1 && input[field as keyof ClosureRequestInput] === undefined;
        return { field, message: missing ? t('request.missing') : issue.message };
      }),
    };
  }
  const fields = { ...parsed.data, marketplaces: [...parsed.data.marketplaces].sort() };
  return { ok: true, request: { id: closureRequestId(fields), ...fields, basedOn } };
}

/** Same content, same id: the id is a hash of what the request says, not of when it was made. */
export function closureRequestId(fields: Omit<ClosureRequest, 'id' | 'basedOn'>): string {
  const canonical = JSON.stringify([
    fields.sellerId,
    fields.region,
    fields.marketplaces,
    fields.reason,
    fields.reasonText,
    fields.email.toLowerCase(),
    fields.phone,
  ]);
  return `CR-${createHash('sha256').update(canonical).digest('hex').slice(0, 16).toUpperCase()}`;
}

/** The request as text to paste into Seller Central's Close Account form. */
export function closureRequestText(request: ClosureRequest, t: Translate): string {
  const lines = [
    `${t('request.field.seller-id')}: ${request.sellerId}`,
    `${t('request.field.region')}: ${t(`region.${request.region}`)} (${request.marketplaces.join(', ')})`,
    `${t('request.field.reason')}: ${t(`reason.${request.reason}`)}${request.reasonText ? ` — ${request.reasonText}` : ''}`,
    `${t('request.field.email')}: ${request.email}`,
  ];
  if (request.phone) lines.push(`${t('request.field.phone')}: ${request.phone}`);
  lines.push(`${t('request.field.id')}: ${request.id}`);
  return lines.join('\n');
}

/** Which fields a draft still lacks, and the request once nothing is missing. */
export interface RequestDraft {
  fields: Partial<ClosureRequestInput>;
  request: ClosureRequest | null;
  problems: { field: string; message: string }[];
}

/**
 * The request that would be submitted: what the seller gave, completed from the data where it
 * knows (the merchant token, the region and its marketplaces).
 */
export function draftClosureRequest(
  given: Partial<ClosureRequestInput>,
  known: { sellerId: string | null; region: ClosureRegion | null; countries: string[] },
  basedOn: ClosureRequest['basedOn'],
  t: Translate,
): RequestDraft {
  const fields: Partial<ClosureRequestInput> = {
    ...given,
    sellerId: given.sellerId ?? known.sellerId ?? undefined,
    region: given.region ?? known.region ?? undefined,
    marketplaces: given.marketplaces ?? (known.countries.length > 0 ? known.countries : undefined),
  };
  const assembled = assembleClosureRequest(fields, basedOn, t);
  return assembled.ok
    ? { fields, request: assembled.request, problems: [] }
    : { fields, request: null, problems: assembled.problems };
}
