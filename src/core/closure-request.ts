// The closure request: what the seller fills into Seller Central's Close Account form, validated,
// with a stable id so that the same request is never submitted twice.

import { createHash } from 'node:crypto';
import type { Translate } from '../messages/catalogue.js';
import type { IsoDate } from './dates.js';
import { inMarketplaceOrder, type ClosureRegion } from './marketplaces.js';

import { CLOSURE_REASONS, CLOSURE_REGIONS, type ClosureReason } from './closure-request-fields.js';

export { CLOSURE_REASONS, CLOSURE_REGIONS, type ClosureReason };

/** The request's fields as the seller gives them, before validation. */
export interface ClosureRequestInput {
  sellerId: string;
  region: string;
  marketplaces: string[];
  reason: string;
  reasonText?: string;
  email: string;
  phone?: string;
}

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

/** Validates the fields (zod, loaded only now: most runs never assemble a request). */
export async function assembleClosureRequest(
  input: Partial<ClosureRequestInput>,
  basedOn: ClosureRequest['basedOn'],
  t: Translate,
): Promise<AssembleResult> {
  const { closureRequestSchema } = await import('./closure-request-schema.js');
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
  const fields = { ...parsed.data, region: parsed.data.region as ClosureRegion, marketplaces: [...parsed.data.marketplaces].sort() };
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
    t('render.label', { label: t('request.field.seller-id'), value: request.sellerId }),
    t('render.label', { label: t('request.field.region'), value: `${t(`region.${request.region}`)} (${inMarketplaceOrder(request.marketplaces).join(', ')})` }),
    t('render.label', { label: t('request.field.reason'), value: `${t(`reason.${request.reason}`)}${request.reasonText ? ` — ${request.reasonText}` : ''}` }),
    t('render.label', { label: t('request.field.email'), value: request.email }),
  ];
  if (request.phone) lines.push(t('render.label', { label: t('request.field.phone'), value: request.phone }));
  lines.push(t('render.label', { label: t('request.field.id'), value: request.id }));
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
export async function draftClosureRequest(
  given: Partial<ClosureRequestInput>,
  known: { sellerId: string | null; region: ClosureRegion | null; countries: string[] },
  basedOn: ClosureRequest['basedOn'],
  t: Translate,
): Promise<RequestDraft> {
  const fields: Partial<ClosureRequestInput> = {
    ...given,
    sellerId: given.sellerId ?? known.sellerId ?? undefined,
    region: given.region ?? known.region ?? undefined,
    marketplaces: given.marketplaces ?? (known.countries.length > 0 ? known.countries : undefined),
  };
  if (Object.keys(given).length === 0) {
    // Nothing typed by the seller: the data's own fields are trusted, and the reason and the
    // email, which only the seller can give, are missing. No validation needed for that.
    const required = ['sellerId', 'region', 'marketplaces', 'reason', 'email'] as const;
    const problems = required.filter((field) => fields[field] === undefined).map((field) => ({ field, message: t('request.missing') }));
    return { fields, request: null, problems };
  }
  const assembled = await assembleClosureRequest(fields, basedOn, t);
  return assembled.ok
    ? { fields, request: assembled.request, problems: [] }
    : { fields, request: null, problems: assembled.problems };
}
