// The walls between the libraries, checked by `npm run lint` (dependency-cruiser).
//
// Layers, lowest first. A library may import libraries of its own layer or of a lower one, never of
// a higher one; no library imports an app; nothing outside a library reaches past its public entry
// (`@spcomms/<lib>`, that is libs/<lib>/src/index.ts) into its files. Every library is listed: a new
// library fails the `lib-has-a-layer` rule until it is given a layer here.
//
// Tests (specs, test/, bench/, libs/<lib>/test/ helpers and libs/testing) may look inside libraries
// and sit above every layer; production code never imports libs/testing.

const LAYERS = [
  { name: 'base', libs: ['config', 'errors', 'clock', 'paging', 'logging'] },
  { name: 'infrastructure', libs: ['database', 'redis', 'queue', 'access', 'domain-events'] },
  { name: 'engine', libs: ['schedules', 'audit'] },
  // Who is who: the reference data, the people, and who among them is told of what. Notifications
  // sits here rather than in the engine because it is the one owner of "who is told", which reads
  // the users and the States' focal points.
  { name: 'directory', libs: ['reference', 'accounts', 'notifications'] },
  {
    name: 'domain',
    libs: ['password-links', 'submissions', 'communications', 'publication', 'replies', 'visits', 'history'],
  },
  // documents renders letters (PDF) from the letters' services and the published projection.
  { name: 'read side', libs: ['statistics', 'public-search', 'documents'] },
];
const TEST_ONLY_LIBS = ['testing'];

const alternatives = (names) => `(${names.join('|')})`;
const TEST_CODE = ['\\.(spec|int-spec|e2e-spec)\\.ts$', '^test/', '^bench/', '^libs/[^/]+/test/', '^libs/testing/'];

const layerRules = LAYERS.slice(0, -1).map((layer, index) => {
  const higher = LAYERS.slice(index + 1).flatMap((upper) => upper.libs);
  return {
    name: `layer-${layer.name.replace(/ /g, '-')}`,
    comment:
      `A ${layer.name} library (${layer.libs.join(', ')}) imports only libraries of its own layer ` +
      `or lower; it may not climb to ${higher.join(', ')}.`,
    severity: 'error',
    from: { path: `^libs/${alternatives(layer.libs)}/`, pathNot: TEST_CODE },
    to: { path: `^libs/${alternatives(higher)}/` },
  };
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import circle makes load order matter and the layers meaningless.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'lib-has-a-layer',
      comment: 'Every library is given a layer in .dependency-cruiser.cjs.',
      severity: 'error',
      from: {
        path: '^libs/[^/]+/',
        pathNot: `^libs/${alternatives([...LAYERS.flatMap((layer) => layer.libs), ...TEST_ONLY_LIBS])}/`,
      },
      to: {},
    },
    {
      name: 'libs-do-not-import-apps',
      comment: 'Apps are built from libraries; a library never reaches back into an app.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'testing-is-for-tests',
      comment: '@spcomms/testing (template databases, test clock) is imported by tests only.',
      severity: 'error',
      from: { path: '^(apps|libs|migrations|scripts)/', pathNot: TEST_CODE },
      to: { path: `^libs/${alternatives(TEST_ONLY_LIBS)}/` },
    },
    {
      name: 'lib-public-entry-only',
      comment: 'Another library is imported through its public entry (@spcomms/<lib>), never through one of its files.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/', pathNot: TEST_CODE },
      to: { path: '^libs/[^/]+/', pathNot: ['^libs/$1/', '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'app-imports-lib-entry-only',
      comment: 'Apps import libraries through their public entry (@spcomms/<lib>).',
      severity: 'error',
      from: { path: '^(apps|migrations)/', pathNot: TEST_CODE },
      to: { path: '^libs/', pathNot: '^libs/[^/]+/src/index\\.ts$' },
    },
    {
      name: 'apps-are-separate',
      comment: 'An app does not import another app; what they share belongs in a library.',
      severity: 'error',
      from: { path: '^apps/(worker|cli)/', pathNot: TEST_CODE },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      // The site (apps/web) is a module of the API's process, served on the same port behind the
      // same guards, rate limits and error filter: the two are one app in two folders, and only
      // they may import each other.
      name: 'site-and-api-are-one-app',
      comment: 'apps/api and apps/web import each other only; never the worker or the CLI.',
      severity: 'error',
      from: { path: '^apps/(api|web)/', pathNot: TEST_CODE },
      to: { path: '^apps/', pathNot: '^apps/(api|web)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|coverage|var)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
