/**
 * Projects: `unit` (pure, no services), `integration` (real cluster + MariaDB),
 * `browser` (real sidecar + headless Chromium). scripts/test.sh runs them in that order.
 * Type checking is `tsc --noEmit` over sources and tests, run once before jest (scripts/test.sh).
 */
const base = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', {}] },
};
module.exports = {
  testTimeout: 180000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    { ...base, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.test.ts'] },
  ],
};
