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
