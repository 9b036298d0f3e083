// The forms a secret may take in bytes written, computed here independently of the code under
// test (src/security/secret-registry.ts), so that a leak scan does not share the code's blind spots.

const unpadded = (b64: string) => b64.replace(/=+$/, '');

export function secretForms(secret: string): string[] {
  const forms = new Set<string>([
    secret,
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    new URLSearchParams({ v: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
    // base64 of the secret alone and inside a longer value (user:secret, a header dump), at each
    // byte offset: the characters that depend only on the secret.
    unpadded(Buffer.from(secret).toString('base64')).slice(0, -2),
    unpadded(Buffer.from(`a${secret}`).toString('base64')).slice(4, -2),
    unpadded(Buffer.from(`ab${secret}`).toString('base64')).slice(4, -2),
    unpadded(Buffer.from(`a${secret}`).toString('base64url')).slice(4, -2),
  ]);
  return [...forms].filter((f) => f.length >= 8);
}
