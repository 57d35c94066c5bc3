import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // tests/large/ writes and reads files of hundreds of MB: `npm run test:large` (vitest.large.config.ts).
    exclude: [...configDefaults.exclude, 'tests/large/**'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
