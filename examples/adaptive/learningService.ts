// docs/adaptive.md's example: a service that learns from each boot (run by __tests__/adaptive/docsExample.test.ts).
import { Container } from 'inversify';
import { Component, Priority, Warmup, type BootReport, type ComponentDefinition } from 'preheat';

@Component({ name: 'search', priority: Priority.LOW, cacheVersion: 1 })
export class Search {
  index: string[] = [];
  async onWarmup(signal: AbortSignal): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 20)); // stands for building an index: slow
    if (!signal.aborted) this.index = ['alpha', 'beta'];
  }
  snapshot(): unknown {
    return this.index; // persisted warm state, restored at the next boot
  }
  restore(state: string[]): void {
    this.index = state;
  }
  prime(): void {
    this.find('al'); // one representative call before ready
  }
  find(prefix: string): string[] {
    return this.index.filter((term) => term.startsWith(prefix));
  }
}

const reports: ComponentDefinition = { token: 'reports', priority: Priority.MEDIUM, load: () => ({ monthly: () => 42 }) };
const model: ComponentDefinition = { token: 'model', priority: Priority.DEFERRED, adaptive: false, load: () => ({ predict: () => 1 }) };

/** One boot, a few requests, shutdown; `dir` holds the profile and the snapshots between boots. */
export async function bootOnce(dir: string): Promise<BootReport> {
  const container = new Container();
  const warmup = new Warmup(container, {
    profile: { path: `${dir}/profile.json` },
    cache: { dir: `${dir}/cache` },
  }).register(Search, reports, model);
  const report = await warmup.boot();
  warmup.prepare('suggest'); // preloads what 'suggest' used before, when confident
  for (let k = 0; k < 6; k++) {
    await warmup.track('suggest', async () => {
      container.get(Search).find('b');
      (await warmup.getAsync<{ predict(): number }>('model')).predict();
    });
  }
  await warmup.shutdown(); // saves the profile
  return report;
}
