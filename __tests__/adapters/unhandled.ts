import { afterAll, beforeAll, expect } from '@jest/globals';

/**
 * Fails the file if any promise rejection went unhandled while it ran: an adapter that starts the
 * boot in the background must catch what it does not hand back.
 */
export function failOnUnhandledRejections(): void {
  const seen: unknown[] = [];
  const record = (reason: unknown): void => void seen.push(reason);
  beforeAll(() => void process.on('unhandledRejection', record));
  afterAll(async () => {
    await new Promise((resolve) => setTimeout(resolve, 20)); // let a late one surface
    process.off('unhandledRejection', record);
    expect(seen).toEqual([]);
  });
}
