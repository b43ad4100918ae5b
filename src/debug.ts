import { debuglog } from 'node:util';

const log = debuglog('preheat');

/**
 * True when `NODE_DEBUG=preheat` (or a pattern matching it) was set when preheat was loaded. Code
 * that runs once per component tests it before calling {@link debug}: a call, even one that prints
 * nothing, builds its argument list (and Node's logger spreads it again), which in a
 * 100,000-component boot was a kilobyte of garbage per component.
 */
export const debugEnabled: boolean = log.enabled;

/**
 * preheat's debug log, as avvio has one: `NODE_DEBUG=preheat node app.js` prints registration, the
 * plan, each wave, each attempt and settle, and the shutdown steps on stderr. Node's `debuglog`
 * decides once whether the section is on. Calls on a per-component path are guarded by
 * {@link debugEnabled}; once-per-boot calls need no guard.
 *
 * @example
 * ```ts
 * if (debugEnabled) debug('settle %s %s', name, status);
 * ```
 */
export const debug: (format: string, ...args: unknown[]) => void = debugEnabled ? log : noop;

function noop(): void {}
