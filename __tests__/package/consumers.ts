/**
 * The sources of the scratch consumer project that tarball.test.ts installs the packed preheat
 * into, as file name → text. They are strings rather than files in the repository because they
 * import `preheat/http` & co. by package name, which only resolves once a build is installed:
 * the repository's own lint and typecheck must not see them.
 */

/**
 * What both runtime consumers do with their imports, whichever module system loaded them: one
 * real use of each subpath export, printed as one JSON line for the test to check.
 */
const scenario = `
  const container = new Container();
  const warmup = new Warmup(container).register({ token: 'answer', priority: Priority.CRITICAL, load: () => 42 });

  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const stopTracing = instrumentWarmup(warmup, { tracerProvider });
  const registry = new Registry();
  registerWarmupMetrics(warmup, { registry });
  const probes = await startProbeServer(warmup, { port: 0, host: '127.0.0.1' });
  const readyz = async () => (await fetch('http://127.0.0.1:' + probes.address().port + '/readyz')).status;

  let beforeBoot;
  try {
    container.get('answer');
  } catch (error) {
    beforeBoot = error instanceof PreheatError ? error.code : String(error);
  }
  const readyzBeforeBoot = await readyz();

  // preheat/fastify and preheat/express gate a route on the component until it is usable.
  const fastifyApp = Fastify();
  await fastifyApp.register(preheatFastify, { warmup, boot: false, ready: 'none' });
  fastifyApp.get('/answer', { config: { requires: ['answer'] } }, async () => fastifyApp.container.get('answer'));
  const expressApp = express();
  expressApp.get('/answer', requireReady(warmup, 'answer'), (_req, res) => res.json(container.get('answer')));
  const web = await listen(expressApp, { warmup, port: 0, host: '127.0.0.1', signals: [] });
  const gated = async () => [(await fastifyApp.inject('/answer')).statusCode, (await fetch('http://127.0.0.1:' + web.port + '/answer')).status];
  const gatedBeforeBoot = await gated();

  await warmup.boot();
  const result = {
    answer: container.get('answer'),
    beforeBoot,
    readyz: [readyzBeforeBoot, await readyz()],
    gated: [gatedBeforeBoot, await gated()],
    spans: (stopTracing(), exporter.getFinishedSpans().map((span) => span.name).sort()),
    metric: (await registry.metrics()).split('\\n').find((line) => line.startsWith('preheat_component_status{name="answer",status="ready"}')),
    version,
    // preheat re-exports inversify's LazyServiceIdentifier: the same object only with one inversify loaded.
    sameInversify: LazyServiceIdentifier === InversifyLazyServiceIdentifier,
    resolved,
  };
  probes.close();
  await web.shutdown(); // the warmup's shutdown, with the express server closed in it
  await fastifyApp.close();
  await warmup.shutdown();
  await tracerProvider.shutdown();
  console.log(JSON.stringify(result));
`;

/** `import` of every subpath (a `.mjs` file is ESM whatever the package.json says). */
const esm = `import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Container, LazyServiceIdentifier as InversifyLazyServiceIdentifier } from 'inversify';
import { Registry } from 'prom-client';
import { LazyServiceIdentifier, PreheatError, Priority, Warmup } from 'preheat';
import { startProbeServer } from 'preheat/http';
import { instrumentWarmup } from 'preheat/otel';
import { registerWarmupMetrics } from 'preheat/prometheus';
import Fastify from 'fastify';
import express from 'express';
import preheatFastify from 'preheat/fastify';
import { listen, requireReady } from 'preheat/express';

const require = createRequire(import.meta.url);
const { version } = require('preheat/package.json');
const real = (url) => realpathSync(fileURLToPath(url));
const preheat = real(import.meta.resolve('preheat'));
const resolved = {
  preheat,
  subpaths: ['preheat/http', 'preheat/otel', 'preheat/prometheus', 'preheat/fastify', 'preheat/express'].map((id) => real(import.meta.resolve(id))),
  inversifyFromConsumer: real(import.meta.resolve('inversify')),
  inversifyFromPreheat: realpathSync(createRequire(preheat).resolve('inversify')),
};
${scenario}`;

/**
 * `require()` of every subpath (a `.cjs` file is CommonJS), through Node's require(esm) of the
 * one ESM build. Node refuses to require a graph with top-level await in it
 * (ERR_REQUIRE_ASYNC_MODULE), so this is also the check that none of the exported graphs has any.
 */
const cjs = `'use strict';
const { realpathSync } = require('node:fs');
const { createRequire } = require('node:module');
const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { Container, LazyServiceIdentifier: InversifyLazyServiceIdentifier } = require('inversify');
const { Registry } = require('prom-client');
const { LazyServiceIdentifier, PreheatError, Priority, Warmup } = require('preheat');
const { startProbeServer } = require('preheat/http');
const { instrumentWarmup } = require('preheat/otel');
const { registerWarmupMetrics } = require('preheat/prometheus');
const Fastify = require('fastify');
const express = require('express');
const preheatFastify = require('preheat/fastify').default;
const { listen, requireReady } = require('preheat/express');

const { version } = require('preheat/package.json');
const preheat = realpathSync(require.resolve('preheat'));
const resolved = {
  preheat,
  subpaths: ['preheat/http', 'preheat/otel', 'preheat/prometheus', 'preheat/fastify', 'preheat/express'].map((id) => realpathSync(require.resolve(id))),
  inversifyFromConsumer: realpathSync(require.resolve('inversify')),
  inversifyFromPreheat: realpathSync(createRequire(preheat).resolve('inversify')),
};

(async () => {${scenario}})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
`;

/**
 * The types of every subpath, written the way each kind of consumer writes its imports. Each file
 * ends with misuses marked `@ts-expect-error`: were a subpath's types to go missing and turn into
 * `any`, those lines would stop erroring and tsc would fail on the unused directives.
 */
const typeUses = `
const container = new Container();
const warmup: Warmup = new Warmup(container).register({ token: 'db', priority: Priority.CRITICAL, load: () => ({ ok: true }) });
const handler: ProbeHandler = createProbeHandler(warmup, { readiness: 'critical' });
const result: ProbeResult = probeWarmup(warmup, 'readiness');
const server: Promise<Server> = startProbeServer(warmup, { port: 0 });
const tracing: InstrumentOptions = { healthChecks: 'all' };
const stop: () => void = instrumentWarmup(warmup, tracing);
const metrics: WarmupMetrics = registerWarmupMetrics(warmup, { registry: new Registry(), prefix: 'app_' });
const buckets: readonly number[] = defaultLoadBuckets;
const code: ErrorCode = ErrorCode.NotReady;
const onReport = (report: BootReport): number => report.readyCount + buckets.length;
const app = Fastify();
void app.register(preheatPlugin, { warmup, ready: 'critical', probes: { prefix: '/health' }, drainMs: 1_000 });
app.get('/db', { config: { requires: ['db'] } }, async () => app.warmup.getStatus('db') + String(app.container.isBound('db')));
const gate: RequestHandler = requireReady(warmup, 'db');
const router: Router = probeRouter(warmup, { readiness: 'critical' });
void [handler, result.ok, server, stop, metrics.registry, code, onReport, gate, router, listen];

// @ts-expect-error priority is a Priority, not a string
warmup.register({ token: 'x', priority: 'high', load: () => 1 });
// @ts-expect-error a probe kind is 'startup' | 'readiness' | 'liveness'
probeWarmup(warmup, 'ready');
// @ts-expect-error healthChecks is 'failures' | 'all' | 'none'
instrumentWarmup(warmup, { healthChecks: 'some' });
// @ts-expect-error prefix is a string
registerWarmupMetrics(warmup, { prefix: 1 });
// @ts-expect-error ready is 'none' | 'critical' | 'all'
void app.register(preheatPlugin, { warmup, ready: 'later' });
// @ts-expect-error requires lists component tokens
app.get('/x', { config: { requires: [42] } }, async () => 1);
`;

/** TypeScript ESM, for NodeNext (as a .mts file) and for a bundler. */
const esmTypes = `import type { Server } from 'node:http';
import { Container } from 'inversify';
import { Registry } from 'prom-client';
import { ErrorCode, Priority, Warmup, type BootReport } from 'preheat';
import { createProbeHandler, probeWarmup, startProbeServer, type ProbeHandler, type ProbeResult } from 'preheat/http';
import { instrumentWarmup, type InstrumentOptions } from 'preheat/otel';
import { defaultLoadBuckets, registerWarmupMetrics, type WarmupMetrics } from 'preheat/prometheus';
import { fastify as Fastify } from 'fastify';
import type { RequestHandler, Router } from 'express';
import { preheat as preheatPlugin } from 'preheat/fastify';
import { listen, probeRouter, requireReady } from 'preheat/express';
${typeUses}`;

/**
 * TypeScript CommonJS under NodeNext: `import x = require()` and ESM syntax (which a .cts file
 * compiles to require() calls) of an ES-module-only package. TypeScript ≥ 5.8 allows this under
 * `module: nodenext` (and `node20`, 5.9) as Node ≥ 20.19 does; `node16`/`node18` still reject it.
 */
const cts = `import type { Server } from 'node:http';
import preheat = require('preheat');
import http = require('preheat/http');
import otel = require('preheat/otel');
import prometheus = require('preheat/prometheus');
import { Container } from 'inversify';
import { Registry } from 'prom-client';
import { ComponentStatus, isUsable, type BootReport } from 'preheat';

void (isUsable(ComponentStatus.Ready) satisfies boolean);
const { ErrorCode, Priority, Warmup } = preheat;
type Warmup = preheat.Warmup;
type ErrorCode = preheat.ErrorCode;
const { createProbeHandler, probeWarmup, startProbeServer } = http;
type ProbeHandler = http.ProbeHandler;
type ProbeResult = http.ProbeResult;
const { instrumentWarmup } = otel;
type InstrumentOptions = otel.InstrumentOptions;
const { defaultLoadBuckets, registerWarmupMetrics } = prometheus;
type WarmupMetrics = prometheus.WarmupMetrics;
import fastifyAdapter = require('preheat/fastify');
import expressAdapter = require('preheat/express');
import { fastify as Fastify } from 'fastify';
import type { RequestHandler, Router } from 'express';
const preheatPlugin = fastifyAdapter.preheat;
const { listen, probeRouter, requireReady } = expressAdapter;
${typeUses}`;

const compilerOptions = { strict: true, noEmit: true, types: ['node'] };

/** The consumer project: a package of its own, so that `preheat` is not a self-reference to the repository. */
export const consumerFiles: Readonly<Record<string, string>> = {
  'package.json': JSON.stringify({ name: 'preheat-consumer', private: true, dependencies: { preheat: '*' } }),
  'esm.mjs': esm,
  'cjs.cjs': cjs,
  'nodenext.mts': esmTypes,
  'nodenext.cts': cts,
  'bundler.ts': esmTypes,
  // Library checking on: preheat's own .d.ts files must hold under a strict consumer.
  'tsconfig.nodenext.json': JSON.stringify({ compilerOptions: { ...compilerOptions, module: 'nodenext', moduleResolution: 'nodenext', skipLibCheck: false }, files: ['nodenext.mts', 'nodenext.cts'] }),
  'tsconfig.bundler.json': JSON.stringify({ compilerOptions: { ...compilerOptions, module: 'preserve', moduleResolution: 'bundler', skipLibCheck: true }, files: ['bundler.ts'] }),
};
