import fc from 'fast-check';
import { ESTIMATE_AFTER_MS, SteadyTimeLeft, timeLeft } from '../../SyncEngine/core/sync/timeLeft';

describe('timeLeft', () => {
  it('is the rows still to come at the rate so far, once a second has passed and rows arrived', () => {
    expect(timeLeft(1_000, 4_000, 10_000)).toEqual({ remainingMs: 30_000, errorMs: 7_500 });
    expect(timeLeft(1_000, 1_100, 10_000)).toEqual({ remainingMs: 1_000, errorMs: 5_000 });
    expect(timeLeft(0, 4_000, 10_000)).toBeUndefined();
    expect(timeLeft(1_000, undefined, 10_000)).toBeUndefined();
    expect(timeLeft(1_000, 4_000, ESTIMATE_AFTER_MS - 1)).toBeUndefined();
    // The server's count is a snapshot: more rows than it said leave no time, never a negative one.
    expect(timeLeft(5_000, 4_000, 10_000)?.remainingMs).toBe(0);
  });
});

describe('SteadyTimeLeft', () => {
  it('lowers freely, and rises above the last one shown only within its error', () => {
    const steady = new SteadyTimeLeft();
    expect(steady.next({ remainingMs: 60_000, errorMs: 15_000 }, 0)).toEqual({ remainingMs: 60_000, errorMs: 15_000 });
    // Ten seconds later the rate dropped: 120 s raw, but at most 60 - 10 + 15 = 65 s shown.
    expect(steady.next({ remainingMs: 120_000, errorMs: 30_000 }, 10_000)?.remainingMs).toBe(65_000);
    expect(steady.next({ remainingMs: 20_000, errorMs: 5_000 }, 11_000)?.remainingMs).toBe(20_000);
    expect(steady.next(undefined, 12_000)).toBeUndefined();
  });

  it('never shows a time left that goes back by more than the error of the one shown before, whatever the rate does', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ step: fc.integer({ min: 1, max: 20_000 }), raw: fc.integer({ min: 0, max: 3_600_000 }) }), { minLength: 2, maxLength: 60 }), (samples) => {
        const steady = new SteadyTimeLeft();
        let now = 0;
        let last: { at: number; remainingMs: number; errorMs: number } | undefined;
        for (const { step, raw } of samples) {
          now += step;
          const shown = steady.next({ remainingMs: raw, errorMs: Math.max(5_000, raw / 4) }, now);
          if (!shown) return false;
          if (shown.remainingMs < 0 || shown.remainingMs > raw) return false;
          // Counted down from the last one shown (not below nothing left), plus that one's error.
          if (last && shown.remainingMs > Math.max(0, last.remainingMs - (now - last.at) + last.errorMs) + 1e-6) return false;
          last = { at: now, ...shown };
        }
        return true;
      }),
    );
  });
});
