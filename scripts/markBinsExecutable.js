// postbuild: makes every package.json "bin" target executable, and checks that it starts with a
// shebang.
//
// Why: tsc writes its output with mode 0644 and prebuild deletes dist/, so every build (npm test
// and npm start run one) left dist/cli/main.js without its executable bit. npm sets the bit when
// it links a bin at install time, and not again: after a rebuild, `npx preheat` in this repository
// (npx links the project once) and ./node_modules/.bin/preheat failed with "Permission denied".
// Plain node, no dependency, so it runs on a fresh clone right after `npm ci`.
import { chmodSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const bins = typeof pkg.bin === 'string' ? [pkg.bin] : Object.values(pkg.bin ?? {});

for (const bin of bins) {
  const file = join(root, bin);
  const name = relative(root, file);
  const firstLine = readFileSync(file, 'utf8').split('\n', 1)[0];
  if (firstLine !== '#!/usr/bin/env node') {
    console.error(`postbuild: ${name} starts with ${JSON.stringify(firstLine)}, not '#!/usr/bin/env node'; make that the first line of its source (tsc keeps it), or the shell cannot run the bin.`);
    process.exit(1);
  }
  // Executable for whoever may read it: 0644 → 0755, 0600 → 0700.
  const mode = statSync(file).mode & 0o777;
  chmodSync(file, mode | ((mode & 0o444) >> 2));
}
