import type { ComponentSpec } from '../component/ComponentSpec.js';
import type { LoadContext } from '../component/ComponentDefinition.js';

interface MaybeSnapshots {
  snapshot?: () => unknown;
  restore?: (state: unknown, signal: AbortSignal) => unknown;
}

/** True when the component can be snapshotted and restored: a class with both methods, or a definition with both hooks. */
export function supportsSnapshots(spec: ComponentSpec): boolean {
  const { definition, ctor } = spec;
  if (definition !== undefined) return typeof definition.snapshot === 'function' && typeof definition.restore === 'function';
  const proto = ctor?.prototype as MaybeSnapshots | undefined;
  return typeof proto?.snapshot === 'function' && typeof proto.restore === 'function';
}

/** The instance's state to save: the definition's `snapshot(instance)` or the class's `snapshot()`. */
export function takeSnapshot(spec: ComponentSpec, instance: unknown): unknown {
  const definition = spec.definition;
  if (definition?.snapshot !== undefined) return definition.snapshot(instance);
  return (instance as Required<MaybeSnapshots>).snapshot();
}

/** A definition's `restore(state, ctx)`: the instance, rebuilt from the state instead of `load`. */
export function restoreDefinition(spec: ComponentSpec, state: unknown, ctx: LoadContext): unknown {
  return spec.definition!.restore!(state, ctx);
}

/** A class instance's `restore(state, signal)`, in place of `onWarmup`. */
export function restoreInstance(instance: unknown, state: unknown, signal: AbortSignal): unknown {
  return (instance as Required<MaybeSnapshots>).restore(state, signal);
}
