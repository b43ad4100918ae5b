import { ComponentStatus, isUsable } from '../component/ComponentStatus.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import type { ResolvedBackoff } from '../component/ComponentSpec.js';
import { defaultBackoff } from '../component/toComponentSpec.js';
import { validateBackoff } from '../component/validateOptions.js';
import { BootCancelledError } from '../errors/BootCancelledError.js';
import { describeError } from '../errors/describeError.js';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import type { ComponentStates } from '../readiness/ComponentStates.js';
import { backoffDelay } from '../run/backoffDelay.js';
import { checkHealth } from '../run/checkHealth.js';
import type { Clock } from '../run/Clock.js';
import { healthHookOf } from '../run/componentHooks.js';
import { InFlight } from '../run/InFlight.js';
import { sleep } from '../run/sleep.js';
import type { HealthScore, MonitorHandle, MonitorOptions } from './MonitorOptions.js';

/** What the monitor needs from the Warmup. */
export interface MonitorContext {
  readonly specs: readonly ComponentSpec[];
  readonly states: ComponentStates;
  readonly clock: Clock;
  readonly healthTimeout: number;
  readonly random: () => number;
  readonly cancel: AbortSignal;
  /** Runs the component's warm-up again on the same instance; resolves when done. */
  readonly recover: (index: number, signal: AbortSignal) => Promise<void>;
  readonly setStatus: (index: number, status: ComponentStatus, error?: Error) => void;
}

interface Track {
  results: boolean[];
  latencies: number[];
  checks: number;
  failures: number;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
  recoveries: number;
  recovering: boolean;
  inFlight: boolean;
  lastCheckedAt: number;
}

/**
 * Re-runs health checks of usable components on an interval (the seed's "component loads but is
 * broken"). `failureThreshold` failures in a row make a Ready component Degraded and start a
 * recovery in place (the warm-up hook runs again on the same instance, so dependents never hold a
 * stale reference), with backoff, at most `recoveryAttempts` times; then it gives up and the component
 * is Failed. `successThreshold` good checks in a row make it Ready again.
 */
export class HealthMonitor implements MonitorHandle {
  readonly #ctx: MonitorContext;
  readonly #options: Required<Omit<MonitorOptions, 'backoff'>> & { backoff: ResolvedBackoff };
  readonly #tracks = new Map<number, Track>();
  readonly #stop = new AbortController();
  readonly #inFlight = new InFlight();
  #cancelTimer: (() => void) | undefined;

  constructor(ctx: MonitorContext, options: MonitorOptions = {}) {
    this.#ctx = ctx;
    const { interval = 30_000, failureThreshold = 3, successThreshold = 1, recoveryAttempts = 3, window = 20 } = options;
    for (const [name, value] of Object.entries({ interval, failureThreshold, successThreshold, window })) {
      if (!(value > 0) || !Number.isFinite(value)) throw new InvalidOptionError('monitor', name, 'must be a positive finite number', value);
    }
    if (!(Number.isInteger(recoveryAttempts) && recoveryAttempts >= 0)) {
      throw new InvalidOptionError('monitor', 'recoveryAttempts', 'must be a whole number ≥ 0', recoveryAttempts);
    }
    if (options.backoff !== undefined) validateBackoff('monitor', options.backoff);
    this.#options = {
      interval,
      failureThreshold,
      successThreshold,
      recoveryAttempts,
      window,
      backoff: { ...defaultBackoff, ...options.backoff },
    };
    if (ctx.cancel.aborted) this.#stop.abort(ctx.cancel.reason);
    else ctx.cancel.addEventListener('abort', () => this.stop(), { once: true });
  }

  start(): this {
    this.#schedule();
    return this;
  }

  stop(): void {
    if (this.#stop.signal.aborted) return;
    this.#cancelTimer?.();
    const reason = new BootCancelledError('the health monitor stopped');
    this.#stop.abort(reason);
    this.#inFlight.abortAll(reason);
  }

  /** The rolling score of a component, or undefined if never checked. */
  score(index: number): HealthScore | undefined {
    const t = this.#tracks.get(index);
    if (t === undefined) return undefined;
    const passed = t.results.filter(Boolean).length;
    const latency = t.latencies.reduce((a, b) => a + b, 0);
    return {
      score: t.results.length === 0 ? 1 : passed / t.results.length,
      checks: t.checks,
      failures: t.failures,
      consecutiveFailures: t.consecutiveFailures,
      averageLatencyMs: t.latencies.length === 0 ? 0 : latency / t.latencies.length,
      recoveries: t.recoveries,
      lastCheckedAt: t.lastCheckedAt,
    };
  }

  #schedule(): void {
    if (this.#stop.signal.aborted) return;
    this.#cancelTimer = this.#ctx.clock.setTimeout(() => {
      this.#round().then(
        () => this.#schedule(),
        (error: unknown) => {
          this.#ctx.states.warn(0, this.#ctx.clock.now(), `health monitor round failed: ${describeError(error)}`);
          this.#schedule();
        },
      );
    }, this.#options.interval);
  }

  /** One round: every usable component with a health check, in parallel; never rejects. */
  async #round(): Promise<void> {
    const { specs, states } = this.#ctx;
    const checks: Promise<void>[] = [];
    for (const spec of specs) {
      const i = spec.index;
      if (!isUsable(states.status[i]!) || healthHookOf(spec, states.instance[i]) === undefined) continue;
      const track = this.#track(i);
      if (track.inFlight || track.recovering) continue;
      checks.push(this.#check(spec, track));
    }
    await Promise.all(checks);
  }

  async #check(spec: ComponentSpec, track: Track): Promise<void> {
    const { clock, states } = this.#ctx;
    const i = spec.index;
    track.inFlight = true;
    const startedAt = clock.now();
    let problem: Error | undefined;
    try {
      const hook = healthHookOf(spec, states.instance[i])!;
      problem = await checkHealth({
        spec,
        hook,
        instance: states.instance[i],
        clock,
        timeoutMs: spec.healthTimeout ?? this.#ctx.healthTimeout,
        inFlight: this.#inFlight,
      });
    } catch {
      track.inFlight = false;
      return; // stopped
    }
    track.inFlight = false;
    const latency = clock.now() - startedAt;
    const healthy = problem === undefined;
    this.#remember(track, healthy, latency, clock.now());
    states.health(i, clock.now(), healthy, latency, problem);
    if (!isUsable(states.status[i]!)) return;
    const { failureThreshold, successThreshold, recoveryAttempts } = this.#options;
    if (healthy) {
      if (states.status[i] === ComponentStatus.Degraded && track.consecutiveSuccesses >= successThreshold) {
        track.recoveries = 0;
        this.#ctx.setStatus(i, ComponentStatus.Ready);
      }
      return;
    }
    if (track.consecutiveFailures < failureThreshold) return;
    if (states.status[i] === ComponentStatus.Ready) this.#ctx.setStatus(i, ComponentStatus.Degraded, problem);
    if (track.recoveries >= recoveryAttempts) {
      this.#ctx.setStatus(i, ComponentStatus.Failed, problem);
      return;
    }
    track.consecutiveFailures = 0;
    void this.#recover(spec, track);
  }

  async #recover(spec: ComponentSpec, track: Track): Promise<void> {
    track.recovering = true;
    track.recoveries++;
    const signal = this.#stop.signal;
    try {
      await sleep(this.#ctx.clock, backoffDelay(track.recoveries, this.#options.backoff, this.#ctx.random), signal);
      await this.#ctx.recover(spec.index, signal);
    } catch (error) {
      if (!signal.aborted) {
        this.#ctx.states.warn(spec.index, this.#ctx.clock.now(), `recovery ${track.recoveries} failed: ${describeError(error)}`);
      }
    } finally {
      track.recovering = false;
    }
  }

  #track(index: number): Track {
    let track = this.#tracks.get(index);
    if (track === undefined) {
      track = {
        results: [],
        latencies: [],
        checks: 0,
        failures: 0,
        consecutiveFailures: 0,
        consecutiveSuccesses: 0,
        recoveries: 0,
        recovering: false,
        inFlight: false,
        lastCheckedAt: NaN,
      };
      this.#tracks.set(index, track);
    }
    return track;
  }

  #remember(track: Track, healthy: boolean, latency: number, at: number): void {
    track.checks++;
    track.lastCheckedAt = at;
    track.results.push(healthy);
    track.latencies.push(latency);
    if (track.results.length > this.#options.window) {
      track.results.shift();
      track.latencies.shift();
    }
    if (healthy) {
      track.consecutiveSuccesses++;
      track.consecutiveFailures = 0;
    } else {
      track.failures++;
      track.consecutiveFailures++;
      track.consecutiveSuccesses = 0;
    }
  }
}
