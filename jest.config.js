/**
 * Projects: `unit` (pure, no services), `integration` (real cluster + MariaDB),
 * `browser` (real sidecar + headless Chromium). scripts/test.sh runs them in that order.
 * ts-jest only transpiles (isolatedModules): the type check is `tsc --noEmit`, run once before.
 */
const base = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] },
};
module.exports = {
  testTimeout: 180000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
  ],
};
