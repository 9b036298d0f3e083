// The closure request's validation rules (zod), loaded only when a request is assembled.

import { z } from 'zod';
import type { Translate } from '../messages/catalogue.js';
import { CLOSURE_REASONS, CLOSURE_REGIONS } from './closure-request-fields.js';

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

