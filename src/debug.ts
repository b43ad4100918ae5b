import { debuglog } from 'node:util';

/**
 * preheat's debug log, as avvio has one: `NODE_DEBUG=preheat node app.js` prints registration, the
 * plan, each wave, each attempt and settle, and the shutdown steps on stderr. Node's `debuglog`
 * decides once whether the section is on; when it is off, a call costs a function call and no
 * formatting.
 *
 * @example
 * ```ts
 * debug('settle %s %s', name, status);
 * ```
 */
export const debug: (format: string, ...args: unknown[]) => void = debuglog('preheat');
