/* global __dirname */
// Test infrastructure only. Fastify's inject() loads light-my-request, which require()s cookie 2,
// an ES-module-only package: Node 20.19 loads it (require(esm)), jest's module runtime does not
// (before Node 24.9). jest.config.ts maps `cookie` here; this file serves both copies in the tree:
// cookie 0.7 (express's res.cookie: parse, serialize) as it is, and cookie 2 (light-my-request:
// parseCookie, stringifySetCookie, …) converted to CommonJS by esbuild, its code unchanged otherwise.
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { transformSync } = require('esbuild');

const modules = path.join(__dirname, '../../node_modules');
const v07 = require(path.join(modules, 'cookie/index.js'));
const source = readFileSync(path.join(modules, 'light-my-request/node_modules/cookie/dist/index.js'), 'utf8');
const { code } = transformSync(source, { format: 'cjs', target: 'node20' });
const v2 = { exports: {} };
new Function('module', 'exports', 'require', code)(v2, v2.exports, require);

module.exports = { ...v07, ...v2.exports };
