/**
 * Projects: `unit` (pure, no services), `integration` (real cluster + MariaDB),
 * `browser` (real sidecar + headless Chromium). scripts/test.sh runs them in that order.
 * Type checking is `tsc --noEmit` over sources and tests, run once before jest (scripts/test.sh).
 */
const base = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', {}] },
};
// Test files with kafkajs clients of their own get the sidecar's fix of kafkajs' idle timer.
const KAFKAJS_IDLE_TIMER = '<rootDir>/test/support/kafkajs-idle-timer.ts';
module.exports = {
  testTimeout: 180000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'], setupFiles: [KAFKAJS_IDLE_TIMER] },
    { ...base, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.test.ts'], setupFiles: [KAFKAJS_IDLE_TIMER] },
  ],
};
