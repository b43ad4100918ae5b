/**
 * What `@RequiresReady()` of preheat/nest costs per request: one NestJS 12 app (platform-express)
 * over real loopback HTTP (one keep-alive connection, one request at a time), two routes of one
 * controller with the same handler, one of them `@RequiresReady('a', 'b', 'c')` (three booted
 * components, so every request passes the guard), and a third behind a guard that always passes
 * (what Nest's guard pipeline costs by itself); also `RequiresReadyGuard.canActivate` alone. The two routes run in the same process, round
 * for round, alternating which goes first, so both see the same noise; the ratio is the median of
 * the rounds' ratios. Same protocol and result shape as contenders/adapters.js (the lead can list
 * it as its `nest` variant).
 *
 *   npm run build && node bench/contenders/adapter-nest.js [--quick]
 */
import { Agent, request } from 'node:http';
import { pathToFileURL } from 'node:url';
import { Controller, Get, Injectable, Module, UseGuards } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { calibrate, median, timed } from '../lib/rounds.js';

const dist = process.env.PREHEAT_DIST ? pathToFileURL(process.env.PREHEAT_DIST).href : new URL('../../dist/index.js', import.meta.url).href;
const tokens = ['a', 'b', 'c'];

async function nestLoops() {
  const { Warmup } = await import(dist);
  const { Container } = await import('inversify');
  const { PreheatModule, RequiresReady, RequiresReadyGuard } = await import(new URL('adapters/nest/index.js', dist).href);
  const warmup = new Warmup(new Container()).register(tokens.map((token) => ({ token, load: () => ({ token }) })));

  // Decorators applied by hand: this file is plain JavaScript.
  class Routes {
    open() {
      return 'ok';
    }
    gated() {
      return 'ok';
    }
    guarded() {
      return 'ok';
    }
  }
  // A guard that always lets through: what any guard costs in Nest, apart from what ours does.
  class PassGuard {
    canActivate() {
      return true;
    }
  }
  Injectable()(PassGuard);
  Controller()(Routes);
  for (const name of ['open', 'gated', 'guarded']) {
    const descriptor = Object.getOwnPropertyDescriptor(Routes.prototype, name);
    if (name === 'gated') RequiresReady(...tokens)(Routes.prototype, name, descriptor);
    if (name === 'guarded') UseGuards(PassGuard)(Routes.prototype, name, descriptor);
    Get(name)(Routes.prototype, name, descriptor);
  }
  class AppModule {}
  Module({ imports: [PreheatModule.forRoot({ warmup, wait: 'all' })], controllers: [Routes] })(AppModule);

  const app = await NestFactory.create(AppModule, { logger: false, forceCloseConnections: true });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address();
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
  const loopOf = (one) => async (ops) => {
    let ok = 0;
    for (let i = 0; i < ops; i++) ok += await one();
    return ok;
  };
  // The guard alone, as Nest calls it for the gated route (Nest's own ExecutionContextHost).
  const guard = app.get(RequiresReadyGuard);
  const context = new ExecutionContextHost([{}, {}], Routes, Routes.prototype.gated);
  const guardLoop = async (ops) => {
    let ok = 0;
    for (let i = 0; i < ops; i++) ok += guard.canActivate(context) ? 1 : 0;
    return ok;
  };
  return { loops: { open: loopOf(once('/open')), gated: loopOf(once('/gated')), guarded: loopOf(once('/guarded')) }, guardLoop, close: () => (agent.destroy(), app.close()) };
}


export async function measureAdapterNest(spec = {}) {
  const { loops, guardLoop, close } = await nestLoops();
  try {
    const names = Object.keys(loops);
    const roundMs = spec.roundMs ?? 50;
    const warmupMs = spec.warmupMs ?? 300;
    for (const t0 = performance.now(); performance.now() - t0 < warmupMs; ) for (const n of names) await timed(loops[n], 20, 'the guard');
    const ops = await calibrate(loops.open, roundMs, { startOps: 10, maxOps: 2 ** 20 });
    const rounds = { open: [], gated: [], guarded: [] };
    for (let r = 0; r < (spec.rounds ?? 20); r++) {
      const order = r % 2 === 0 ? names : [...names].reverse(); // open, gated, guarded, then the other way
      for (const n of order) rounds[n].push(await timed(loops[n], ops, 'the guard'));
    }
    const ratios = rounds.gated.map((g, r) => g / rounds.open[r]);
    const best = (n) => Math.min(...rounds[n]);
    const guardOps = await calibrate(guardLoop, roundMs, { startOps: 10, maxOps: 2 ** 20 });
    const guardRounds = [];
    for (let r = 0; r < (spec.rounds ?? 20); r++) guardRounds.push(await timed(guardLoop, guardOps, 'the guard'));
    const guardedRatio = median(rounds.gated.map((g, r) => g / rounds.guarded[r]));
    return { nsPerOp: best('gated'), openNs: best('open'), gatedNs: best('gated'), pairedRatio: median(ratios), guardedNs: best('guarded'), guardedRatio, guardNs: Math.min(...guardRounds), ops, rounds };
  } finally {
    await close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const quick = process.argv.includes('--quick');
  const r = await measureAdapterNest(quick ? { roundMs: 30, warmupMs: 150, rounds: 8 } : {});
  const us = (ns) => `${(ns / 1000).toFixed(1)} µs`;
  console.log(`nest (loopback HTTP): without requires ${us(r.openNs)}, with requires ${us(r.gatedNs)}, paired ratio ${r.pairedRatio.toFixed(2)}×; with a pass-through guard instead ${us(r.guardedNs)} (requires ÷ pass-through ${r.guardedRatio.toFixed(2)}×); ${r.ops} requests per round; RequiresReadyGuard alone ${r.guardNs.toFixed(0)} ns per call`);
}
