import { describe, expect, it, jest } from '@jest/globals';
import { Container } from 'inversify';
import { BootCancelledError, BootError, ErrorCode, Priority, Warmup, type ComponentDefinition } from 'preheat';
import { bootOrExit } from '../../examples/recipes/bootOrExit.js';

// The recipe's catch against real boots; only the process exit is replaced.
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason as Error)), { once: true });
  });

const slow: ComponentDefinition = { token: 'db', load: ({ signal }) => sleep(10_000, signal) };
const broken: ComponentDefinition = { token: 'bad', load: () => Promise.reject(new Error('connect ECONNREFUSED')) };

function run(warmup: Warmup) {
  const log = jest.fn<(message: string) => void>();
  const exit = jest.fn<(code: number) => void>();
  return { log, exit, outcome: bootOrExit(warmup, { log, exit }) };
}

/** What boot() itself rejected with (the recipe swallows it). */
async function rejection(warmup: Warmup): Promise<unknown> {
  return warmup.boot().then(() => undefined, (error: unknown) => error);
}

describe('bootOrExit (recipe)', () => {
  it('resolves with the report when the boot succeeds, and neither logs nor exits', async () => {
    const warmup = new Warmup(new Container()).register({ token: 'db', load: () => ({}) });
    const { log, exit, outcome } = run(warmup);
    expect((await outcome)?.readyCount).toBe(1);
    expect(log).not.toHaveBeenCalled();
    expect(exit).not.toHaveBeenCalled();
    await warmup.shutdown();
  });

  describe('having a shutdown (SIGTERM) during the boot', () => {
    it('is not a failure: boot() rejected with BootCancelledError, and the recipe neither logs "boot failed" nor exits', async () => {
      const warmup = new Warmup(new Container()).register(slow);
      const { log, exit, outcome } = run(warmup);
      await sleep(20);
      await warmup.shutdown();

      expect(await outcome).toBeUndefined();
      const error = await rejection(warmup);
      expect(error).toBeInstanceOf(BootCancelledError);
      expect((error as BootCancelledError).code).toBe(ErrorCode.BootCancelled);
      expect((error as BootCancelledError).hint).toMatch(/expected when shutdown\(\) is called during a load/);
      expect(log).not.toHaveBeenCalled();
      expect(exit).not.toHaveBeenCalled();
    });

    it('logs a required component that had failed before the shutdown (boot() rejects with BootError), and leaves the exit to the shutdown', async () => {
      const warmup = new Warmup(new Container()).register(slow, broken);
      const { log, exit, outcome } = run(warmup);
      await sleep(20);
      await warmup.shutdown();

      expect(await outcome).toBeUndefined();
      const error = await rejection(warmup);
      expect(error).toBeInstanceOf(BootError);
      expect((error as BootError).cause).toBeInstanceOf(BootCancelledError);
      expect(log.mock.calls[0]?.[0]).toMatch(/^boot failed: Boot failed: .*\n.*bad/s);
      expect(exit).not.toHaveBeenCalled(); // the shutdown under way ends the process
    });
  });

  describe('having a required component that fails', () => {
    it('logs "boot failed", disposes what was ready, and exits 1', async () => {
      const onShutdown = jest.fn<() => void>();
      const warmup = new Warmup(new Container()).register({ token: 'config', priority: Priority.CRITICAL, load: () => ({}), onShutdown }, broken);
      const { log, exit, outcome } = run(warmup);

      expect(await outcome).toBeUndefined();
      expect(await rejection(warmup)).toBeInstanceOf(BootError);
      expect(log.mock.calls[0]?.[0]).toMatch(/^boot failed: Boot failed: 1 required component\(s\) failed/);
      expect(onShutdown).toHaveBeenCalledTimes(1);
      expect(warmup.phase).toBe('stopped');
      expect(exit.mock.calls).toEqual([[1]]);
    });

    it('under failFast the BootError has a BootCancelledError as its cause, and it is still a failure: exit 1', async () => {
      const warmup = new Warmup(new Container(), { failFast: true }).register(slow, broken);
      const { exit, outcome } = run(warmup);

      await outcome;
      const error = await rejection(warmup);
      expect(error).toBeInstanceOf(BootError);
      expect((error as BootError).cause).toBeInstanceOf(BootCancelledError);
      expect(exit.mock.calls).toEqual([[1]]);
    });
  });
});
