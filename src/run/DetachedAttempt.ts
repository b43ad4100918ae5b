import type { StepTags, StepWork } from '../component/WarmupContext.js';
import type { AttemptAbort } from './AttemptAbort.js';
import type { AttemptDetail } from './AttemptDetail.js';
import type { Clock } from './Clock.js';
import { runStep, type StepHost } from './runStep.js';

/**
 * The handle of work that runs a warm-up outside a load attempt (the health monitor's recovery in
 * place calls `onWarmup` again): steps run and honour the abort but are not recorded (there is no
 * attempt record to keep them in), and `extendTimeout` moves nothing (NaN).
 */
export class DetachedAttempt implements StepHost {
  constructor(
    private readonly abort: AttemptAbort,
    readonly componentName: string,
    private readonly clock: Clock,
  ) {}

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  get aborted(): boolean {
    return this.abort.aborted;
  }

  get reason(): unknown {
    return this.abort.reason;
  }

  now(): number {
    return this.clock.now();
  }

  detail(): AttemptDetail | undefined {
    return undefined;
  }

  step<T>(name: string, fn: StepWork<T>, tags: StepTags | undefined, parent: number): Promise<Awaited<T>> {
    return runStep(this, name, fn, tags, parent);
  }

  extendTimeout(): number {
    return NaN;
  }
}
