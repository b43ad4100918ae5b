/**
 * NestJS 12: one module whose providers are async factories (`useFactory: async (...deps) => …,
 * inject: [...]`), booted with `NestFactory.createApplicationContext`.
 */
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

export async function boot(w, probe, _opts, tokens) {
  const { init } = probe;
  const providers = new Array(w.n);
  for (let i = 0; i < w.n; i++) {
    const inject = [];
    for (let e = w.depStart[i]; e < w.depStart[i + 1]; e++) inject.push(tokens[w.depList[e]]);
    providers[i] = { provide: tokens[i], useFactory: async (...deps) => (void deps, init(i)), inject };
  }
  const t0 = performance.now();
  class AppModule {}
  Module({ providers })(AppModule);
  const t1 = performance.now();
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false, abortOnError: false });
  const t2 = performance.now();
  return { registerMs: t1 - t0, bootMs: t2 - t1, bootStart: t1, keep: app };
}
