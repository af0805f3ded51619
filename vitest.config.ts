import { defineConfig } from 'vitest/config';
import { planDistricts } from './vite.planDistricts.ts';

// Unit tests only; browser tests in tests/e2e run against the built app (scripts/e2e.mjs).
export default defineConfig({
  plugins: [planDistricts()],
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
