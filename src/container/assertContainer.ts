import type { Container } from 'inversify';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';

/** Throws InvalidOptionError unless `value` looks like an inversify Container. */
export function assertContainer(value: unknown): asserts value is Container {
  const c = value as Partial<Record<'bind' | 'get' | 'isBound', unknown>> | null;
  if (typeof c === 'object' && c !== null && typeof c.bind === 'function' && typeof c.get === 'function' && typeof c.isBound === 'function') return;
  throw new InvalidOptionError('Warmup', 'container', 'must be an inversify Container (new Warmup(new Container(), options))', value);
}
