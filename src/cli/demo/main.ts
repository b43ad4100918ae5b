#!/usr/bin/env node
// `npm start` and examples/assistant/main.js run this: the demo, with `--out <dir>` (default: here).
import { exitWhenFlushed } from '../exitWhenFlushed.js';
import { runCli } from '../runCli.js';

exitWhenFlushed(await runCli(['demo', ...process.argv.slice(2)], { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }));
