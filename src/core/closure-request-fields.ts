// The closure request's fixed choices, apart from the request so that its validation rules
// (closure-request-schema.ts, loaded on demand by closure-request.ts) import them without a cycle.

export const CLOSURE_REASONS = [
  'stopped-selling',
  'business-closed',
  'moving-to-another-account',
  'fees-too-high',
  'other',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

export { CLOSURE_REGIONS } from './marketplaces.js';
