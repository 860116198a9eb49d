// Four layers: unit (*.spec.ts beside the code), integration (*.int-spec.ts, a lib against real
// PostgreSQL and Redis), end-to-end (test/*.e2e-spec.ts, the whole API over HTTP) and browser
// (test/browser/*.browser-spec.ts, the site in Debian's headless Chromium; npm run test:browser).
const { compilerOptions } = require('./tsconfig.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);

const swc = [
  '@swc/jest',
  {
    swcrc: false,
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

// intl-messageformat and its @formatjs parts ship as ES modules only (Node loads them with require;
// jest needs them compiled to CommonJS).
const ES_MODULE_PACKAGES = '(intl-messageformat|@formatjs)';

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc, [`/node_modules/${ES_MODULE_PACKAGES}/.+\\.js$`]: swc },
  transformIgnorePatterns: [`/node_modules/(?!${ES_MODULE_PACKAGES}/)`],
  moduleNameMapper,
  moduleFileExtensions: ['ts', 'js', 'json'],
};

const withServices = {
  ...common,
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
};

module.exports = {
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,scripts}/**/*.spec.ts'] },
    { ...withServices, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'] },
    { ...withServices, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
    { ...withServices, displayName: 'browser', testMatch: ['<rootDir>/test/browser/*.browser-spec.ts'] },
  ],
};
