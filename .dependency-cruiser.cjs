/**
 * Dependency rules (npm run deps:check; scripts/test.sh runs them). Type-only imports count as
 * dependencies for the cycle and layering rules: a loop through a type is still a loop between
 * modules that can then no longer be understood, tested or moved one at a time.
 * @type {import('dependency-cruiser').IConfiguration}
 */

// Packages and Node built-ins that reach the network, the disk or a child process.
const IO_MODULES = [
  '^(node:)?(fs|fs/promises|http|https|http2|net|tls|dgram|dns|child_process|cluster|worker_threads|readline)$',
  '^node_modules/(mysql2|ws|express|kafkajs|node-zookeeper-client|jolokia\\.js|node-cron)/',
];

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Files import each other in one direction only.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycle',
      severity: 'error',
      comment: 'The folders of the sidecar import each other in one direction only (e.g. api never imports app once app imports api).',
      scope: 'folder',
      from: { path: '^sidecar/src/' },
      to: { path: '^sidecar/src/', circular: true },
    },
    {
      name: 'core-imports-no-project-code',
      severity: 'error',
      comment:
        'core/ holds the shared contracts (model, clock, lifecycle, collection): everything may depend on it, so it depends on nothing else of the project.',
      from: { path: '^sidecar/src/core/' },
      to: { path: '^(sidecar/src|test|bench|scripts|ui-sencha)/', pathNot: '^sidecar/src/core/' },
    },
    {
      name: 'store-imports-no-upper-layer',
      severity: 'error',
      comment: 'store/ is persistence: everything above uses it, never the other way round; it builds on core/, config/ and log/ only.',
      from: { path: '^sidecar/src/store/' },
      to: { path: '^sidecar/src/', pathNot: '^sidecar/src/(store|core|config|log)/' },
    },
    {
      name: 'config-and-log-are-ground',
      severity: 'error',
      comment: 'The config schema and the logger are read by every layer, so they import nothing but core/ (and each other).',
      from: { path: '^sidecar/src/(config|log)/' },
      to: { path: '^sidecar/src/', pathNot: '^sidecar/src/(config|log|core)/' },
    },
    {
      name: 'cli-is-the-entry-point',
      severity: 'error',
      comment: 'cli/ starts the sidecar and its one-shot commands: it imports the rest, nothing of the sidecar imports it.',
      from: { path: '^sidecar/src/', pathNot: '^sidecar/src/cli/' },
      to: { path: '^sidecar/src/cli/' },
    },
    {
      name: 'pure-cores-import-no-io',
      severity: 'error',
      comment:
        'Pure logic, unit-tested without services: the alert rules and evaluator, the metric catalogue, the shared contracts, ' +
        'the timeline trackers and state diffs, the request builders, parsers and rate/lag arithmetic of the collectors. ' +
        'Their data and clock are handed in; they import no network, disk, database or scheduler module (types are fine). ' +
        "events/partition-state.ts (reads ZooKeeper) and events/timeline-sources.ts (polls it) are events' I/O edge.",
      from: {
        path: [
          '^sidecar/src/(alerts|catalog|core|events)/',
          '^sidecar/src/collector/.+-(parser|builder)\\.ts$',
          '^sidecar/src/collector/(rates|lag/lag-math|jolokia/bean-labels)\\.ts$',
        ],
        pathNot: '^sidecar/src/events/(partition-state|timeline-sources)\\.ts$',
      },
      to: { path: IO_MODULES, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-test-code-in-product',
      severity: 'error',
      comment: 'The sidecar and the scripts run without the test tree (it is not part of the package).',
      from: { path: '^(sidecar/src|scripts)/' },
      to: { path: '^test/' },
    },
    {
      name: 'bench-uses-test-doubles-only',
      severity: 'error',
      comment: 'Benchmarks may reuse the doubles of test/support (fake Jolokia agent, throwaway database), never test cases or their helpers elsewhere.',
      from: { path: '^bench/' },
      to: { path: '^test/', pathNot: '^test/support/(fake-jolokia|mysql)\\.ts$' },
    },
    {
      name: 'panels-use-sidecar-types-only',
      severity: 'error',
      comment: 'The panels are browser scripts built on their own (ui-sencha/tsconfig.json): from the sidecar they may share wire types, never code.',
      from: { path: '^ui-sencha/src/' },
      to: { path: '^sidecar/', dependencyTypesNot: ['type-only', 'type-import', 'triple-slash-directive'] },
    },
    {
      name: 'sidecar-uses-no-dev-dependency',
      severity: 'error',
      comment: 'A production install has no devDependencies: the sidecar may import their types only.',
      from: { path: '^sidecar/src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-unresolvable-import',
      severity: 'error',
      comment: 'Every import resolves to a file or a package (the other rules can only judge what resolves).',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-undeclared-package',
      severity: 'error',
      comment: 'Every imported package is declared in package.json (else it works only while something else pulls it in).',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|ui-sencha/dist|\\.sandbox)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      extensions: ['.ts', '.d.ts', '.js', '.json'],
      exportsFields: ['exports'],
      conditionNames: ['require', 'import', 'node', 'default', 'types'],
      mainFields: ['main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
