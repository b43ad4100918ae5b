import type { ServiceIdentifier } from 'inversify';
import { Component, type ComponentDefinition, type ComponentOptions, type LoadContext, type Registrable } from '../../src/index.js';
import type { RunLog } from './RunLog.js';
import type { Behaviour, ComponentPlan, HealthAnswer, Scenario } from './Scenario.js';

/** What every instance carries: which component and attempt made it. */
export interface Instance {
  readonly id: string;
}

/**
 * Turns a scenario into registrable items whose loaders, health checks and shutdown hooks play the
 * plan and write what they see into the log. Attempts are counted here, independently of preheat.
 */
export function buildComponents(scenario: Scenario, log: RunLog): { items: Registrable[]; tokens: ServiceIdentifier[] } {
  const tokens: ServiceIdentifier[] = [];
  const items: Registrable[] = [];
  scenario.components.forEach((plan, c) => {
    const options = optionsOf(plan, tokens);
    const play = player(plan, c, log);
    if (plan.kind === 'loader') {
      tokens.push(plan.name);
      items.push(loaderDefinition(plan, c, options, play, tokens, log));
    } else {
      const cls = componentClass(plan, c, options, play, log);
      tokens.push(cls);
      items.push(cls);
    }
  });
  return { items, tokens };
}

function optionsOf(plan: ComponentPlan, tokens: readonly ServiceIdentifier[]): ComponentOptions {
  const required = plan.deps.filter((d) => !d.optional).map((d) => tokens[d.on]!);
  const optional = plan.deps.filter((d) => d.optional).map((d) => tokens[d.on]!);
  const options: Record<string, unknown> = { priority: plan.priority };
  if (required.length > 0) options['dependsOn'] = required;
  if (optional.length > 0) options['optionalDependsOn'] = optional;
  for (const key of ['required', 'timeout', 'retries', 'backoff', 'memoryMb', 'healthTimeout'] as const) {
    if (plan[key] !== undefined) options[key] = plan[key];
  }
  return options;
}

interface Player {
  /** Plays attempt `n`'s behaviour; `value` is what a resolve hands back. */
  attempt(n: number, signal: () => AbortSignal, value: () => unknown): unknown;
  health(n: number, id: string): boolean | Promise<boolean>;
}

function player(plan: ComponentPlan, c: number, log: RunLog): Player {
  const settled = (n: number, how: 'value' | 'reject'): void => log.push({ k: 'settled', c, n, how });
  return {
    attempt(n, signal, value) {
      const behaviour: Behaviour = plan.attempts[n - 1] ?? { kind: 'hang' };
      const failure = (): Error => new Error(`${plan.name}#${n} failed`);
      switch (behaviour.kind) {
        case 'resolve':
          return new Promise((resolve) => setTimeout(() => (settled(n, 'value'), resolve(value())), behaviour.ms));
        case 'reject':
          return new Promise((_, reject) => setTimeout(() => (settled(n, 'reject'), reject(failure())), behaviour.ms));
        case 'throw':
          settled(n, 'reject');
          throw failure();
        case 'hang':
          return new Promise(() => {});
        case 'hangAbortable': {
          const s = signal();
          return new Promise((_, reject) => s.addEventListener('abort', () => (settled(n, 'reject'), reject(s.reason)), { once: true }));
        }
      }
    },
    health(n, id) {
      log.push({ k: 'health', c, n, id });
      const answer: HealthAnswer = plan.health?.[n - 1] ?? { kind: 'hang' };
      if (answer.kind === 'hang') return new Promise(() => {});
      const give = (): boolean => {
        if (answer.kind === 'throw') throw new Error(`${id} health check threw`);
        return answer.kind === 'true';
      };
      if (answer.ms === 0) return give();
      return new Promise((resolve, reject) =>
        setTimeout(() => {
          try {
            resolve(give());
          } catch (error) {
            reject(error);
          }
        }, answer.ms),
      );
    },
  };
}

function loaderDefinition(
  plan: ComponentPlan,
  c: number,
  options: ComponentOptions,
  play: Player,
  tokens: readonly ServiceIdentifier[],
  log: RunLog,
): ComponentDefinition<Instance> {
  let attempts = 0;
  const definition: ComponentDefinition<Instance> = {
    ...options,
    token: plan.name,
    load: (ctx: LoadContext) => {
      const n = ++attempts;
      const gets = plan.deps.map((d) => lookup(ctx, tokens[d.on]!));
      log.push({ k: 'load', c, n, ctxAttempt: ctx.attempt, gets });
      return play.attempt(n, () => ctx.signal, () => ({ id: `${plan.name}#${n}` })) as Instance | Promise<Instance>;
    },
    onShutdown: (instance) => log.push({ k: 'dispose', c, id: instance.id }),
  };
  if (plan.health !== undefined) definition.healthCheck = (instance) => play.health(Number(instance.id.split('#')[1]), instance.id);
  return definition;
}

function lookup(ctx: LoadContext, token: ServiceIdentifier): string | null {
  try {
    const value = ctx.get(token as ServiceIdentifier<Instance | undefined>);
    return value === undefined ? null : value.id;
  } catch (error) {
    return `threw:${(error as { code?: string }).code ?? String(error)}`;
  }
}

function componentClass(plan: ComponentPlan, c: number, options: ComponentOptions, play: Player, log: RunLog): new () => Instance {
  let attempts = 0;
  const cls = class implements Instance {
    readonly id: string;
    readonly n: number;
    constructor() {
      this.n = ++attempts;
      this.id = `${plan.name}#${this.n}`;
      log.push({ k: 'load', c, n: this.n, gets: [] });
    }
    onWarmup(signal: AbortSignal): unknown {
      log.push({ k: 'warmup', c, n: this.n });
      return play.attempt(this.n, () => signal, () => undefined);
    }
    onShutdown(): void {
      log.push({ k: 'dispose', c, id: this.id });
    }
  };
  Object.defineProperty(cls, 'name', { value: plan.name });
  if (plan.health !== undefined) {
    (cls.prototype as unknown as { checkHealth(): unknown }).checkHealth = function (this: InstanceType<typeof cls>) {
      return play.health(this.n, this.id);
    };
  }
  return Component({ ...options, name: plan.name })(cls);
}
