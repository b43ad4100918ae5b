/**
 * Registrar, over a real ComponentRegistry and recording stand-ins for the state columns, the
 * container's bindings and the gates. Its debug line is only printed with `NODE_DEBUG=preheat`
 * (read once when preheat is loaded), so src/debug.ts is stood in for before Registrar is imported:
 * the lines it would print are recorded instead.
 */
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { ServiceIdentifier } from 'inversify';
import { ComponentRegistry } from '../../../src/component/ComponentRegistry.js';
import type { ComponentSpec } from '../../../src/component/ComponentSpec.js';
import type { Registrable } from '../../../src/component/toComponentSpec.js';
import { DuplicateComponentError } from '../../../src/errors/DuplicateComponentError.js';
import { ErrorCode } from '../../../src/errors/ErrorCode.js';
import { RegistrationClosedError } from '../../../src/errors/RegistrationClosedError.js';

const lines: unknown[][] = [];
jest.unstable_mockModule('../../../src/debug.js', () => ({
  debugEnabled: true,
  debug: (format: string, ...args: unknown[]) => {
    lines.push([format, ...args]);
  },
}));
const { Registrar } = await import('../../../src/component/Registrar.js');

const closedHint = 'register every component before boot(); for something needed later, register it up front with priority DEFERRED and load it with getAsync.';

/** A Registrar and what it touched: the registry, the grown columns, the bindings added, the gates. */
function registrar(taken: readonly ServiceIdentifier[] = []) {
  const registry = new ComponentRegistry();
  const grown: number[] = [];
  const bound: ComponentSpec[] = [];
  const gates = { planner: { planned: false }, phase: { stopping: false } };
  const r = new Registrar(
    registry,
    { grow: (count) => grown.push(count) },
    { isTaken: (token) => taken.includes(token), add: (spec) => bound.push(spec) },
    gates,
  );
  return { r, registry, grown, bound, gates };
}

/** What `register(...items)` threw, or undefined. */
function thrownBy(r: InstanceType<typeof Registrar>, items: readonly (Registrable | readonly Registrable[])[]): Error | undefined {
  try {
    r.register(items);
  } catch (error) {
    return error as Error;
  }
  return undefined;
}

function expectClosed(error: Error | undefined, component: string, reason: string): void {
  expect(error).toBeInstanceOf(RegistrationClosedError);
  const closed = error as RegistrationClosedError;
  expect(closed.message.split('\n')[0]).toBe(`Cannot register '${component}': ${reason}`);
  expect(closed.code).toBe(ErrorCode.RegistrationClosed);
  expect(closed.component).toBe(component);
  expect(closed.hint).toBe(closedHint);
}

const frozen = 'the dependency graph was frozen when boot() (or getAsync) started';
const stopping = 'the container is shutting down';

class Db {}
class Api {}

describe('Registrar', () => {
  beforeEach(() => {
    lines.length = 0;
  });

  it('should register every item, bind each once and grow the state columns by the batch', () => {
    const { r, registry, grown, bound } = registrar();
    r.register([Db, { token: 'cache', load: () => new Map() }]);
    r.register([Api]);
    expect(registry.specs.map((s) => [s.index, s.name])).toEqual([
      [0, 'Db'],
      [1, 'cache'],
      [2, 'Api'],
    ]);
    expect(grown).toEqual([2, 1]);
    expect(bound.map((s) => s.name)).toEqual(['Db', 'cache', 'Api']);
    expect(lines).toEqual([
      ['register: %d components (%d in all)', 2, 2],
      ['register: %d components (%d in all)', 1, 3],
    ]);
  });

  it('should take one array of items, and arrays mixed with items', () => {
    const one = registrar();
    one.r.register([[Db, Api]]);
    expect(one.registry.specs.map((s) => s.name)).toEqual(['Db', 'Api']);
    const mixed = registrar();
    mixed.r.register([[Db], Api, [{ token: 'cache', load: () => 1 }]]);
    expect(mixed.registry.specs.map((s) => s.name)).toEqual(['Db', 'Api', 'cache']);
    expect(mixed.bound.map((s) => s.name)).toEqual(['Db', 'Api', 'cache']);
  });

  it('should refuse a token the container already binds, registering nothing of the batch', () => {
    const { r, registry, grown, bound } = registrar([Api]);
    const error = thrownBy(r, [Db, Api]);
    expect(error).toBeInstanceOf(DuplicateComponentError);
    const duplicate = error as DuplicateComponentError;
    expect(duplicate.message.split('\n')[0]).toBe("Component 'Api' is already bound in the container");
    expect(duplicate.code).toBe(ErrorCode.DuplicateComponent);
    expect(duplicate.component).toBe('Api');
    expect(duplicate.hint).toBe('remove your own binding of this token; preheat binds every component it registers.');
    expect(registry.size).toBe(0);
    expect(grown).toEqual([]);
    expect(bound).toEqual([]);
    expect(lines).toEqual([]);
  });

  it('should refuse a registration once boot() froze the graph, naming the first class', () => {
    const { r, registry, gates } = registrar();
    gates.planner.planned = true;
    expectClosed(thrownBy(r, [Db, Api]), 'Db', frozen);
    expect(registry.size).toBe(0);
  });

  it('should name a definition by its name, or by its token when it has none', () => {
    const { r, gates } = registrar();
    gates.planner.planned = true;
    expectClosed(thrownBy(r, [{ token: Symbol('CacheToken'), name: 'cache', load: () => 1 }]), 'cache', frozen);
    expectClosed(thrownBy(r, [[{ token: Symbol('CacheToken'), load: () => 1 }, Db]]), 'CacheToken', frozen);
  });

  it("should name '(none)' when no items were given", () => {
    const { r, gates } = registrar();
    gates.planner.planned = true;
    expectClosed(thrownBy(r, []), '(none)', frozen);
    expectClosed(thrownBy(r, [[]]), '(none)', frozen);
  });

  it('should refuse a registration while shutting down, saying so', () => {
    const { r, registry, gates } = registrar();
    gates.phase.stopping = true;
    expectClosed(thrownBy(r, [Db]), 'Db', stopping);
    gates.planner.planned = true;
    expectClosed(thrownBy(r, [{ token: 'late', load: () => 1 }]), 'late', stopping);
    expect(registry.size).toBe(0);
  });
});
