import type { BusyBlock } from '../model';

/** Disjoint busy intervals of one resource, sorted by start: [start, end) in epoch ms. */
interface Timeline {
  starts: number[];
  ends: number[];
}

/**
 * Busy time per provider and per operatory, merged so that "is this resource free for [start, end)?" is a
 * binary search rather than a scan over every block.
 */
export class BusyIndex {
  private constructor(
    private readonly providers: Map<string, Timeline>,
    private readonly operatories: Map<string, Timeline>,
  ) {}

  static of(blocks: readonly BusyBlock[]): BusyIndex {
    const providers = new Map<string, [number, number][]>();
    const operatories = new Map<string, [number, number][]>();
    for (const block of blocks) {
      const start = Date.parse(block.start);
      const end = Date.parse(block.end);
      // A block we cannot read must not silently free its time.
      if (Number.isNaN(start) || Number.isNaN(end)) {
        throw new Error(`Busy block with an invalid instant for provider ${block.providerId}`);
      }
      if (end <= start) continue;
      push(providers, block.providerId, [start, end]);
      push(operatories, block.operatoryId, [start, end]);
    }
    return new BusyIndex(mergeAll(providers), mergeAll(operatories));
  }

  providerFree(providerId: string, start: number, end: number): boolean {
    return isFree(this.providers.get(providerId), start, end);
  }

  operatoryFree(operatoryId: string, start: number, end: number): boolean {
    return isFree(this.operatories.get(operatoryId), start, end);
  }
}

function push(map: Map<string, [number, number][]>, id: string, interval: [number, number]): void {
  const list = map.get(id);
  if (list) list.push(interval);
  else map.set(id, [interval]);
}

function mergeAll(map: Map<string, [number, number][]>): Map<string, Timeline> {
  const merged = new Map<string, Timeline>();
  for (const [id, intervals] of map) merged.set(id, merge(intervals));
  return merged;
}

function merge(intervals: [number, number][]): Timeline {
  intervals.sort((a, b) => a[0] - b[0]);
  const starts: number[] = [];
  const ends: number[] = [];
  for (const [start, end] of intervals) {
    const last = ends.length - 1;
    if (last >= 0 && start <= (ends[last] as number)) {
      ends[last] = Math.max(ends[last] as number, end);
    } else {
      starts.push(start);
      ends.push(end);
    }
  }
  return { starts, ends };
}

function isFree(timeline: Timeline | undefined, start: number, end: number): boolean {
  if (!timeline) return true;
  // First interval ending after `start`; the span is free unless that interval starts before `end`.
  let low = 0;
  let high = timeline.ends.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((timeline.ends[middle] as number) <= start) low = middle + 1;
    else high = middle;
  }
  return low === timeline.starts.length || (timeline.starts[low] as number) >= end;
}
