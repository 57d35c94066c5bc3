import { defineConfig } from 'vitest/config';

/** `npm run test:large`: the tests that write and read files of hundreds of MB (kept out of `npm test`). */
export default defineConfig({
  test: {
    include: ['tests/large/**/*.test.ts'],
    testTimeout: 900_000,
    hookTimeout: 900_000,
  },
});
