// Progressive health (docs/lifecycle.md#progressive-health): a component scored by two weighted
// checks, whose own code reads its operating mode to degrade gracefully.
import 'reflect-metadata';
import { Container } from 'inversify';
import { Component, Warmup } from 'preheat';

/** Stands for a search cluster's client: its latency and error rate come and go. */
export class SearchClient {
  latencyMs = 20;
  errorRate = 0;
  query(q: string): Promise<string[]> {
    return Promise.resolve([1, 2, 3, 4, 5].map((n) => `${q} #${n}`));
  }
}

@Component({
  inject: [Warmup], // the Warmup is bound in the container below: a component may read its own mode
  health: { tags: ['search'], period: 5_000 },
  healthChecks: [
    { name: 'latency', weight: 2, check: (s: Search) => (s.client.latencyMs < 50 ? 1 : s.client.latencyMs < 200 ? 0.6 : 0.1) },
    { name: 'errors', check: (s: Search) => ({ score: 1 - s.client.errorRate, detail: { errorRate: s.client.errorRate } }) },
  ],
})
export class Search {
  readonly client = new SearchClient();
  constructor(private readonly warmup: Warmup) {}

  async find(q: string): Promise<string[]> {
    switch (this.warmup.mode(Search)) {
      case 'full':
      case 'normal':
        return this.client.query(q);
      case 'reduced':
        return (await this.client.query(q)).slice(0, 2); // fewer results, less load
      case 'minimal':
      case 'offline':
        return [`${q} (cached)`];
    }
  }
}

/** The container, its Warmup (bound in it, for components that read their mode), and Search. */
export function searchService(): { container: Container; warmup: Warmup } {
  const container = new Container();
  const warmup = new Warmup(container);
  container.bind(Warmup).toConstantValue(warmup);
  warmup.register(Search);
  return { container, warmup };
}
