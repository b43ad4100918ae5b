/**
 * Where the whole container is. `idle → booting → critical-ready → ready`, or `failed` when a
 * required component failed; then `stopping → stopped`.
 *
 * @example
 * ```ts
 * warmup.phase$.subscribe((phase) => log.info({ phase }, 'warmup phase'));
 * ```
 */
export type Phase = 'idle' | 'booting' | 'critical-ready' | 'ready' | 'failed' | 'stopping' | 'stopped';
