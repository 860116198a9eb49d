// Resolves the @spcomms/* aliases of tsconfig.json against the TypeScript sources (bench, migration CLI).
const path = require('node:path');
const tsconfigPaths = require('tsconfig-paths');
const { compilerOptions } = require('../tsconfig.json');

tsconfigPaths.register({
  baseUrl: path.join(__dirname, '..'),
  paths: compilerOptions.paths,
});
