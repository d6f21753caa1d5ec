import { fileURLToPath } from 'node:url';
import type { Slot } from '@crowndesk/domain';
import { spawnTsxWorker, type TsxWorker } from '@crowndesk/testing';
import { describe, expect, it } from 'vitest';
import { DEMO_PATIENTS, DEMO_PRACTICE, SqliteSchedulingBackend } from '../src';
import { cleaningSlot, examSlot } from './support/demo-slots';
import { useTempDatabase } from './support/temp-database';

const WORKER = fileURLToPath(new URL('./support/booking-worker.ts', import.meta.url));
const TSCONFIG = fileURLToPath(new URL('../tsconfig.json', import.meta.url));

const HOURS = ['08:00', '09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00'];
const HALF_HOURS = HOURS.flatMap((hour) => [hour, hour.replace(':00', ':30')]);

/** Every cleaning and exam start over two days: plenty of slots for two processes to fight over, one by one. */
const CONTESTED_SLOTS: Slot[] = ['2026-06-09', '2026-06-10'].flatMap((date) => [
  ...HOURS.map((time) => cleaningSlot(time, 'op-1', date)),
  ...HALF_HOURS.map((time) => examSlot(time, 'op-2', date)),
]);

function startWorker(dataDir: string, name: string, slots: Slot[]): TsxWorker {
  return spawnTsxWorker(WORKER, [dataDir, name, JSON.stringify(slots)], {
    tsconfig: TSCONFIG,
    onUnexpectedExit: ({ code, stderr }) => console.error(`booking worker ${name} exited with ${code}: ${stderr}`),
  });
}

describe('concurrent booking against one database file', () => {
  const fixture = useTempDatabase();

  it('lets exactly one of two connections book a slot both were offered', async () => {
    const first = new SqliteSchedulingBackend(fixture.open());
    const second = new SqliteSchedulingBackend(fixture.open());
    const slot = cleaningSlot('10:00');

    // Both callers are offered the same slot: availability is not a reservation.
    const query = { appointmentType: DEMO_PRACTICE.appointmentTypes[0]!, from: slot.start, to: slot.end };
    expect(await first.openSlots(DEMO_PRACTICE, query)).toContainEqual(slot);
    expect(await second.openSlots(DEMO_PRACTICE, query)).toContainEqual(slot);

    const results = [
      await first.book(DEMO_PRACTICE, { patientId: DEMO_PATIENTS.janeDoe.id, slot, idempotencyKey: 'call-a' }),
      await second.book(DEMO_PRACTICE, { patientId: DEMO_PATIENTS.johnSmith.id, slot, idempotencyKey: 'call-b' }),
    ];

    expect(results.map((result) => result.status)).toEqual(['booked', 'slot_taken']);
  });

  it('returns the same appointment when a retry with the same key lands on another connection', async () => {
    const first = new SqliteSchedulingBackend(fixture.open());
    const second = new SqliteSchedulingBackend(fixture.open());
    const request = { patientId: DEMO_PATIENTS.janeDoe.id, slot: cleaningSlot('11:00'), idempotencyKey: 'call-a:book' };

    const original = await first.book(DEMO_PRACTICE, request);
    const retry = await second.book(DEMO_PRACTICE, request);

    expect(original.status).toBe('booked');
    expect(retry).toEqual(original);
  });

  // They walk the list in different orders (one in steps of 7, which visits every slot once: 7 and 54 are coprime), so each finds
  // slots free, slots just taken by the other, and slots it waits on while the other is writing.
  it('books every contested slot exactly once when two processes race for all of them', async () => {
    const database = fixture.open(); // migrate and seed before the workers start
    const workers = [
      startWorker(fixture.dataDir, 'east', CONTESTED_SLOTS),
      startWorker(fixture.dataDir, 'west', CONTESTED_SLOTS.map((_, index) => CONTESTED_SLOTS[(index * 7) % CONTESTED_SLOTS.length]!)),
    ];
    let statuses: string[][];
    try {
      for (const worker of workers) expect(await worker.nextLine()).toBe('ready');
      for (const worker of workers) worker.child.stdin.write('go\n');
      statuses = (await Promise.all(workers.map((worker) => worker.nextLine()))).map((line) => JSON.parse(line) as string[]);
      await Promise.all(workers.map((worker) => worker.exited));
    } finally {
      for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill();
    }

    const booked = statuses.flat().filter((status) => status === 'booked');
    expect(booked).toHaveLength(CONTESTED_SLOTS.length);
    const perSlot = database.handle
      .prepare<[string], { start_utc: string; provider_id: string; n: number }>(
        `SELECT start_utc, provider_id, count(*) AS n FROM appointments
         WHERE patient_id = ? GROUP BY start_utc, provider_id`,
      )
      .all(DEMO_PATIENTS.johnSmith.id);
    expect(perSlot).toHaveLength(CONTESTED_SLOTS.length);
    expect(perSlot.every((row) => row.n === 1)).toBe(true);
  });
});
