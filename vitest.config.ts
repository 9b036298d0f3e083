import { defineConfig } from 'vitest/config';

export default defineConfig({
  // .cts too: the executable's entry and the language choice it shares are CommonJS (src/cli.cts).
  oxc: { include: /\.([cm]?ts|[jt]sx)$/ },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
