import type { Phase, Warmup } from '../../index.js';

/**
 * The container's phase right now. `phase$` replays it synchronously; after shutdown the stream has
 * completed and replays nothing, which can only mean `stopped`.
 */
export function currentPhase(warmup: Pick<Warmup, 'phase$'>): Phase {
  let phase: Phase | undefined;
  let completed = false;
  warmup.phase$
    .subscribe({
      next: (value) => (phase ??= value),
      complete: () => (completed = true),
    })
    .unsubscribe();
  return phase ?? (completed ? 'stopped' : 'idle');
}
