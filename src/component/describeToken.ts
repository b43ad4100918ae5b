import type { ServiceIdentifier } from 'inversify';

/** A readable name for a token: class name, string, or symbol description. */
export function describeToken(token: ServiceIdentifier): string {
  if (typeof token === 'function') return token.name || '(anonymous class)';
  if (typeof token === 'symbol') return token.description ?? token.toString();
  return String(token);
}
