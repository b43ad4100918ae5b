// Example: preheat/lambda (docs/integrations.md#aws-lambda). An ES module handler:
// `handler.initialized` at the top level holds Lambda's init phase until CRITICAL (config) is
// usable, 3 s at most; Db finishes on the first invocation, which waits for it with the time it
// has left. Warmer pings (serverless-plugin-warmup, EventBridge schedules) warm without running
// the handler.
import { withWarmup } from 'preheat/lambda';
import { Db, exampleWarmup } from './components.js';

interface HttpEvent {
  readonly rawPath?: string;
}
interface HttpResult {
  readonly statusCode: number;
  readonly headers?: Record<string, string>;
  readonly body: string;
}

const warmup = exampleWarmup();

export const handler = withWarmup(
  warmup,
  async (_event: HttpEvent): Promise<HttpResult> => {
    const orders = await Promise.resolve(warmup.container.get(Db).orders()); // your real I/O here
    return { statusCode: 200, body: JSON.stringify(orders) };
  },
  {
    initBudgetMs: 3_000,
    requires: [Db],
    reserveMs: 500,
    onNotReady: (error) => ({ statusCode: 503, headers: { 'retry-after': '1' }, body: JSON.stringify({ error: error.code, component: error.component }) }),
  },
);

const { critical, elapsedMs } = await handler.initialized;
console.log(`init: CRITICAL ${critical} after ${elapsedMs} ms`);
