#!/usr/bin/env node
/**
 * Does recording usage slow a warm `container.get`? Times warm gets of this build against another
 * build (default: the main checkout's dist/), interleaved round by round in one process, for one
 * class token and for 1,024 rotating string tokens, and prints the medians and their ratio.
 *
 *   npm run build && node bench/getRecording.js [--profile] [--baseline=/work/main/dist/index.js] [--rounds=30]
 *
 * A quick sanity figure, not part of the harness.
 */
import 'reflect-metadata';
import { Container } from 'inversify';
import { pathToFileURL } from 'node:url';

const option = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const baselinePath = option('baseline', '/work/main/dist/index.js');
const rounds = Number(option('rounds', 30));
// --profile: the current build with a profile store (a warm get counts); else without (it does not).
const withProfile = process.argv.includes('--profile');
const current = await import(new URL('../dist/index.js', import.meta.url).href);
const baseline = await import(pathToFileURL(baselinePath).href);

async function setup(lib, tokens) {
  const container = new Container();
  const profile = lib === current && withProfile ? { profile: { store: { load: async () => undefined, save: async () => {} } } } : {};
  const warmup = new lib.Warmup(container, profile);
  warmup.register(tokens.map((token) => ({ token, load: () => ({ token }) })));
  await warmup.boot();
  for (const t of tokens) container.get(t);
  return container;
}

function time(container, tokens, calls) {
  const n = tokens.length;
  let sink = 0;
  const t0 = process.hrtime.bigint();
  for (let k = 0; k < calls; k++) sink += container.get(tokens[k % n]) === undefined ? 1 : 0;
  const ns = Number(process.hrtime.bigint() - t0);
  if (sink !== 0) throw new Error('missing instance');
  return ns / calls;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const count of [1, 1024]) {
  const tokens = Array.from({ length: count }, (_, i) => `t${i}`);
  const a = await setup(current, tokens);
  const b = await setup(baseline, tokens);
  const ta = [];
  const tb = [];
  for (let r = 0; r < rounds; r++) {
    ta.push(time(a, tokens, 200_000));
    tb.push(time(b, tokens, 200_000));
  }
  const ma = median(ta);
  const mb = median(tb);
  console.log(`${count === 1 ? 'one token      ' : '1,024 tokens   '} ${withProfile ? 'counting ' : 'no profile'} ${ma.toFixed(1)} ns/get, baseline ${mb.toFixed(1)} ns/get, ratio ${(ma / mb).toFixed(3)}`);
}
