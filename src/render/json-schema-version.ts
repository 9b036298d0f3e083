// The version every --json document carries: it changes only when a field changes meaning or goes away.
export const JSON_SCHEMA_VERSION = 1;
