/**
 * What a readiness gate costs per request: two routes of one app, the same handler, one of them
 * with `requires` (three components, booted, so every request passes the gate). Variants:
 * - `fastify`: Fastify 5 through `app.inject()` (no sockets), `config: { requires: [a, b, c] }`;
 * - `express`: Express 5 over real loopback HTTP (one keep-alive connection, one request at a
 *   time), `requireReady(warmup, a, b, c)`;
 * - `gate`: `checkRequires(warmup, [a, b, c])` alone, ns per call.
 * The two routes run in the same process, round for round, alternating which goes first, so
 * both see the same noise (2 shared cores can be 5× slower from one second to the next); the
 * ratio is the median of the rounds' ratios.
 */
import { Agent, request } from 'node:http';
import { pathToFileURL } from 'node:url';
import { Container } from 'inversify';
import { Warmup } from '../lib/preheat.js';
import { calibrate, median, timed } from '../lib/rounds.js';

const dist = process.env.PREHEAT_DIST ? pathToFileURL(process.env.PREHEAT_DIST).href : new URL('../../dist/index.js', import.meta.url).href;
const adapter = (name) => import(new URL(`adapters/${name}/index.js`, dist).href);
const tokens = ['a', 'b', 'c'];

async function bootedWarmup() {
  const warmup = new Warmup(new Container()).register(tokens.map((token) => ({ token, load: () => ({ token }) })));
  await warmup.boot();
  return warmup;
}

/** A loop of `ops` sequential requests, counting the 200s. */
const loopOf = (once) => async (ops) => {
  let ok = 0;
  for (let i = 0; i < ops; i++) ok += await once();
  return ok;
};

async function fastifyLoops() {
  const { default: Fastify } = await import('fastify');
  const { preheat } = await adapter('fastify');
  const warmup = await bootedWarmup();
  const app = Fastify();
  await app.register(preheat, { warmup, boot: false, ready: 'none' });
  const handler = (_request, reply) => reply.send('ok');
  app.get('/open', handler);
  app.get('/gated', { config: { requires: tokens } }, handler);
  await app.ready();
  const once = (url) => async () => ((await app.inject(url)).statusCode === 200 ? 1 : 0);
  return { open: loopOf(once('/open')), gated: loopOf(once('/gated')) };
}

async function expressLoops() {
  const { default: express } = await import('express');
  const { listen, requireReady } = await adapter('express');
  const warmup = await bootedWarmup();
  const app = express();
  const handler = (_req, res) => void res.send('ok');
  app.get('/open', handler);
  app.get('/gated', requireReady(warmup, ...tokens), handler);
  const { port } = await listen(app, { warmup, port: 0, host: '127.0.0.1', signals: [] });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const once = (path) => () =>
    new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode === 200 ? 1 : 0));
      });
      req.on('error', reject);
      req.end();
    });
  return { open: loopOf(once('/open')), gated: loopOf(once('/gated')) };
}

async function gateLoops() {
  const { checkRequires } = await adapter('http');
  const warmup = await bootedWarmup();
  const gated = async (ops) => {
    let ok = 0;
    for (let i = 0; i < ops; i++) ok += checkRequires(warmup, tokens) === undefined ? 1 : 0;
    return ok;
  };
  return { gated };
}

function setup(variant) {
  if (variant === 'gate') return gateLoops();
  if (variant === 'fastify') return fastifyLoops();
  if (variant === 'express') return expressLoops();
  throw new Error(`unknown adapters variant ${variant}`);
}


export async function measureAdapters(variant, spec) {
  const loops = await setup(variant);
  const names = Object.keys(loops);
  const roundMs = spec.roundMs ?? 50;
  const warmupMs = spec.warmupMs ?? 300;
  for (const t0 = performance.now(); performance.now() - t0 < warmupMs; ) for (const n of names) await timed(loops[n], 50);
  const ops = await calibrate(loops[names[0]], roundMs);
  const rounds = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < (spec.rounds ?? 20); r++) {
    const order = r % 2 === 0 ? names : [...names].reverse();
    for (const n of order) rounds[n].push(await timed(loops[n], ops));
  }
  const best = (n) => Math.min(...rounds[n]);
  if (variant === 'gate') return { nsPerOp: best('gated'), nsMedian: median(rounds.gated), ops };
  const ratios = rounds.gated.map((g, r) => g / rounds.open[r]);
  return { nsPerOp: best('gated'), openNs: best('open'), gatedNs: best('gated'), pairedRatio: median(ratios), ops, rounds };
}
