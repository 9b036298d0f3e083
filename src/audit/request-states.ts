// The states a closure request goes through, the one list (the audit log, the status command,
// the JSON schemas and the dossier's words all derive from it).

export const REQUEST_STATES = ['draft', 'submitting', 'submitted', 'under-review', 'closed', 'rejected', 'withdrawn'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];
