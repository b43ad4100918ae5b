import { ComponentStatus, isUsable } from '../component/ComponentStatus.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import { retryDelay } from '../component/RetryPolicy.js';
import { BootCancelledError } from '../errors/BootCancelledError.js';
import { describeError } from '../errors/describeError.js';
import { ErrorCode } from '../errors/ErrorCode.js';
import { PreheatError } from '../errors/PreheatError.js';
import type { ComponentStates } from '../readiness/ComponentStates.js';
import type { HealthRecords } from '../health/HealthRecords.js';
import { checkHealth, hasHealthCheck, unhealthyError } from '../run/checkHealth.js';
import type { Clock } from '../run/Clock.js';
import { wait } from '../run/Deadline.js';
import { InFlight } from '../run/InFlight.js';
import type { HealthScore, MonitorHandle, ResolvedMonitorOptions } from './MonitorOptions.js';
import { recoverInPlace } from './recoverInPlace.js';

/** What a monitor works on, built once per Warmup (see Monitors). */
export interface MonitorEnvironment {
  readonly specs: readonly ComponentSpec[];
  readonly states: ComponentStates;
  readonly clock: Clock;
  readonly healthTimeout: number;
  readonly random: () => number;
  /** The cache of health results: every check's result goes there. */
  readonly health: HealthRecords;
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
  lastCheckedAt: number;
}

/**
 * Re-runs health checks of usable components (the seed's "component loads but is broken"): each
 * component first `health.delay` after the monitor starts, then `health.period` after its previous
 * check ended (the period defaults to `interval`, the delay to the period), at most `concurrency` checks at a time. A check's result
 * goes to the health cache; a score that puts the component in mode `'offline'` is a failed check. `failureThreshold` failures in a row make a Ready component Degraded and start a
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
  /** When each component's next check is due (clock time), once the monitor has looked at it. */
  readonly #due = new Map<number, number>();
  /** Components queued for a slot or being checked. */
  readonly #busy = new Set<number>();
  /** Checks waiting for a slot, first come first served. */
  readonly #queue: ComponentSpec[] = [];
  #running = 0;
  #startedAt = NaN;
  /** The one timer: it wakes the monitor at the earliest due check. */
  #timer: { readonly at: number; readonly cancel: () => void } | undefined;
  #stopped = false;

  constructor(env: MonitorEnvironment, options: ResolvedMonitorOptions) {
    this.#env = env;
    this.#options = options;
  }

  start(): this {
    this.#startedAt = this.#env.clock.now();
    this.#wake();
    return this;
  }

  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#timer?.cancel();
    this.#timer = undefined;
    this.#queue.length = 0;
    this.#inFlight.abortAll(new BootCancelledError('the health monitor stopped'));
  }

  /** True until {@link stop}. */
  get running(): boolean {
    return !this.#stopped;
  }

  /** Time between two checks of this component: its `health.period`, else the `interval`. */
  periodOf(spec: ComponentSpec): number {
    return spec.health.period ?? this.#options.interval;
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

  /**
   * Queues every component whose check is due (usable, with a check, no recovery running); moves the
   * others' due time on by their period; arms the timer for the earliest due time. O(V).
   */
  #wake(): void {
    if (this.#stopped) return;
    this.#timer = undefined;
    const { specs, states, clock } = this.#env;
    const now = clock.now();
    let next = Infinity;
    for (const spec of specs) {
      const i = spec.index;
      if (this.#busy.has(i)) continue;
      let due = this.#due.get(i) ?? this.#startedAt + (spec.health.delay ?? this.periodOf(spec));
      if (due <= now) {
        if (isUsable(states.status[i]!) && hasHealthCheck(spec, states.instance[i]) && this.#tracks.get(i)?.recovering !== true) {
          this.#enqueue(spec);
          continue;
        }
        due = now + this.periodOf(spec); // nothing to check now: look again a period later
      }
      this.#due.set(i, due);
      if (due < next) next = due;
    }
    this.#arm(next);
  }

  /** Makes sure the timer fires by `at`. */
  #arm(at: number): void {
    if (this.#stopped || at === Infinity || (this.#timer !== undefined && this.#timer.at <= at)) return;
    this.#timer?.cancel();
    const { clock } = this.#env;
    this.#timer = { at, cancel: clock.setTimeout(() => this.#wake(), Math.max(0, at - clock.now())) };
  }

  #enqueue(spec: ComponentSpec): void {
    this.#busy.add(spec.index);
    if (this.#running < this.#options.concurrency) this.#run(spec);
    else this.#queue.push(spec);
  }

  /** Runs one check in a slot; then the next queued one, and the component's next check a period on. */
  #run(spec: ComponentSpec): void {
    const { states, clock } = this.#env;
    const i = spec.index;
    this.#running++;
    const done = (): void => {
      this.#running--;
      this.#busy.delete(i);
      if (this.#stopped) return;
      const due = clock.now() + this.periodOf(spec);
      this.#due.set(i, due);
      const queued = this.#queue.shift();
      if (queued !== undefined) this.#run(queued);
      this.#arm(due);
    };
    const track = this.#track(i);
    this.#check(spec, track)
      .catch((error: unknown) => {
        // A bug, not the component's failure: said about the component it concerns, once.
        states.warn(i, clock.now(), `health monitor could not check it: ${describeError(error)}`);
      })
      .finally(done);
  }

  async #check(spec: ComponentSpec, track: Track): Promise<void> {
    const { clock, states, healthTimeout, health } = this.#env;
    const i = spec.index;
    const instance = states.instance[i];
    // Usable when queued; a slot may have come later.
    if (!isUsable(states.status[i]!) || !hasHealthCheck(spec, instance)) return;
    const startedAt = clock.now();
    health.begin(i);
    let evaluation;
    try {
      evaluation = await checkHealth({ spec, instance, clock, timeoutMs: spec.healthTimeout ?? healthTimeout, inFlight: this.#inFlight });
    } catch {
      health.cancel(i);
      return; // stopped
    }
    const at = clock.now();
    const healthy = health.record(i, instance, evaluation, at) !== 'offline';
    const problem = healthy ? undefined : unhealthyError(spec, evaluation, undefined);
    this.#remember(track, healthy, at - startedAt, at);
    states.health(i, at, healthy, at - startedAt, problem);
    // Changed meanwhile, or a listener of the health event stopped the monitor.
    if (this.#stopped || !isUsable(states.status[i]!) || states.instance[i] !== instance) return;
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
    if (this.#stopped) return; // a listener of the status event stopped the monitor: no give-up, no recovery
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

