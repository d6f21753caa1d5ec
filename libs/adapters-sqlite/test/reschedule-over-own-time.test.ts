import { describe, expect, it } from 'vitest';
import { createCallSession, FrontDesk, type Appointment, type BookingResult, type CallSession, type Clock } from '@crowndesk/domain';
import { RecordingLogger } from '@crowndesk/testing';
import { DEMO_HYGIENIST_ID, DEMO_PATIENTS, DEMO_PRACTICE, SqliteSchedulingBackend, type EmbeddedDatabase } from '../src';
import { cleaningSlot, tuesdayAt } from './support/demo-slots';
import { useTempDatabase, type DatabaseFixture } from './support/temp-database';

const john = DEMO_PATIENTS.johnSmith;
const JOHN_SAYS = { fullName: `${john.firstName} ${john.lastName}`, dateOfBirth: john.dateOfBirth };

function booked(result: BookingResult): Appointment {
  if (result.status !== 'booked') throw new Error(`expected booked, got ${result.status}`);
  return result.appointment;
}

const statusOf = (database: EmbeddedDatabase, appointmentId: string) =>
  database.handle.prepare<[string], string>('SELECT status FROM appointments WHERE id = ?').pluck().get(appointmentId);

/** The receptionist's FrontDesk over the real embedded database, and a call to use it in. */
function frontDeskOver(fixture: DatabaseFixture, database: EmbeddedDatabase) {
  const backend = new SqliteSchedulingBackend(database);
  const clock: Clock = { now: () => fixture.now };
  const desk = new FrontDesk(backend, clock, new RecordingLogger());
  const session = createCallSession({ callId: 'call-move', practice: DEMO_PRACTICE, channel: 'simulator', startedAt: fixture.now.toISOString() });
  return { backend, desk, session };
}

/** John verifies himself in the call; the ref under which he is shown the appointment. */
async function refOf(desk: FrontDesk, session: CallSession, appointmentId: string): Promise<string> {
  const found = await desk.findMyAppointments(session, JOHN_SAYS);
  const shown = found.status === 'verified' ? found.appointments.find((entry) => entry.appointment.id === appointmentId) : undefined;
  if (!shown) throw new Error('the appointment was not shown to the verified caller');
  return shown.ref;
}

describe('FrontDesk.reschedule over the embedded database', () => {
  const fixture = useTempDatabase();

  it('moves a 60-minute cleaning 30 minutes later with the only hygienist', async () => {
    const database = fixture.open();
    const { backend, desk, session } = frontDeskOver(fixture, database);
    const cleaning = booked(await backend.book(DEMO_PRACTICE, { patientId: john.id, slot: cleaningSlot('10:00'), idempotencyKey: 'b1' }));
    const ref = await refOf(desk, session, cleaning.id);

    const result = await desk.reschedule(session, ref, '2026-06-09T10:30');

    expect(result).toMatchObject({
      status: 'rescheduled',
      ref,
      appointment: { start: tuesdayAt('10:30'), end: tuesdayAt('11:30'), providerId: DEMO_HYGIENIST_ID, status: 'scheduled' },
    });
    expect(statusOf(database, cleaning.id)).toBe('rescheduled');
    expect(session.outcomes).toEqual(['rescheduled']);
  });

  it("still refuses to move it onto another patient's time, and leaves it where it was", async () => {
    const database = fixture.open();
    const { backend, desk, session } = frontDeskOver(fixture, database);
    const cleaning = booked(await backend.book(DEMO_PRACTICE, { patientId: john.id, slot: cleaningSlot('10:00'), idempotencyKey: 'b1' }));
    // Maria has the hygienist from 11:00 in the other chair: 10:30-11:30 would overlap her.
    const marias = booked(
      await backend.book(DEMO_PRACTICE, { patientId: DEMO_PATIENTS.mariaGarcia.id, slot: cleaningSlot('11:00', 'op-2'), idempotencyKey: 'b2' }),
    );
    const ref = await refOf(desk, session, cleaning.id);

    const result = await desk.reschedule(session, ref, '2026-06-09T10:30');

    expect(result.status).toBe('slot_unavailable');
    const alternatives = result.status === 'slot_unavailable' ? result.alternatives.map((slot) => slot.start) : [];
    // 09:30 overlaps only John's own cleaning; 10:00 is the time he already has.
    expect(alternatives).toContain(tuesdayAt('09:30'));
    expect(alternatives).not.toContain(tuesdayAt('10:00'));
    expect(statusOf(database, cleaning.id)).toBe('scheduled');
    expect(statusOf(database, marias.id)).toBe('scheduled');
    expect(session.outcomes).toEqual([]);
  });
});
