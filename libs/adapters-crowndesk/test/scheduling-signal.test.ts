import { describe, expect, it } from 'vitest';
import type { AppointmentType, Slot } from '@crowndesk/domain';
import { CrownDeskSchedulingBackend } from '../src/index';
import { fakeBackend, hang, json } from './support/backend';
import { maple } from './support/practice';
import { appointmentRow } from './support/rows';
import { NOW } from './support/scheduling';
import { testClient } from './support/client';

const backend = fakeBackend();
const SLOTS = '/api/ai-agent/appointments/slots';
const APPOINTMENTS = '/api/ai-agent/appointments';
const PATIENT_APPOINTMENTS = '/api/ai-agent/patients/appointments';

const cleaning = maple.appointmentTypes.find((type) => type.code === 'cleaning') as AppointmentType;
const slot: Slot = {
  typeCode: 'cleaning',
  providerId: 'prov-park',
  operatoryId: 'op-1',
  start: '2025-06-05T14:00:00.000Z',
  end: '2025-06-05T15:00:00.000Z',
};
const booking = { patientId: 'pat-1', slot, idempotencyKey: 'call-1:book:1' };

/**
 * A backend whose attempts would wait a minute before timing out, and one search at a time: only the
 * caller's signal can end a hanging request quickly.
 */
function patientScheduling() {
  const { client, logger, sleeps } = testClient({ timeoutMs: 60_000 });
  const scheduling = new CrownDeskSchedulingBackend({ client, logger, clock: { now: () => NOW }, slotConcurrency: 1 });
  return { scheduling, logger, sleeps };
}

/** The caller talks over the turn: its signal aborts with this reason. */
function turn() {
  const controller = new AbortController();
  const reason = new Error('turn superseded');
  return { signal: controller.signal, supersede: () => controller.abort(reason), reason };
}

describe("CrownDeskSchedulingBackend and the caller's signal", () => {
  it('aborts a slot search in flight and rejects with the reason, starting no further search', async () => {
    const { signal, supersede, reason } = turn();
    const serverSide: AbortSignal[] = [];
    backend.on('POST', SLOTS, (_seen, _call, request) => {
      serverSide.push(request.signal);
      supersede();
      return hang(request);
    });
    const { scheduling, logger, sleeps } = patientScheduling();

    // Thursday: two hygienists, so two searches, run one at a time.
    const query = { appointmentType: cleaning, from: '2025-06-05T12:00:00.000Z', to: '2025-06-06T04:00:00.000Z' };
    await expect(scheduling.openSlots(maple, query, { signal })).rejects.toBe(reason);

    expect(serverSide).toHaveLength(1);
    expect(serverSide[0]?.aborted).toBe(true);
    expect(backend.to('POST', SLOTS)).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(logger.at('warn')).toEqual([]);
  });

  it('stops the opening read of a reschedule, and sends no write', async () => {
    const { signal, supersede, reason } = turn();
    backend.on('POST', PATIENT_APPOINTMENTS, (_seen, _call, request) => {
      supersede();
      return hang(request);
    });
    const { scheduling } = patientScheduling();

    const move = { appointmentId: 'apt-old', patientId: 'pat-1', newSlot: slot, idempotencyKey: 'call-1:reschedule:1' };
    await expect(scheduling.reschedule(maple, move, { signal })).rejects.toBe(reason);

    expect(backend.seen.map((seen) => [seen.method, seen.path])).toEqual([['POST', PATIENT_APPOINTMENTS]]);
  });

  it('does not send a write once the signal has aborted', async () => {
    const { signal, supersede, reason } = turn();
    supersede();
    const { scheduling } = patientScheduling();

    await expect(scheduling.book(maple, booking, { signal })).rejects.toBe(reason);
    const newPatient = { firstName: 'Ana', lastName: 'Souza', dateOfBirth: '1990-04-12' };
    await expect(scheduling.registerPatient(maple, newPatient, 'call-1:register:1', { signal })).rejects.toBe(reason);

    expect(backend.seen).toEqual([]);
  });

  it('sees a write through once it is sent, whatever the signal does meanwhile', async () => {
    const { signal, supersede } = turn();
    const created = appointmentRow({ id: 'apt-new', startTime: slot.start, endTime: slot.end });
    backend.on('POST', APPOINTMENTS, (_seen, _call, request) => {
      supersede();
      // The request itself was not aborted: CrownDesk's answer still arrives and is used.
      return request.signal.aborted ? hang(request) : json(created, 201);
    });
    const { scheduling } = patientScheduling();

    await expect(scheduling.book(maple, booking, { signal })).resolves.toMatchObject({
      status: 'booked',
      appointment: { id: 'apt-new', start: slot.start },
    });
    expect(signal.aborted).toBe(true);
  });
});
