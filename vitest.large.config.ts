import { defineConfig } from 'vitest/config';

/** `npm run test:large`: the slow tests kept out of `npm test` — files of hundreds of MB, and the 20 kill trials of publication. `.ci/run` runs them. */
export default defineConfig({
  test: {
    include: ['tests/large/**/*.test.ts'],
    testTimeout: 900_000,
    hookTimeout: 900_000,
  },
});
