import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Embedded engines are heavy (PGlite WASM, DuckDB, Kuzu): keep file parallelism modest on 2 cores.
    maxWorkers: 2,
  },
});
