import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import { Container } from 'inversify';
import { ComponentStatus, ErrorCode, Priority, Warmup, type BootReport } from '../../../src/index.js';
import { criticalChain } from '../../../src/report/criticalChain.js';
import { after } from '../../helpers/deferred.js';
import { chainReport, makeReport, type ComponentSketch } from './reportBuilder.js';

const names = (report: BootReport, component?: string): string[] => criticalChain(report, component).map((l) => l.name);

describe('criticalChain', () => {
  describe('having a linear chain config ← db ← api', () => {
    const report = makeReport({
      config: { wave: Priority.HIGH, start: 0, end: 100 },
      db: { wave: Priority.HIGH, start: 100, end: 400, deps: ['config'] },
      api: { wave: Priority.HIGH, start: 400, end: 450, deps: ['db'] },
    });

    describe('when called without a component', () => {
      it('should return the last component to settle first, then what each waited for', () => {
        expect(names(report)).toEqual(['api', 'db', 'config']);
      });

      it('should give times after the boot started: @ when it settled, + how long it took', () => {
        const [api, db, config] = criticalChain(report);
        expect(api).toMatchObject({ settledAtMs: 450, startedAtMs: 400, durationMs: 50, via: 'target', tiedWith: [] });
        expect(db).toMatchObject({ settledAtMs: 400, durationMs: 300, via: 'dependency' });
        expect(config).toMatchObject({ settledAtMs: 100, startedAtMs: 0, durationMs: 100, via: 'dependency' });
      });
    });

    describe('when called with a component', () => {
      it('should start the chain at that component', () => {
        expect(names(report, 'db')).toEqual(['db', 'config']);
      });
    });

    describe('when called with a name that is not in the report', () => {
      it('should throw UnknownComponentError naming it', () => {
        expect(() => criticalChain(report, 'nope')).toThrow(expect.objectContaining({ code: ErrorCode.UnknownComponent, component: 'nope' }));
      });

      it('should not take inherited object keys for components', () => {
        expect(() => criticalChain(report, 'constructor')).toThrow(expect.objectContaining({ code: ErrorCode.UnknownComponent }));
      });
    });
  });

  describe('having a component that waited for two dependencies', () => {
    it('should follow the dependency that settled last', () => {
      const report = makeReport({
        fast: { wave: 1, start: 0, end: 50 },
        slow: { wave: 1, start: 0, end: 300 },
        app: { wave: 1, start: 300, end: 310, deps: ['fast', 'slow'] },
      });
      expect(names(report)).toEqual(['app', 'slow']);
    });
  });

  describe('having two dependencies that settled at the same moment', () => {
    const report = makeReport({
      short: { wave: 1, start: 200, end: 300 },
      long: { wave: 1, start: 0, end: 300 },
      app: { wave: 1, start: 300, end: 310, deps: ['short', 'long'] },
    });

    it('should follow the one that took longer', () => {
      expect(names(report)).toEqual(['app', 'long']);
    });

    it('should list the other in tiedWith', () => {
      expect(criticalChain(report)[1]!.tiedWith).toEqual(['short']);
    });
  });

  describe('having several components that settle last at the same moment', () => {
    it('should pick the longest as the target and list the others in tiedWith', () => {
      const report = makeReport({ a: { wave: 1, start: 50, end: 100 }, b: { wave: 1, start: 0, end: 100 } });
      expect(criticalChain(report)[0]).toMatchObject({ name: 'b', via: 'target', tiedWith: ['a'] });
    });

    it('should keep the report order when the loads took as long too', () => {
      const report = makeReport({ a: { wave: 1, start: 0, end: 100 }, b: { wave: 1, start: 0, end: 100 } });
      expect(criticalChain(report)[0]).toMatchObject({ name: 'a', tiedWith: ['b'] });
    });
  });

  describe("having 'waves' scheduling", () => {
    describe('when a component has no dependency', () => {
      it('should follow the last component of the earlier waves to settle, via the wave', () => {
        const report = makeReport({
          auth: { wave: Priority.CRITICAL, start: 0, end: 200 },
          config: { wave: Priority.CRITICAL, start: 0, end: 50 },
          search: { wave: Priority.HIGH, start: 200, end: 500 },
        });
        expect(criticalChain(report).map((l) => [l.name, l.via])).toEqual([
          ['search', 'target'],
          ['auth', 'wave'],
        ]);
      });
    });

    describe('when a dependency and the wave boundary settled at the same moment', () => {
      it('should prefer the dependency', () => {
        const report = makeReport({
          other: { wave: Priority.CRITICAL, start: 0, end: 200 },
          config: { wave: Priority.CRITICAL, start: 0, end: 200 },
          db: { wave: Priority.HIGH, start: 200, end: 300, deps: ['config'] },
        });
        expect(criticalChain(report)[1]).toMatchObject({ name: 'config', via: 'dependency', tiedWith: ['other'] });
      });
    });

    describe('when a wave was empty', () => {
      it('should follow the last component of any earlier wave', () => {
        const report = makeReport({ a: { wave: Priority.CRITICAL, start: 0, end: 100 }, c: { wave: Priority.LOW, start: 100, end: 150 } });
        expect(names(report)).toEqual(['c', 'a']);
      });
    });
  });

  describe("having 'eager' scheduling", () => {
    it('should follow dependencies only', () => {
      const report = makeReport(
        { auth: { wave: Priority.CRITICAL, start: 0, end: 200 }, search: { wave: Priority.HIGH, start: 200, end: 500 } },
        { schedule: 'eager' },
      );
      expect(names(report)).toEqual(['search']);
    });
  });

  describe('having a dependency that failed', () => {
    const report = makeReport({
      config: { wave: 1, start: 0, end: 100 },
      db: { wave: 1, start: 100, end: 400, deps: ['config'], status: ComponentStatus.Failed, attempts: [[100, 200, 'failed'], [250, 400, 'timeout']] },
      api: { wave: 1, end: 400, deps: ['db'], status: ComponentStatus.Failed },
    });

    describe('when called for the dependent that never ran', () => {
      it('should give it no duration and continue through the failed dependency', () => {
        const chain = criticalChain(report, 'api');
        expect(chain.map((l) => [l.name, l.status])).toEqual([
          ['api', ComponentStatus.Failed],
          ['db', ComponentStatus.Failed],
          ['config', ComponentStatus.Ready],
        ]);
        expect(chain[0]).toMatchObject({ startedAtMs: 400, settledAtMs: 400, durationMs: 0 });
        expect(chain[1]).toMatchObject({ durationMs: 300 });
      });
    });

    describe('when called without a component', () => {
      it('should end at a failed component like at any other', () => {
        expect(names(report)[0]).toBe('db');
      });
    });
  });

  describe('having a DEFERRED component loaded on demand after the boot', () => {
    const report = makeReport({
      app: { wave: Priority.HIGH, start: 0, end: 100 },
      model: { wave: Priority.DEFERRED, start: 500, end: 900, deps: ['app'] },
    });

    it("should leave it out of the boot's chain", () => {
      expect(names(report)).toEqual(['app']);
    });

    it('should give its own chain when asked', () => {
      expect(names(report, 'model')).toEqual(['model', 'app']);
    });
  });

  describe('having a component that never loaded', () => {
    it('should return an empty chain for it', () => {
      const report = makeReport({ app: { wave: 1, start: 0, end: 100 }, model: { wave: Priority.DEFERRED } });
      expect(criticalChain(report, 'model')).toEqual([]);
    });
  });

  describe('having an empty report', () => {
    it('should return an empty chain', () => {
      expect(criticalChain(makeReport({}))).toEqual([]);
    });
  });

  describe('having a dependency that settled after the component started', () => {
    it('should not count it as what the component waited for', () => {
      const report = makeReport({ late: { wave: 1, start: 0, end: 500 }, app: { wave: 1, start: 10, end: 600, optionalDeps: ['late'] } });
      expect(names(report)).toEqual(['app']);
    });
  });

  describe('having a corrupt report with a dependency cycle', () => {
    it('should stop instead of looping', () => {
      const report = makeReport({ a: { wave: 1, start: 0, end: 0, deps: ['b'] }, b: { wave: 1, start: 0, end: 0, deps: ['a'] } });
      expect(names(report).sort()).toEqual(['a', 'b']);
    });
  });

  describe('having a chain of 100,000 components', () => {
    it('should return every link without overflowing the stack', () => {
      const chain = criticalChain(chainReport(100_000));
      expect(chain).toHaveLength(100_000);
      expect(chain[0]!.name).toBe('c99999');
      expect(chain.at(-1)!.name).toBe('c0');
    });
  });

  describe('having any dependency graph whose components start the moment their dependencies settle', () => {
    // Random DAGs, eager scheduling, no concurrency limit: the chain must be a real dependency path
    // with no gaps, so its durations add up to the boot's length.
    const graphs = fc.array(fc.record({ duration: fc.integer({ min: 0, max: 50 }), deps: fc.array(fc.nat(), { maxLength: 3 }) }), { minLength: 1, maxLength: 40 });

    it('should follow dependency edges back in time and account for the whole boot', () => {
      fc.assert(
        fc.property(graphs, (nodes) => {
          const sketches: Record<string, ComponentSketch> = {};
          const end: number[] = [];
          nodes.forEach((node, i) => {
            const deps = i === 0 ? [] : [...new Set(node.deps.map((d) => d % i))];
            const start = deps.reduce((t, d) => Math.max(t, end[d]!), 0);
            end[i] = start + node.duration;
            sketches[`n${i}`] = { wave: Priority.HIGH, start, end: end[i], deps: deps.map((d) => `n${d}`) };
          });
          const report = makeReport(sketches, { schedule: 'eager' });
          const chain = criticalChain(report);
          expect(chain[0]!.settledAtMs).toBe(Math.max(...end));
          for (let k = 1; k < chain.length; k++) {
            expect(report.components[chain[k - 1]!.name]!.dependsOn).toContain(chain[k]!.name);
            expect(chain[k]!.settledAtMs).toBe(chain[k - 1]!.startedAtMs);
          }
          expect(chain.at(-1)!.startedAtMs).toBe(0);
          expect(chain.reduce((sum, l) => sum + l.durationMs, 0)).toBe(Math.max(...end));
        }),
      );
    });
  });

  describe('having the report of a real boot', () => {
    beforeEach(() => {
      jest.useFakeTimers();
    });
    afterEach(() => {
      jest.useRealTimers();
    });

    it('should follow dependencies and wave boundaries as they happened', async () => {
      const warmup = new Warmup(new Container()).register(
        { token: 'config', priority: Priority.CRITICAL, load: after(100, {}) },
        { token: 'db', priority: Priority.HIGH, dependsOn: ['config'], load: after(300, {}) },
        { token: 'cache', priority: Priority.HIGH, load: after(50, {}) },
        { token: 'api', priority: Priority.LOW, dependsOn: ['db'], load: after(100, {}) },
      );
      const booted = warmup.boot();
      await jest.advanceTimersByTimeAsync(1_000);
      const report = await booted;
      expect(criticalChain(report).map((l) => [l.name, l.via, l.settledAtMs, l.durationMs])).toEqual([
        ['api', 'target', 500, 100],
        ['db', 'dependency', 400, 300],
        ['config', 'dependency', 100, 100],
      ]);
    });
  });
});
