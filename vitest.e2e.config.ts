import { defineConfig } from 'vitest/config';
import { planDistricts } from './vite.planDistricts.ts';

// Browser tests: real Chromium against the built app served on loopback.
export default defineConfig({
  plugins: [planDistricts()],
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    globalSetup: ['tests/e2e/support/globalSetup.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
