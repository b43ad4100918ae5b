import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { defaultModeThresholds, modeOf, operatingModes, type OperatingMode } from '../../src/index.js';

const thresholds = [defaultModeThresholds.full, defaultModeThresholds.normal, defaultModeThresholds.reduced, defaultModeThresholds.minimal];
const rank = (mode: OperatingMode): number => operatingModes.indexOf(mode);

describe('modeOf', () => {
  describe('having no hysteresis', () => {
    it('should map a score to the best mode whose threshold it reaches', () => {
      expect(modeOf(1, defaultModeThresholds)).toBe('full');
      expect(modeOf(0.95, defaultModeThresholds)).toBe('full');
      expect(modeOf(0.9499, defaultModeThresholds)).toBe('normal');
      expect(modeOf(0.8, defaultModeThresholds)).toBe('normal');
      expect(modeOf(0.5, defaultModeThresholds)).toBe('reduced');
      expect(modeOf(0.2, defaultModeThresholds)).toBe('minimal');
      expect(modeOf(0.1999, defaultModeThresholds)).toBe('offline');
      expect(modeOf(0, defaultModeThresholds)).toBe('offline');
      expect(modeOf(NaN, defaultModeThresholds)).toBe('offline');
      expect(modeOf(1.5, defaultModeThresholds)).toBe('offline');
    });

    it('should be monotone: a higher score never gives a worse mode', () => {
      fc.assert(
        fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(rank(modeOf(hi, defaultModeThresholds))).toBeLessThanOrEqual(rank(modeOf(lo, defaultModeThresholds)));
        }),
      );
    });
  });

  describe('having hysteresis', () => {
    it('should hold the mode until the score crosses a threshold by more than the margin', () => {
      expect(modeOf(0.78, defaultModeThresholds, 0.05, 'normal')).toBe('normal');
      expect(modeOf(0.75, defaultModeThresholds, 0.05, 'normal')).toBe('normal');
      expect(modeOf(0.7499, defaultModeThresholds, 0.05, 'normal')).toBe('reduced');
      expect(modeOf(0.84, defaultModeThresholds, 0.05, 'reduced')).toBe('reduced');
      expect(modeOf(0.85, defaultModeThresholds, 0.05, 'reduced')).toBe('normal');
      expect(modeOf(1, defaultModeThresholds, 0.05, 'offline')).toBe('full');
      expect(modeOf(0.46, defaultModeThresholds, 0.05, 'full')).toBe('reduced'); // far below full and normal, within reduced's margin
      expect(modeOf(0, defaultModeThresholds, 0.05, 'full')).toBe('offline');
    });

    it('should never change mode more than once while the score oscillates within ±h/2 of a threshold', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...thresholds),
          fc.double({ min: 0.001, max: 0.099, noNaN: true }),
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { minLength: 1, maxLength: 60 }),
          (threshold, h, start, offsets) => {
            let mode = modeOf(start, defaultModeThresholds); // whatever came before
            let changes = 0;
            for (const offset of offsets) {
              const next = modeOf(Math.min(1, Math.max(0, threshold + offset * h)), defaultModeThresholds, h, mode);
              if (next !== mode) changes++;
              mode = next;
            }
            expect(changes).toBeLessThanOrEqual(1);
          },
        ),
      );
    });

    it('should flap without hysteresis on the same kind of sequence (the property is not vacuous)', () => {
      let mode = modeOf(0.81, defaultModeThresholds);
      let changes = 0;
      for (const score of [0.79, 0.81, 0.79, 0.81]) {
        const next = modeOf(score, defaultModeThresholds, 0, mode);
        if (next !== mode) changes++;
        mode = next;
      }
      expect(changes).toBe(4);
    });
  });
});
