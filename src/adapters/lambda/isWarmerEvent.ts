/**
 * The default warmer detection of `withWarmup`: true for a ping from serverless-plugin-warmup
 * (`{ source: 'serverless-plugin-warmup' }`) and for an EventBridge scheduled event as
 * `@middy/warmup` expects them (`{ source: 'aws.events', 'detail-type': 'Scheduled Event' }`).
 * Replace it with the `isWarmer` option when your schedule sends something else (or when a real
 * scheduled job targets the same function).
 *
 * @example
 * ```ts
 * isWarmerEvent({ source: 'serverless-plugin-warmup' }); // true
 * isWarmerEvent({ httpMethod: 'GET' });                   // false
 * ```
 */
export function isWarmerEvent(event: unknown): boolean {
  if (typeof event !== 'object' || event === null) return false;
  const { source } = event as { source?: unknown };
  if (source === 'serverless-plugin-warmup') return true;
  return source === 'aws.events' && (event as { 'detail-type'?: unknown })['detail-type'] === 'Scheduled Event';
}
