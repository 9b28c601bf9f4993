import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@shared': resolve(__dirname, 'shared') } },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    // Three files at a time on two cores: many tests wait on real time (a campaign's pace, a quiet
    // period, a child process starting), and a third file fills those waits (138 s → 113 s here).
    pool: 'forks',
    maxWorkers: 3,
    // Files share a worker's loaded modules: importing TypeORM, the entities and the core afresh for
    // each of 140 files cost three minutes of the suite's five. Every file opens its own database
    // and app; the two that mock `electron` import nothing else that loads it.
    isolate: false,
    // Loose on time: a test must pass on a shared 2-core machine at load 20, where 20 s was not enough.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
