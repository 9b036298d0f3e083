// The audit log's canonical JSON is the one in core/canonical-json.ts (the readiness fingerprint
// uses it too); re-exported here for the modules that name it from the audit log.
export { canonicalJson } from '../core/canonical-json.js';
