import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { Container } from 'inversify';
import { Warmup } from '../../../src/index.js';
import { ShutdownHooks } from '../../../src/lifecycle/ShutdownHooks.js';

// In process: the signal is emitted on `process` and `process.exit` is replaced, so the handler's
// decisions can be checked (the real SIGTERM in a child process is in integration/signals.test.ts).
describe('enableShutdownHooks', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  const exits = () => jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
  const settle = () => new Promise((r) => setTimeout(r, 20));

  it('shuts down on the signal with its options, once, and exits with the default code', async () => {
    const exit = exits();
    const stopped: string[] = [];
    const warmup = new Warmup(new Container()).register({ token: 'db', load: () => 1, onShutdown: () => void stopped.push('db') });
    await warmup.boot();
    warmup.enableShutdownHooks({ signals: ['SIGUSR2'], beforeStop: () => void stopped.push('server') });
    process.emit('SIGUSR2', 'SIGUSR2');
    process.emit('SIGUSR2', 'SIGUSR2');
    await settle();
    expect(stopped).toEqual(['server', 'db']);
    expect(exit.mock.calls).toEqual([[0]]);
    expect(process.listenerCount('SIGUSR2')).toBe(0);
  });

  it('exits 1 when a hook failed, or with what exitCode says', async () => {
    const exit = exits();
    const failing = new Warmup(new Container()).register({ token: 'db', load: () => 1, onShutdown: () => Promise.reject(new Error('no')) });
    await failing.boot();
    failing.enableShutdownHooks(['SIGUSR2']);
    process.emit('SIGUSR2', 'SIGUSR2');
    await settle();
    const chosen = new Warmup(new Container());
    chosen.enableShutdownHooks({ signals: ['SIGUSR2'], exitCode: (report) => 40 + report.stopped.length });
    process.emit('SIGUSR2', 'SIGUSR2');
    await settle();
    const thrower = new Warmup(new Container());
    thrower.enableShutdownHooks({
      signals: ['SIGUSR2'],
      exitCode: () => {
        throw new Error('bad');
      },
    });
    process.emit('SIGUSR2', 'SIGUSR2');
    await settle();
    expect(exit.mock.calls).toEqual([[1], [40], [1]]);
  });

  it('does not exit with exitCode false; refuses bad shutdown options at once', async () => {
    const exit = exits();
    const quiet = new Warmup(new Container());
    quiet.enableShutdownHooks({ signals: ['SIGUSR2'], exitCode: false });
    process.emit('SIGUSR2', 'SIGUSR2');
    await settle();
    expect(quiet.phase).toBe('stopped');
    expect(exit).not.toHaveBeenCalled();
    const bad = new Warmup(new Container());
    expect(() => bad.enableShutdownHooks({ signals: ['SIGUSR2'], drainMs: -1 })).toThrow(/drainMs/);
    expect(() => bad.enableShutdownHooks({ beforeStop: 'close' as never })).toThrow(/beforeStop/);
    expect(process.listenerCount('SIGUSR2')).toBe(0);
  });

  it('exits with the exitCode given as a number, whatever the report says', async () => {
    const exit = exits();
    const failing = new Warmup(new Container()).register({ token: 'db', load: () => 1, onShutdown: () => Promise.reject(new Error('no')) });
    await failing.boot();
    failing.enableShutdownHooks({ signals: ['SIGUSR2'], exitCode: 3 });
    process.emit('SIGUSR2', 'SIGUSR2');
    await settle();
    expect(exit.mock.calls).toEqual([[3]]);
  });

  it('exits 1 when the shutdown itself rejects', async () => {
    const exit = exits();
    const hooks = new ShutdownHooks(() => Promise.reject(new Error('shutdown broke')));
    const remove = hooks.enable({ signals: ['SIGUSR2'], exitCode: 0 });
    process.emit('SIGUSR2', 'SIGUSR2');
    await settle();
    remove();
    expect(exit.mock.calls).toEqual([[1]]);
  });

  it('refuses signals that are not a list of names, naming the option and the method', () => {
    const warmup = new Warmup(new Container());
    for (const signals of [['SIGUSR2', 42], [undefined], 'SIGTERM']) {
      expect(() => warmup.enableShutdownHooks({ signals } as never)).toThrow(
        /^Option 'signals' of 'enableShutdownHooks' must be a list of signal names such as 'SIGTERM'/,
      );
    }
    expect(process.listenerCount('SIGUSR2')).toBe(0);
  });

  it('refuses a bad exitCode or bad shutdown options in the name of enableShutdownHooks', () => {
    const warmup = new Warmup(new Container());
    for (const exitCode of [1.5, '0', true]) {
      expect(() => warmup.enableShutdownHooks({ signals: ['SIGUSR2'], exitCode } as never)).toThrow(
        /^Option 'exitCode' of 'enableShutdownHooks' must be a whole number, a function of the report, or false/,
      );
    }
    expect(() => warmup.enableShutdownHooks({ signals: ['SIGUSR2'], drainMs: -1 })).toThrow(/^Option 'drainMs' of 'enableShutdownHooks'/);
    expect(process.listenerCount('SIGUSR2')).toBe(0);
  });
});
