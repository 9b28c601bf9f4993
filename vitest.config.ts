import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@shared': resolve(__dirname, 'shared') } },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    // Two cores: scrypt-heavy and SQLite-heavy files run best two at a time.
    pool: 'forks',
    maxWorkers: 2,
    // Loose on time: a test must pass on a shared 2-core machine at load 20, where 20 s was not enough.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
