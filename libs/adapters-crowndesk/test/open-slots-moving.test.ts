import { describe, expect, it } from 'vitest';
import type { AppointmentType, OpenSlotQuery, Practice } from '@crowndesk/domain';
import type { SeenRequest } from './support/backend';
import { fakeBackend, json } from './support/backend';
import { maple } from './support/practice';
import { appointmentPage, appointmentRow, daySlots } from './support/rows';
import { NOW, testScheduling } from './support/scheduling';

const backend = fakeBackend();
const SLOTS = '/api/ai-agent/appointments/slots';
const PATIENT_APPOINTMENTS = '/api/ai-agent/patients/appointments';

/** Maple with Sam Park as its only hygienist (15-minute booking grid, 08:00-17:00 on Tuesdays). */
const oneHygienist: Practice = { ...maple, providers: maple.providers.filter((provider) => provider.id !== 'prov-ruiz') };
const cleaning = maple.appointmentTypes.find((type) => type.code === 'cleaning') as AppointmentType;

/** Tuesday June 3, 2025 in New York (EDT): 08:00 local is 12:00Z. */
const at = (utcTime: string) => `2025-06-03T${utcTime}:00.000Z`;
/** The patient's cleaning with Sam Park, 10:00-11:00 local. */
const moving = appointmentRow({ id: 'apt-moving', startTime: at('14:00'), endTime: at('15:00') });

/** CrownDesk's 60-minute steps for Sam Park's Tuesday (08:00-17:00 local), busy at the given UTC starts. */
function samParksDay(busyAt: string[]) {
  backend.on('POST', SLOTS, () => json(daySlots('Sam Park', at('12:00'), 9, 60, busyAt.map(at))));
}

const starts = (slots: { start: string; providerId: string }[]) => slots.map((slot) => `${slot.start.slice(11, 16)} ${slot.providerId}`);
const bodies = (seen: SeenRequest[]) => seen.map((request) => request.body);
const wholeDay = { appointmentType: cleaning, from: at('12:00'), to: at('21:00') };
/** Only a start at exactly that instant, as the domain asks when it re-checks a chosen time. */
const exactly = (utcTime: string): OpenSlotQuery => ({
  appointmentType: cleaning,
  from: at(utcTime),
  to: new Date(Date.parse(at(utcTime)) + 1).toISOString(),
});

describe('CrownDeskSchedulingBackend.openSlots for an appointment being moved', () => {
  it('offers half an hour later with the only hygienist once it has seen the appointment being moved', async () => {
    backend.on('POST', PATIENT_APPOINTMENTS, () => json(appointmentPage([moving])));
    samParksDay(['14:00']);
    const { backend: scheduling } = testScheduling();
    await scheduling.appointmentsOf(oneHygienist, 'pat-1');

    const blocked = await scheduling.openSlots(oneHygienist, exactly('14:30'));
    const freed = await scheduling.openSlots(oneHygienist, { ...exactly('14:30'), excludeAppointmentId: 'apt-moving' });

    expect(blocked).toEqual([]);
    expect(freed).toEqual([{ typeCode: 'cleaning', providerId: 'prov-park', operatoryId: 'op-1', start: at('14:30'), end: at('15:30') }]);
    // CrownDesk cannot be told to leave the appointment out: both searches ask it the same.
    const asked = { provider: 'Sam Park', date: '2025-06-03T16:00:00.000Z', duration: 60 };
    expect(bodies(backend.to('POST', SLOTS))).toEqual([asked, asked]);
  });

  it('adds back, on the practice grid, only the starts the moved appointment alone blocks', async () => {
    backend.on('POST', PATIENT_APPOINTMENTS, () => json(appointmentPage([moving])));
    samParksDay(['14:00']);
    const { backend: scheduling } = testScheduling();
    await scheduling.appointmentsOf(oneHygienist, 'pat-1');

    const slots = await scheduling.openSlots(oneHygienist, { ...wholeDay, excludeAppointmentId: 'apt-moving' });

    expect(starts(slots)).toEqual([
      '12:00 prov-park',
      '13:00 prov-park',
      // Each overlaps 10:00-11:00 local, and the rest of it is time CrownDesk shows free.
      '13:15 prov-park',
      '13:30 prov-park',
      '13:45 prov-park',
      '14:00 prov-park',
      '14:15 prov-park',
      '14:30 prov-park',
      '14:45 prov-park',
      '15:00 prov-park',
      '16:00 prov-park',
      '17:00 prov-park',
      '18:00 prov-park',
      '19:00 prov-park',
      '20:00 prov-park',
    ]);
  });

  it("still refuses time another patient holds: the rest of a start must be free in CrownDesk's own answer", async () => {
    backend.on('POST', PATIENT_APPOINTMENTS, () => json(appointmentPage([moving])));
    // Another patient has Sam Park from 11:00 to noon local.
    samParksDay(['14:00', '15:00']);
    const { backend: scheduling } = testScheduling();
    await scheduling.appointmentsOf(oneHygienist, 'pat-1');

    const halfHourLater = await scheduling.openSlots(oneHygienist, { ...exactly('14:30'), excludeAppointmentId: 'apt-moving' });
    const slots = await scheduling.openSlots(oneHygienist, { ...wholeDay, excludeAppointmentId: 'apt-moving' });

    expect(halfHourLater).toEqual([]);
    expect(starts(slots).filter((start) => start >= '13:00' && start < '16:00')).toEqual([
      '13:00 prov-park',
      '13:15 prov-park',
      '13:30 prov-park',
      '13:45 prov-park',
      '14:00 prov-park',
    ]);
  });

  it('treats an appointment it has not seen as busy, and says so with ids only', async () => {
    samParksDay(['14:00']);
    const { backend: scheduling, logger } = testScheduling();

    const slots = await scheduling.openSlots(oneHygienist, { ...exactly('14:30'), excludeAppointmentId: 'apt-unseen' });

    expect(slots).toEqual([]);
    expect(logger.at('info').at(-1)).toEqual({
      level: 'info',
      fields: { practiceId: 'practice-maple', appointmentId: 'apt-unseen' },
      message: 'Appointment to ignore in the slot search was not seen recently: its time still counts as busy',
    });
  });

  it('does not trust what it saw more than half an hour ago', async () => {
    backend.on('POST', PATIENT_APPOINTMENTS, () => json(appointmentPage([moving])));
    samParksDay(['14:00']);
    let now = NOW.getTime();
    const { backend: scheduling } = testScheduling({ clock: { now: () => new Date(now) } });
    await scheduling.appointmentsOf(oneHygienist, 'pat-1');
    now += 31 * 60_000;

    const slots = await scheduling.openSlots(oneHygienist, { ...exactly('14:30'), excludeAppointmentId: 'apt-moving' });

    expect(slots).toEqual([]);
  });

  it('forgets an appointment once it no longer holds its time', async () => {
    backend.on('POST', PATIENT_APPOINTMENTS, () => json(appointmentPage([moving])));
    samParksDay(['14:00']);
    const { backend: scheduling } = testScheduling();
    await scheduling.appointmentsOf(oneHygienist, 'pat-1');
    backend.on('POST', PATIENT_APPOINTMENTS, () => json(appointmentPage([{ ...moving, status: 'cancelled' }])));
    await scheduling.appointmentsOf(oneHygienist, 'pat-1');

    const slots = await scheduling.openSlots(oneHygienist, { ...exactly('14:30'), excludeAppointmentId: 'apt-moving' });

    expect(slots).toEqual([]);
  });
});
