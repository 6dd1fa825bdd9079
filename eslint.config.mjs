// ESLint flat config: typescript-eslint's recommended rules for every TypeScript file, the
// type-aware promise rules for the Node code (a dropped promise is a lost error in the long-running
// sidecar, and a test that passes without waiting for its assertion), and ESLint's recommended
// rules for the few plain JavaScript files. Formatting is Prettier's job (npm run format:check).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const unusedVars = [
  'error',
  { args: 'after-used', argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'all', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
];

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', '.sandbox/', 'scripts/target/', 'bench/tmp/', 'test-results/', 'ui-sencha/dist/', 'docs/'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },

  // TypeScript everywhere: sidecar, tests, benchmarks, scripts, panels.
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      '@typescript-eslint/no-unused-vars': unusedVars,
    },
  },

  // Node TypeScript (CommonJS output, ES modules in source): type-only imports stay type-only.
  {
    files: ['sidecar/src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },

  // Type-aware: every promise is awaited, handled or explicitly `void`ed (tsconfig.json's program).
  {
    files: ['sidecar/src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['**/*.d.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },

  // The service writes through its logger.
  {
    files: ['sidecar/src/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // The CLI talks to the terminal, and the logger is where console output belongs.
    files: ['sidecar/src/cli/**/*.ts', 'sidecar/src/log/logger.ts'],
    rules: { 'no-console': 'off' },
  },

  // Panels: TypeScript compiled to browser scripts (module: none); Ext, Chart, Flamingo2, message
  // are declared in ui-sencha/src/types.
  {
    files: ['ui-sencha/src/**/*.ts'],
    languageOptions: { globals: globals.browser },
    rules: {
      // Ext JS's idiom: an override hands its own arguments on with this.callParent(arguments).
      'prefer-rest-params': 'off',
    },
  },
  {
    // Ambient types for Ext JS and the Flamingo page, which ship none: page globals are `declare
    // var` (as in TypeScript's own lib.dom.d.ts), and Ext's callbacks and callParent are untyped.
    files: ['ui-sencha/src/types/**/*.d.ts'],
    rules: { 'no-var': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },

  // Browser tests: the callbacks of page.evaluate run in the page on Ext's components, which have
  // no types on the Node side.
  {
    files: ['test/browser/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },

  // Plain JavaScript: the CLI launcher, the build tool, the tools' configs (Node) and the demo host
  // page (browser script).
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    extends: [js.configs.recommended],
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-unused-vars': unusedVars,
    },
  },
  {
    files: ['bin/**/*.js', 'ui-sencha/tools/**/*.js', 'jest.config.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: globals.node },
  },
  {
    files: ['ui-sencha/host/**/*.js'],
    languageOptions: { sourceType: 'script', globals: globals.browser },
  },
);
