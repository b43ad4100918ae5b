import { ComponentStatus, isUsable } from '../component/ComponentStatus.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import { retryDelay } from '../component/RetryPolicy.js';
import { BootCancelledError } from '../errors/BootCancelledError.js';
import { describeError } from '../errors/describeError.js';
import { ErrorCode } from '../errors/ErrorCode.js';
import { PreheatError } from '../errors/PreheatError.js';
import type { ComponentStates } from '../readiness/ComponentStates.js';
import { checkHealth } from '../run/checkHealth.js';
import type { Clock } from '../run/Clock.js';
import { wait } from '../run/Deadline.js';
import { InFlight } from '../run/InFlight.js';
import { healthHookOf } from '../run/instanceHooks.js';
import type { HealthScore, MonitorHandle, ResolvedMonitorOptions } from './MonitorOptions.js';
import { recoverInPlace } from './recoverInPlace.js';

/** What a monitor works on, built once per Warmup (see Monitors). */
export interface MonitorEnvironment {
  readonly specs: readonly ComponentSpec[];
  readonly states: ComponentStates;
  readonly clock: Clock;
  readonly healthTimeout: number;
  readonly random: () => number;
  /** The recoveries are used up: give the component up (or restart it, per the options). */
  giveUp(index: number, error: Error, restart: boolean): void;
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
 * stale reference), after the recovery policy's backoff, at most `recoveryAttempts` times; then it
 * is given up (or restarted). `successThreshold` good checks in a row make it Ready again, unless it
 * is degraded because a dependency was given up.
 */
export class HealthMonitor implements MonitorHandle {
  readonly #env: MonitorEnvironment;
  readonly #options: ResolvedMonitorOptions;
  readonly #tracks = new Map<number, Track>();
  /** Checks, recoveries, backoffs and the round timer in flight: {@link stop} aborts them all. */
  readonly #inFlight = new InFlight();
  #stopped = false;

  constructor(env: MonitorEnvironment, options: ResolvedMonitorOptions) {
    this.#env = env;
    this.#options = options;
  }

  start(): this {
    this.#schedule();
    return this;
  }

  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#inFlight.abortAll(new BootCancelledError('the health monitor stopped'));
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

  /** Forgets what it knew of a component (it was rebuilt: a new instance, a fresh record). */
  forget(index: number): void {
    this.#tracks.delete(index);
  }

  #schedule(): void {
    if (this.#stopped) return;
    wait(this.#env.clock, this.#options.interval, this.#inFlight).then(
      () => void this.#round().then(() => this.#schedule()),
      noop, // stopped
    );
  }

  /** One round: every usable component with a health check, in parallel. Never rejects. */
  async #round(): Promise<void> {
    const { specs, states } = this.#env;
    const checks: Promise<void>[] = [];
    for (const spec of specs) {
      const i = spec.index;
      if (!isUsable(states.status[i]!) || healthHookOf(spec, states.instance[i]) === undefined) continue;
      const track = this.#track(i);
      if (track.inFlight || track.recovering) continue;
      checks.push(
        this.#check(spec, track).catch((error: unknown) => {
          // A bug, not the component's failure: said about the component it concerns, once.
          states.warn(i, this.#env.clock.now(), `health monitor could not check it: ${describeError(error)}`);
        }),
      );
    }
    await Promise.all(checks);
  }

  async #check(spec: ComponentSpec, track: Track): Promise<void> {
    const { clock, states, healthTimeout } = this.#env;
    const i = spec.index;
    track.inFlight = true;
    const startedAt = clock.now();
    const instance = states.instance[i];
    let problem: Error | undefined;
    try {
      problem = await checkHealth({
        spec,
        hook: healthHookOf(spec, instance)!,
        instance,
        clock,
        timeoutMs: spec.healthTimeout ?? healthTimeout,
        inFlight: this.#inFlight,
      });
    } catch {
      return; // stopped
    } finally {
      track.inFlight = false;
    }
    const at = clock.now();
    const healthy = problem === undefined;
    this.#remember(track, healthy, at - startedAt, at);
    states.health(i, at, healthy, at - startedAt, problem);
    if (!isUsable(states.status[i]!) || states.instance[i] !== instance) return; // changed meanwhile
    const { failureThreshold, successThreshold, recovery } = this.#options;
    if (healthy) {
      if (states.status[i] === ComponentStatus.Degraded && track.consecutiveSuccesses >= successThreshold && !heldDown(states, i)) {
        track.recoveries = 0;
        states.restore(i, at);
      }
      return;
    }
    if (track.consecutiveFailures < failureThreshold) return;
    if (states.status[i] === ComponentStatus.Ready) states.degrade(i, problem!, at);
    if (track.recoveries >= recovery.count) {
      this.#env.giveUp(i, problem!, this.#options.restart);
      return;
    }
    track.consecutiveFailures = 0;
    void this.#recover(spec, track);
  }

  async #recover(spec: ComponentSpec, track: Track): Promise<void> {
    const { clock, states, random } = this.#env;
    track.recovering = true;
    track.recoveries++;
    try {
      await wait(clock, retryDelay(this.#options.recovery, track.recoveries, random), this.#inFlight);
      await recoverInPlace(spec, states.instance[spec.index], clock, this.#inFlight);
    } catch (error) {
      if (!this.#stopped) states.warn(spec.index, clock.now(), `recovery ${track.recoveries} failed: ${describeError(error)}`);
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

/** Degraded because a dependency was given up: its own good checks cannot make it Ready. */
function heldDown(states: ComponentStates, index: number): boolean {
  const error = states.error[index];
  return PreheatError.is(error) && error.code === ErrorCode.DependencyFailed;
}

function noop(): void {}
