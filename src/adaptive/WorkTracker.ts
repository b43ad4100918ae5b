import { AsyncLocalStorage } from 'node:async_hooks';
import type { UsageRecorder } from './UsageRecorder.js';

/** One open `track(kind, fn)`: what it used, and the scope it runs inside (nesting). */
interface Scope {
  readonly kind: string;
  readonly parent: Scope | undefined;
  readonly used: Set<number>;
}

/** Told when a unit of work of some kind is over, with the components it used. */
export interface KindObserver {
  observe(kind: string, used: ReadonlySet<number>): void;
}

/**
 * `warmup.track(kind, fn)`: runs `fn` in an AsyncLocalStorage scope, so every `container.get` and
 * `getAsync` made inside it, however deep in its async calls, is recorded for that kind. Scopes
 * nest (a use inside an inner scope counts for the outer ones too) and concurrent units of
 * different kinds never see each other's uses. While no scope is open anywhere, a `get` pays one
 * integer comparison (`UsageRecorder.scopes`).
 */
export class WorkTracker {
  readonly #storage = new AsyncLocalStorage<Scope>();

  constructor(
    private readonly usage: UsageRecorder,
    private readonly observer: KindObserver,
  ) {
    usage.touch = (index) => {
      for (let scope = this.#storage.getStore(); scope !== undefined; scope = scope.parent) scope.used.add(index);
    };
  }

  /** Runs `fn` as a unit of work of `kind`; resolves or rejects as it does. */
  async track<T>(kind: string, fn: () => T | Promise<T>): Promise<T> {
    const scope: Scope = { kind, parent: this.#storage.getStore(), used: new Set() };
    this.usage.scopes++;
    try {
      return await this.#storage.run(scope, fn);
    } finally {
      this.usage.scopes--;
      this.observer.observe(kind, scope.used);
    }
  }
}
