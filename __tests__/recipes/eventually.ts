import { firstValueFrom, filter, type Observable } from 'rxjs';
import type { ComponentEvent } from 'preheat';

/** Polls `check` until it holds; real time, because real sockets close in real time. */
export async function eventually(check: () => boolean, what: string, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`still not true after ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** How many of this process's active resources are of `kind` ('TCPSocketWrap', 'Timeout', …). */
export function activeResources(kind: string): number {
  return process.getActiveResourcesInfo().filter((k) => k === kind).length;
}

/** The first event that matches. */
export function nextEvent(events$: Observable<ComponentEvent>, match: (e: ComponentEvent) => boolean): Promise<ComponentEvent> {
  return firstValueFrom(events$.pipe(filter(match)));
}

/** A port that was free a moment ago, for a server that starts later. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
