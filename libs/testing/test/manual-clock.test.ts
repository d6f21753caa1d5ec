import { describe, expect, it } from 'vitest';
import { Gate, ManualClock } from '../src';

describe('ManualClock', () => {
  it('stands still until moved, then moves by exactly what it was told', () => {
    const clock = new ManualClock(new Date('2026-01-05T15:00:00.000Z'));
    expect(clock.now().toISOString()).toBe('2026-01-05T15:00:00.000Z');

    clock.advance(90_000);
    expect(clock.now().toISOString()).toBe('2026-01-05T15:01:30.000Z');

    clock.set(new Date('2026-01-04T00:00:00.000Z'));
    expect(clock.now().toISOString()).toBe('2026-01-04T00:00:00.000Z');
  });

  it('hands out copies: changing a Date it returned does not move it', () => {
    const start = new Date('2026-01-05T15:00:00.000Z');
    const clock = new ManualClock(start);
    clock.now().setUTCFullYear(2000);
    start.setUTCFullYear(2001);

    expect(clock.now().toISOString()).toBe('2026-01-05T15:00:00.000Z');
  });
});

describe('Gate', () => {
  it('holds until opened', async () => {
    const gate = new Gate();
    let passed = false;
    const waiting = gate.opened.then(() => (passed = true));
    await Promise.resolve();
    expect(passed).toBe(false);

    gate.open();
    await waiting;
    expect(passed).toBe(true);
  });
});
