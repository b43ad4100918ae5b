// Mutation testing (issue 12): `npm run mutate` over the core folders, or one folder:
// `npm run mutate -- --mutate "src/graph/**/*.ts"`. Not in CI (it takes a while); the scores per
// folder are in docs/testing.md. Only the in-process suites run: the ones that spawn node or npm
// (cli, package, signals, adapters, the debug log, the http recipe) cannot see a mutant, and the last
// two load dist/, which the sandbox has not built.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  testRunnerNodeArgs: ['--experimental-vm-modules'],
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.ts',
    config: {
      collectCoverage: false,
      coverageThreshold: {},
      testPathIgnorePatterns: ['/node_modules/', '/__tests__/cli/', '/__tests__/package/', '/__tests__/adapters/', 'signals\\.test\\.ts', 'debugLog\\.test\\.ts', 'httpService\\.test\\.ts', 'readmeExample\\.test\\.ts', 'decorators\\.test\\.ts', ...(process.env.MUTATE_WITHOUT_MODEL === '1' ? ['bootModel\\.test\\.ts'] : [])],
    },
    enableFindRelatedTests: false,
  },
  mutate: [
    'src/graph/**/*.ts',
    'src/schedule/**/*.ts',
    'src/run/**/*.ts',
    'src/readiness/**/*.ts',
    'src/lifecycle/**/*.ts',
    'src/component/**/*.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 15_000,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
