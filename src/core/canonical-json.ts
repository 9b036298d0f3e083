// One spelling of a JSON value, whatever the order its keys were set in, so that a hash can be
// recomputed from the content: object keys sorted, no spaces, undefined dropped (the JSON
// Canonicalization Scheme, RFC 8785, for the values stored). The one stable stringify: the audit
// log's record hashes, the readiness fingerprint of a saved plan, the webhook's body.

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`${value} has no JSON spelling`);
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  const json = (value as { toJSON?: () => unknown }).toJSON;
  if (typeof json === 'function') return canonicalJson(json.call(value));
  // One pass over the sorted keys (sort's default order is code-unit order, as `<` is): a run
  // writes and verifies records with this, mostly interpreted, so fewer arrays and closures count.
  const object = value as Record<string, unknown>;
  let out = '{';
  for (const key of Object.keys(object).sort()) {
    const item = object[key];
    if (item === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(key)}:${canonicalJson(item)}`;
  }
  return `${out}}`;
}
