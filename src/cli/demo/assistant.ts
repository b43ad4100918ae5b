// The seed's voice assistant, simulated: sixteen components across every priority with real
// dependencies and delays in the range the seed measured (scaled down so the demo takes seconds).
// It uses preheat through its public API only, in both styles: @Component classes with
// constructor injection, and loader definitions. Two of them record named steps (see the report,
// the timeline's sub-bars and `preheat analyze blame`), and one is disabled (Skipped).
import { Container } from 'inversify';
import { Component, Priority, Warmup, defineComponent, type CheckHealth, type LoadContext, type OnWarmup, type Prime, type WarmupContext, type WarmupOptions } from '../../index.js';
import { simulate } from './simulate.js';

interface Config {
  readonly wakeWord: string;
  readonly locale: string;
}

const config = defineComponent<Config>({
  token: 'config',
  priority: Priority.CRITICAL,
  load: async ({ signal }) => {
    await simulate(60, signal);
    return { wakeWord: 'jarvis', locale: 'en-GB' };
  },
});

@Component({ name: 'screen_lock_detector', priority: Priority.CRITICAL, dependsOn: ['config'], timeout: 2_000 })
export class ScreenLockDetector implements OnWarmup, CheckHealth {
  async onWarmup(signal: AbortSignal): Promise<void> {
    await simulate(220, signal);
  }
  isScreenLocked(): boolean {
    return false;
  }
  checkHealth(): boolean {
    return typeof this.isScreenLocked() === 'boolean';
  }
}

@Component({ name: 'voice_auth', priority: Priority.CRITICAL, dependsOn: ['config'], timeout: 3_000 })
export class VoiceAuth implements OnWarmup {
  async onWarmup(signal: AbortSignal): Promise<void> {
    await simulate(380, signal); // the seed's slow network handshake with the voice-auth service
  }
}

/**
 * Loads in named, tagged steps; each finished step is progress, which buys it more time. With a
 * cache, its built vocabulary is persisted warm state, restored far faster than rebuilt.
 */
@Component({ name: 'nlp_engine', priority: Priority.HIGH, dependsOn: ['config'], memoryMb: 400, timeout: 2_000, maxTimeout: 10_000, cacheVersion: 1 })
export class NlpEngine implements OnWarmup {
  vocabulary: readonly string[] = [];
  async onWarmup(signal: AbortSignal, ctx: WarmupContext): Promise<void> {
    await ctx.step('load vocabulary', () => simulate(200, signal), { words: 50_000 });
    ctx.extendTimeout(2_000);
    await ctx.step('load intent model', () => simulate(450, signal), { model: 'intent-v3' });
    this.vocabulary = ['open', 'close', 'remind', 'weather'];
  }
  /** Persisted warm state (with a cache): the built vocabulary. */
  snapshot(): unknown {
    return { vocabulary: this.vocabulary };
  }
  async restore(state: { vocabulary: string[] }, signal: AbortSignal): Promise<void> {
    await simulate(60, signal);
    this.vocabulary = state.vocabulary;
  }
}

// `inject` lists the constructor's dependencies, so this works with any compiler (the demo is built by
// esbuild, which emits no decorator metadata); each one is an edge, like dependsOn.
@Component({ name: 'context_aware_handler', priority: Priority.HIGH, inject: [ScreenLockDetector, NlpEngine] })
export class ContextAwareHandler implements OnWarmup, Prime {
  constructor(
    readonly screen: ScreenLockDetector, // injected: an edge ScreenLockDetector → ContextAwareHandler
    readonly nlp: NlpEngine,
  ) {}
  async onWarmup(signal: AbortSignal): Promise<void> {
    await simulate(280, signal);
  }
  /** Priming: one representative request before ready, so the first real one finds warm code. */
  async prime(signal: AbortSignal): Promise<void> {
    await simulate(30, signal);
  }
}

const yabaiDetector = defineComponent({ token: 'yabai_detector', priority: Priority.HIGH, load: simulated(150, { spaces: 4 }) });

const visionSystem = defineComponent({
  token: 'vision_system',
  priority: Priority.HIGH,
  dependsOn: ['yabai_detector'],
  memoryMb: 300,
  load: simulated(480, { describeScreen: () => 'a terminal and a browser' }),
});

/** Flaky: the first attempt hits the seed's "accessibility API not ready yet"; the retry works. */
const macosController = defineComponent({
  token: 'macos_controller',
  priority: Priority.HIGH,
  retries: 2,
  backoff: { delay: 100, factor: 2 },
  load: async ({ signal, attempt }: LoadContext) => {
    await simulate(attempt === 1 ? 120 : 140, signal);
    if (attempt === 1) throw new Error('accessibility API not ready yet');
    return { openApp: (name: string) => `opened ${name}` };
  },
});

/** The seed's slowest I/O, in steps: `preheat analyze blame` names `migrate` as its slowest. */
@Component({ name: 'learning_database', priority: Priority.MEDIUM, timeout: 5_000 })
export class LearningDatabase implements OnWarmup {
  async onWarmup(signal: AbortSignal, ctx: WarmupContext): Promise<void> {
    await ctx.step('connect', () => simulate(200, signal), { host: 'localhost' });
    await ctx.step('migrate', async (stepSignal, steps) => {
      await steps.step('lock', () => simulate(50, stepSignal));
      await steps.step('apply', () => simulate(400, stepSignal), { migrations: 12 });
    });
    await ctx.step('warm cache', () => simulate(100, signal));
  }
}

/** Disabled unless ASSISTANT_TELEMETRY=1: it ends Skipped, and analytics (an optional edge) goes on without it. */
const telemetryUploader = defineComponent({
  token: 'telemetry_uploader',
  priority: Priority.MEDIUM,
  enabled: function telemetryOptedIn() {
    return process.env.ASSISTANT_TELEMETRY === '1';
  },
  load: simulated(120, { upload: (events: readonly unknown[]) => events.length }),
});

const analytics = defineComponent({
  token: 'analytics',
  priority: Priority.MEDIUM,
  dependsOn: [LearningDatabase],
  optionalDependsOn: ['telemetry_uploader'], // undefined while telemetry is off
  load: simulated(220, {}),
});

/** Optional, and it fails: the boot goes on without the weather. */
const weatherService = defineComponent({
  token: 'weather_service',
  priority: Priority.MEDIUM,
  required: false,
  load: async ({ signal }: LoadContext) => {
    await simulate(180, signal);
    throw new Error('getaddrinfo ENOTFOUND api.weather.example');
  },
});

const predictiveHandler = defineComponent({
  token: 'predictive_handler',
  priority: Priority.LOW,
  dependsOn: [LearningDatabase, ContextAwareHandler],
  load: simulated(320, {}),
});

const proactiveSuggestions = defineComponent({
  token: 'proactive_suggestions',
  priority: Priority.LOW,
  dependsOn: ['predictive_handler', 'analytics'],
  optionalDependsOn: ['weather_service'], // loads, and sees undefined, when the weather failed
  load: simulated(260, {}),
});

/** Ends Degraded: it loads, but its health check keeps answering false. */
@Component({ name: 'pattern_learner', priority: Priority.LOW, retries: 1, backoff: { delay: 80 } })
export class PatternLearner implements OnWarmup, CheckHealth {
  async onWarmup(signal: AbortSignal): Promise<void> {
    await simulate(200, signal);
  }
  checkHealth(): boolean {
    return false; // training data is stale: usable, not healthy
  }
}

const largeMlModel = defineComponent({
  token: 'large_ml_model',
  priority: Priority.DEFERRED,
  memoryMb: 2_000,
  load: simulated(900, { predict: (input: string) => input.length }),
});

/**
 * A Warmup with the assistant's components registered, ready to boot. Also the default export,
 * so `preheat boot dist/cli/demo/assistant.js` boots it.
 */
export function createAssistant(adaptive: Pick<WarmupOptions, 'profile' | 'cache'> = {}): Warmup {
  return new Warmup(new Container(), { maxConcurrent: 4, ...adaptive }).register(
    config,
    ScreenLockDetector,
    VoiceAuth,
    NlpEngine,
    ContextAwareHandler,
    yabaiDetector,
    visionSystem,
    macosController,
    LearningDatabase,
    telemetryUploader,
    analytics,
    weatherService,
    predictiveHandler,
    proactiveSuggestions,
    PatternLearner,
    largeMlModel,
  );
}

export default createAssistant;

function simulated<T>(ms: number, value: T): (ctx: LoadContext) => Promise<T> {
  return async ({ signal }) => {
    await simulate(ms, signal);
    return value;
  };
}
