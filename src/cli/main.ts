#!/usr/bin/env node
// The `preheat` bin (package.json "bin" → dist/cli/main.js).
import { exitWhenFlushed } from './exitWhenFlushed.js';
import { runCli } from './runCli.js';

exitWhenFlushed(await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }));
