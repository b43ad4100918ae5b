#!/usr/bin/env node
// Long runs of the model-based boot property (__tests__/properties/bootModel.test.ts), on the TS
// sources through jest (no build needed). Every run prints its seed; a failure prints fast-check's
// seed and path, and `--seed S --path P` replays exactly that case.
//
//   npm run fuzz -- --runs 20000                 a fresh random seed
//   npm run fuzz -- --runs 5000 --seed 42        a given seed
//   npm run fuzz -- --seed 42 --path "17:3:0"    replay one counterexample
//   npm run fuzz -- --strict                     fail on the known bugs too
//   npm run fuzz -- --only g --shrinks 5000      hunt one known bug and shrink it further
//   npm run fuzz -- --max-components 6           small graphs, more interleavings per second
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const options = { runs: '2000', seed: undefined, path: undefined, strict: false, only: undefined, shrinks: '2000', 'max-components': '40' };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const name = argv[i].replace(/^--/, '');
  if (!(name in options) || !argv[i].startsWith('--')) {
    console.error(`fuzz: unknown argument ${argv[i]}; options: ${Object.keys(options).map((o) => `--${o}`).join(' ')}`);
    process.exit(2);
  }
  if (typeof options[name] === 'boolean') options[name] = true;
  else options[name] = argv[++i];
}
const seed = options.seed ?? String((Date.now() ^ Math.floor(Math.random() * 2 ** 31)) >>> 0);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const env = {
  ...process.env,
  FUZZ_RUNS: options.runs,
  FUZZ_SEED: seed,
  FUZZ_PATH: options.path ?? '',
  FUZZ_STRICT: options.strict ? '1' : '',
  FUZZ_ONLY: options.only ?? '',
  FUZZ_SHRINKS: options.shrinks,
  FUZZ_MAX_COMPONENTS: options['max-components'],
};
console.log(`fuzz: ${options.runs} scenarios, seed ${seed}${options.path ? `, path ${options.path}` : ''}${options.strict ? ', strict' : ''}${options.only ? `, only (${options.only})` : ''}`);
const jest = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const result = spawnSync(
  process.execPath,
  ['--experimental-vm-modules', jest, '__tests__/properties/bootModel.test.ts', '--coverage=false', '-t', 'agrees with the model'],
  { cwd: root, env, stdio: 'inherit' },
);
if (result.status !== 0) console.log(`fuzz: failed; replay with: npm run fuzz -- --seed ${seed} --path "<path from the report above>"`);
process.exit(result.status ?? 1);
