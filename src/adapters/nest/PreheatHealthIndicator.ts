import { Inject, Injectable } from '@nestjs/common';
import { ComponentStatus, Warmup } from '../../index.js';
import { probeWarmup, type ProbeWarmupOptions } from '../http/probeWarmup.js';
import type { ProbeKind } from '../http/ProbeResult.js';

/**
 * What `PreheatHealthIndicator.isHealthy` returns: a `HealthIndicatorResult` of
 * `@nestjs/terminus` 12 (`{ [key]: { status: 'up' | 'degraded' | 'down', …data } }`), typed
 * here so that `preheat/nest` does not need terminus installed.
 *
 * @example
 * ```json
 * { "preheat": { "status": "down", "phase": "booting", "failed": [], "waiting": ["SearchIndex"], "reason": "required components are still loading" } }
 * ```
 */
export type PreheatHealthResult<Key extends string = string> = Record<
  Key,
  {
    readonly status: 'up' | 'degraded' | 'down';
    readonly phase: string;
    readonly failed: readonly string[];
    readonly waiting: readonly string[];
    readonly degraded?: readonly string[];
    readonly reason?: string;
  }
>;

/**
 * A health indicator for `@nestjs/terminus`: the verdict of one probe of preheat (`readiness`
 * by default; `startup`, `liveness`) as terminus's `HealthCheckService.check()` expects it.
 * `down` makes terminus answer 503; `degraded` (a required component Degraded that still serves)
 * keeps 200 with status `degraded`. Readiness is `down` from the moment shutdown begins, before
 * any of Nest's hooks run (see `PreheatModule`). Provided by `PreheatModule.forRoot()`.
 *
 * @example
 * ```ts
 * @Controller('health')
 * class HealthController {
 *   constructor(private readonly health: HealthCheckService, private readonly preheat: PreheatHealthIndicator) {}
 *   @Get('ready') @HealthCheck()
 *   ready() { return this.health.check([() => this.preheat.isHealthy('preheat')]); }
 *   @Get('live') @HealthCheck()
 *   live() { return this.health.check([() => this.preheat.isHealthy('preheat', 'liveness')]); }
 * }
 * ```
 */
@Injectable()
export class PreheatHealthIndicator {
  constructor(@Inject(Warmup) private readonly warmup: Warmup) {}

  /** The probe's verdict under `key`. */
  isHealthy<const Key extends string = 'preheat'>(key: Key = 'preheat' as Key, probe: ProbeKind = 'readiness', options: Omit<ProbeWarmupOptions, 'report'> = {}): PreheatHealthResult<Key> {
    const report = this.warmup.report();
    const result = probeWarmup(this.warmup, probe, { ...options, report });
    const degraded = result.ok && Object.values(report.components).some((c) => c.required && c.status === ComponentStatus.Degraded);
    const { ok: _ok, probe: _probe, ...data } = result;
    return { [key]: { status: !result.ok ? 'down' : degraded ? 'degraded' : 'up', ...data } } as PreheatHealthResult<Key>;
  }
}
