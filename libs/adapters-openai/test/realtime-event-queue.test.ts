import { describe, expect, it } from 'vitest';
import { EventQueue } from '../src/realtime/event-queue';

function queueWithPressureLog(highWaterMark: number) {
  const pressure: boolean[] = [];
  const queue = new EventQueue<number>({ highWaterMark, onPressure: (paused) => pressure.push(paused) });
  return { queue, pressure };
}

async function read(queue: EventQueue<number>, count: number): Promise<number[]> {
  const iterator = queue[Symbol.asyncIterator]();
  const values: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const next = await iterator.next();
    if (next.done) break;
    values.push(next.value);
  }
  return values;
}

describe('EventQueue', () => {
  it('hands a pushed item straight to a waiting reader', async () => {
    const { queue, pressure } = queueWithPressureLog(4);
    const pending = read(queue, 1);
    queue.push(7);
    expect(await pending).toEqual([7]);
    expect(pressure).toEqual([]);
  });

  it('pauses the producer at the high-water mark and resumes it at half', async () => {
    const { queue, pressure } = queueWithPressureLog(4);
    for (const item of [1, 2, 3]) queue.push(item);
    expect(pressure).toEqual([]);
    queue.push(4);
    expect(pressure).toEqual([true]);
    queue.push(5); // still accepted while paused: the producer may have had it in flight
    expect(await read(queue, 2)).toEqual([1, 2]);
    expect(pressure).toEqual([true]);
    expect(await read(queue, 1)).toEqual([3]);
    expect(pressure).toEqual([true, false]);
    expect(await read(queue, 2)).toEqual([4, 5]);
  });

  it('delivers kept items after close, then ends', async () => {
    const { queue } = queueWithPressureLog(4);
    queue.push(1);
    queue.push(2);
    queue.close();
    queue.push(3);
    expect(await read(queue, 10)).toEqual([1, 2]);
  });

  it('drops kept items on a discarding close, ends waiting readers and resumes a paused producer', async () => {
    const { queue, pressure } = queueWithPressureLog(2);
    queue.push(1);
    queue.push(2);
    queue.close({ discardPending: true });
    expect(await read(queue, 10)).toEqual([]);
    expect(pressure).toEqual([true, false]);

    const waiting = queueWithPressureLog(2);
    const pending = read(waiting.queue, 1);
    waiting.queue.close();
    expect(await pending).toEqual([]);
  });

  it('lets a later loop read on after an earlier loop broke out', async () => {
    const { queue } = queueWithPressureLog(8);
    for (const item of [1, 2, 3]) queue.push(item);
    queue.close();
    const first: number[] = [];
    for await (const item of queue) {
      first.push(item);
      if (item === 1) break;
    }
    const rest: number[] = [];
    for await (const item of queue) rest.push(item);
    expect([first, rest]).toEqual([[1], [2, 3]]);
  });
});
