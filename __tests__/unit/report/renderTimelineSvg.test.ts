import { describe, expect, it } from '@jest/globals';
import { ComponentStatus, Priority, type BootReport } from '../../../src/index.js';
import { renderTimelineHtml } from '../../../src/report/plot/renderTimelineHtml.js';
import { renderTimelineSvg } from '../../../src/report/plot/renderTimelineSvg.js';
import { makeReport, type ComponentSketch } from './reportBuilder.js';
import { parseXml, withClass, type XmlElement } from './xmlWellFormed.js';

/** A small boot with every kind of bar: ready, retried then ready, degraded, failed, not run, not loaded. */
function assistantLike(): BootReport {
  return makeReport({
    config: { wave: Priority.CRITICAL, start: 0, end: 60 },
    auth: { wave: Priority.CRITICAL, start: 60, end: 440, deps: ['config'] },
    nlp: { wave: Priority.HIGH, start: 440, end: 1_090, deps: ['config'] },
    macos: { wave: Priority.HIGH, start: 440, end: 800, attempts: [[440, 560, 'failed'], [660, 800, 'ready']] },
    weather: { wave: Priority.MEDIUM, start: 1_090, end: 1_270, status: ComponentStatus.Failed, required: false, error: 'ENOTFOUND' },
    learner: { wave: Priority.LOW, start: 1_270, end: 1_750, status: ComponentStatus.Degraded, attempts: [[1_270, 1_470, 'unhealthy'], [1_550, 1_750, 'unhealthy']] },
    reports: { wave: Priority.LOW, end: 1_270, deps: ['weather'], status: ComponentStatus.Failed, error: 'Dependency failed' },
    model: { wave: Priority.DEFERRED },
  });
}

const bars = (elements: readonly XmlElement[]): XmlElement[] => withClass(elements, 'bar');
const attemptCount = (report: BootReport): number => Object.values(report.components).reduce((n, c) => n + c.attemptHistory.length, 0);

describe('renderTimelineSvg', () => {
  describe('having a boot with every outcome', () => {
    const report = assistantLike();
    const svg = renderTimelineSvg(report);
    const elements = parseXml(svg);

    describe('when called', () => {
      it('should give well-formed XML with an svg root sized by its viewBox', () => {
        expect(elements[0]).toMatchObject({ name: 'svg', attributes: { xmlns: 'http://www.w3.org/2000/svg' } });
        expect(elements[0]!.attributes.viewBox).toBe(`0 0 ${elements[0]!.attributes.width} ${elements[0]!.attributes.height}`);
      });

      it('should draw exactly one bar per attempt', () => {
        expect(bars(elements)).toHaveLength(attemptCount(report));
        expect(bars(elements).map((b) => `${b.attributes['data-component']}#${b.attributes['data-attempt']}`)).toEqual(
          expect.arrayContaining(['macos#1', 'macos#2', 'learner#1', 'learner#2', 'weather#1']),
        );
      });

      it('should colour retried attempts apart and the last attempt by its outcome', () => {
        const kind = (name: string, attempt: string): string[] =>
          bars(elements)
            .find((b) => b.attributes['data-component'] === name && b.attributes['data-attempt'] === attempt)!
            .attributes.class!.split(' ');
        expect(kind('macos', '1')).toContain('retried');
        expect(kind('macos', '2')).toContain('ready');
        expect(kind('learner', '2')).toContain('degraded');
        expect(kind('weather', '1')).toContain('failed');
      });

      it('should highlight the bars of the critical chain', () => {
        const critical = new Set(bars(elements).filter((b) => b.attributes.class!.includes('crit')).map((b) => b.attributes['data-component']));
        // learner ← weather (end of MEDIUM) ← nlp (end of HIGH) ← auth (end of CRITICAL) ← config
        expect([...critical].sort()).toEqual(['auth', 'config', 'learner', 'nlp', 'weather']);
        expect(withClass(elements, 'crit-row')).toHaveLength(5);
        expect(withClass(elements, 'crit-link')).toHaveLength(4);
      });

      it('should mark a component that never ran instead of drawing a bar', () => {
        expect(withClass(elements, 'skip').length).toBeGreaterThanOrEqual(2); // the legend's and the row's
        expect(bars(elements).some((b) => b.attributes['data-component'] === 'reports')).toBe(false);
      });

      it('should give every bar a title for hover details', () => {
        expect(svg.match(/<rect class="bar[^>]*><title>/g)).toHaveLength(attemptCount(report));
        expect(svg).toContain('macos · attempt 1/2 · failed · @440ms +120ms · boom');
      });

      it('should draw the waves on a ruler with a dashed line where each starts', () => {
        expect(withClass(elements, 'wave-span')).toHaveLength(4);
        expect(withClass(elements, 'wave-line')).toHaveLength(3 + 1); // one per wave after the first, and the legend's
        expect(svg).toMatch(/>CRITICAL</);
      });

      it('should draw a time axis, the end of the boot, a legend and a label per row', () => {
        expect(svg).toContain('>0ms<');
        expect(svg).toContain('boot finished 1.75s');
        for (const item of ['ready', 'degraded', 'failed', 'retried attempt', 'critical chain']) expect(svg).toContain(`>${item}<`);
        expect(withClass(elements, 'label')).toHaveLength(Object.keys(report.components).length);
        expect(svg).toContain('not loaded (deferred: loads on first use)');
      });
    });

    describe('when called with options', () => {
      it('should use the width, title and row height given', () => {
        const custom = parseXml(renderTimelineSvg(report, { width: 800, title: 'my boot', rowHeight: 30 }));
        expect(custom[0]!.attributes.width).toBe('800');
        expect(withClass(custom, 'title')).toHaveLength(1);
        expect(withClass(custom, 'crit-row')[0]!.attributes.height).toBe('30');
      });

      it("should highlight the chain of the component named in 'criticalChainOf'", () => {
        const custom = parseXml(renderTimelineSvg(report, { criticalChainOf: 'nlp' }));
        const critical = new Set(bars(custom).filter((b) => b.attributes.class!.includes('crit')).map((b) => b.attributes['data-component']));
        expect([...critical].sort()).toEqual(['auth', 'config', 'nlp']);
      });

      it("should leave the labels out when 'labels' is false", () => {
        expect(withClass(parseXml(renderTimelineSvg(report, { labels: false })), 'label')).toHaveLength(0);
      });
    });
  });

  describe('having names and errors with markup and control characters', () => {
    it('should escape them and stay well-formed', () => {
      const report = makeReport({
        '<db & "cache">': { wave: 1, start: 0, end: 10, status: ComponentStatus.Failed, error: '\x1b[31mred\x1b[39m <b>bold</b> \uD800 &' },
      });
      const svg = renderTimelineSvg(report);
      expect(() => parseXml(svg)).not.toThrow();
      expect(svg).toContain('&lt;db &amp; &quot;cache&quot;&gt;');
    });

    it('should drop what XML 1.0 forbids and write what a terminal acts on as references', () => {
      const report = makeReport({
        'a\u0001b': { wave: 1, start: 0, end: 10 },
        'c\u009bd\re\u202e': { wave: 1, start: 10, end: 20, deps: ['a\u0001b'], status: ComponentStatus.Failed, error: 'x\u0000y\uFFFE' },
      });
      for (const text of [renderTimelineSvg(report), renderTimelineHtml(report)]) {
        // eslint-disable-next-line no-control-regex
        expect(text).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202E\uFFFE]/);
        expect(text).toContain('c&#x9b;d&#xd;e&#x202e;');
        expect(text).toContain('xy');
      }
      const bars = withClass(parseXml(renderTimelineSvg(report)), 'bar').map((b) => b.attributes['data-component']);
      expect(bars).toEqual(['ab', 'c&#x9b;d&#xd;e&#x202e;']);
    });
  });

  describe('having 500 components', () => {
    const sketches: Record<string, ComponentSketch> = {};
    for (let i = 0; i < 500; i++) {
      const wave = Math.floor(i / 125);
      const start = wave * 1_000 + (i % 125) * 5;
      sketches[`service_${i}`] = {
        wave,
        start,
        end: start + 40,
        ...(i % 50 === 0 ? { attempts: [[start, start + 10, 'timeout'], [start + 20, start + 40, 'ready']] as const } : {}),
      };
    }
    const report = makeReport(sketches);
    const svg = renderTimelineSvg(report);
    const elements = parseXml(svg);

    it('should still draw one bar per attempt', () => {
      expect(bars(elements)).toHaveLength(attemptCount(report));
    });

    it('should shrink the rows and hide the labels so the picture stays a few screens tall', () => {
      const height = Number(elements[0]!.attributes.height);
      expect(height).toBeLessThan(3_500);
      expect(withClass(elements, 'label')).toHaveLength(0);
      expect(svg).toContain('Labels hidden at 6px rows');
    });
  });

  describe('having an eager boot', () => {
    it('should put each wave on its own ruler lane and draw no wave start lines', () => {
      const report = makeReport(
        { a: { wave: 0, start: 0, end: 100 }, b: { wave: 1, start: 0, end: 50 }, c: { wave: 2, start: 10, end: 60 } },
        { schedule: 'eager' },
      );
      const elements = parseXml(renderTimelineSvg(report));
      const lanes = new Set(withClass(elements, 'wave-span').map((e) => e.attributes.y));
      expect(lanes.size).toBe(3);
      expect(withClass(elements, 'wave-line')).toHaveLength(1); // the legend's only
    });
  });

  describe('having an empty report', () => {
    it('should give a valid picture that says nothing settled', () => {
      const svg = renderTimelineSvg(makeReport({}));
      expect(bars(parseXml(svg))).toHaveLength(0);
      expect(svg).toContain('No critical chain');
    });
  });
});

describe('renderTimelineHtml', () => {
  describe('having a boot report', () => {
    const html = renderTimelineHtml(assistantLike());

    describe('when called', () => {
      it('should embed the SVG picture in a standalone page', () => {
        expect(html).toMatch(/^<!doctype html>/);
        const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>') + '</svg>'.length);
        expect(bars(parseXml(svg))).toHaveLength(attemptCount(assistantLike()));
      });

      it('should show hover details with inline script and fetch nothing', () => {
        expect(html).toContain('<div id="tip" hidden></div>');
        expect(html).toContain("addEventListener('mousemove'");
        expect(html).not.toMatch(/\s(src|href)="?https?:/);
      });

      it('should list the critical chain and the slowest components', () => {
        expect(html).toContain('<h2>Critical chain</h2>');
        expect(html).toMatch(/<li><code>learner<\/code> @1.75s \+480ms<\/li>/);
        expect(html).toMatch(/<td class="num">650ms<\/td><td><code>nlp<\/code><\/td>/);
      });
    });
  });
});
