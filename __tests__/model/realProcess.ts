import Module from 'node:module';

/**
 * The process that Node emits `unhandledRejection` on. Under jest, the global `process` of a test
 * is a copy whose listeners never hear that event, so the test reaches the real one through Node's
 * own loader; outside jest this is the global `process` itself.
 */
export const realProcess: NodeJS.Process =
  ((Module as unknown as { _load?: (id: string) => unknown })._load?.('process') as NodeJS.Process | undefined) ?? process;

/** The macrotask queue of the real event loop, captured before fake timers replace the global. */
export const realSetImmediate: (fn: () => void) => void = globalThis.setImmediate.bind(globalThis);
