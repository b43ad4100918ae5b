/** Contender names shared by the harness and the children. */
export const bootContenderNames = ['floor', 'preheat-waves', 'preheat-eager', 'avvio', 'inversify', 'nest'];
export const peerNames = ['avvio', 'inversify', 'nest'];
export const getVariants = ['map', 'inversify-constant', 'inversify-singleton', 'preheat-get', 'preheat-getComponent'];
export const bindVariants = [
  'map-set',
  'inversify-dynamic-singleton',
  'inversify-constant',
  'inversify-module',
  'inversify-isCurrentBound',
  'inversify-first-get',
  'preheat-register-lazy',
  'preheat-register-eager',
  'preheat-first-get-lazy',
  'preheat-first-get-eager',
];
/** `classes:<variant>`: decorated classes, register + boot + first get (contenders/classes-<variant>.js). */
export const classVariants = ['preheat', 'definitions', 'inversify', 'nest'];
/**
 * `firstget:<variant>`: the first get of every component after boot, on the class suite's
 * contenders: preheat's two paths in both binding modes, and inversify after its getAsync boot.
 */
export const firstGetVariants = ['preheat-classes-lazy', 'preheat-classes-eager', 'preheat-definitions-lazy', 'preheat-definitions-eager', 'inversify'];
/** Which class contender and binding mode each first-get variant runs. */
export const firstGetContender = {
  'preheat-classes-lazy': { contender: 'preheat', binding: 'lazy' },
  'preheat-classes-eager': { contender: 'preheat', binding: 'eager' },
  'preheat-definitions-lazy': { contender: 'definitions', binding: 'lazy' },
  'preheat-definitions-eager': { contender: 'definitions', binding: 'eager' },
  inversify: { contender: 'inversify' },
};
/**
 * `import:<variant>`: a fresh process importing nothing, rxjs, inversify, or preheat (then
 * preheat/http in the same process). Run as contenders/import.js directly, not through contender.js.
 */
export const importVariants = ['empty', 'rxjs', 'inversify', 'preheat'];
/** `getasync:<variant>`: getAsync of the user's own bindings, on a bare container or one with a Warmup. */
export const getAsyncVariants = ['inversify-constant', 'warmup-constant', 'inversify-dynamic', 'warmup-dynamic'];
/**
 * `adapters:<variant>`: per framework, one app's route with and without a readiness gate
 * (`requires`), measured round for round in one process; and the gate alone (contenders/adapters.js).
 */
export const adapterVariants = ['fastify', 'express', 'gate'];
