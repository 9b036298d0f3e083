// Types of scripts/generate-message-params.mjs, for the test that checks its output is current.
export const OUTPUT: string;
export function placeholdersOf(source: string, fileName?: string): Map<string, string[] | null>;
export function render(placeholders: Map<string, string[] | null>): string;
export function generated(): string;
