import { beforeEach, describe, expect, it } from 'vitest';
import type { Practice } from '../../model';
import { FrontDesk } from '../../scheduling';
import { FakeClock, MARIA, RecordingLogger, brightSmileDental, callSession } from '../../scheduling/bright-smile.fixture';
import { InMemorySchedulingBackend } from '../../scheduling/in-memory-backend.fixture';
import type { CallSession } from '../call-session';
import type { ToolName, ToolResult } from '../tool-contract';
import { ReceptionistToolRunner } from './receptionist-tool-runner';

let practice: Practice;
let clock: FakeClock;
let logger: RecordingLogger;
let backend: InMemorySchedulingBackend;
let runner: ReceptionistToolRunner;
let session: CallSession;
let callCount = 0;

beforeEach(() => {
  practice = brightSmileDental();
  clock = new FakeClock(); // Monday 2026-11-30 09:00 EST
  logger = new RecordingLogger();
  backend = new InMemorySchedulingBackend(clock);
  runner = new ReceptionistToolRunner(new FrontDesk(backend, clock, logger), clock, logger);
  session = callSession(practice);
});

async function run(name: ToolName | string, args: Record<string, unknown> | string, signal = new AbortController().signal) {
  callCount += 1;
  const execution = await runner.run(
    session,
    { id: `tc-${callCount}`, name, arguments: typeof args === 'string' ? args : JSON.stringify(args) },
    signal,
  );
  expect(execution.content).toBe(JSON.stringify(execution.result));
  return execution;
}

async function result(name: ToolName | string, args: Record<string, unknown> | string): Promise<ToolResult> {
  return (await run(name, args)).result;
}

describe('ReceptionistToolRunner: arguments at the edge', () => {
  it('refuses malformed JSON', async () => {
    expect(await result('check_availability', '{"appointment_type": "exam"')).toMatchObject({ ok: false, error: 'invalid_arguments' });
  });

  it('refuses wrong types and formats, naming the field', async () => {
    const wrongType = await result('check_availability', { appointment_type: 42 });
    expect(wrongType).toMatchObject({ ok: false, error: 'invalid_arguments' });
    expect(wrongType.ok === false && wrongType.message).toContain('appointment_type');
    const spokenTime = await result('book_appointment', {
      appointment_type: 'exam',
      start: 'tomorrow at 10',
      full_name: 'Ana Souza',
      date_of_birth: '1990-04-12',
    });
    expect(spokenTime.ok === false && spokenTime.message).toContain('start: expected YYYY-MM-DDTHH:mm');
    expect(await result('find_my_appointments', '[]')).toMatchObject({ ok: false, error: 'invalid_arguments' });
    expect(await result('cancel_appointment', 'null')).toMatchObject({ ok: false, error: 'invalid_arguments' });
    expect(backend.calls).toEqual([]);
  });

  it('refuses a calendar date that does not exist', async () => {
    const res = await result('check_availability', { appointment_type: 'exam', date: '2026-02-30' });
    expect(res).toMatchObject({ ok: false, error: 'invalid_arguments' });
  });

  it('answers an unknown tool with unknown_tool', async () => {
    expect(await result('delete_all_patients', {})).toMatchObject({ ok: false, error: 'unknown_tool' });
  });

  it('takes empty arguments as none', async () => {
    const execution = await run('end_call', '');
    expect(execution.result).toEqual({ ok: true, tool: 'end_call' });
    expect(execution.effect).toEqual({ type: 'end_call' });
  });

  it('does not act for a superseded turn', async () => {
    const controller = new AbortController();
    controller.abort();
    const execution = await run('check_availability', { appointment_type: 'exam' }, controller.signal);
    expect(execution.result.ok).toBe(false);
    expect(execution.effect).toBeUndefined();
    expect(backend.calls).toEqual([]);
  });
});

describe('ReceptionistToolRunner: scheduling tools', () => {
  it('offers slots as local times with words to say', async () => {
    const res = await result('check_availability', { appointment_type: 'checkup', date: '2026-12-01', time: '10:00' });
    expect(res).toMatchObject({ ok: true, tool: 'check_availability', appointmentType: 'exam' });
    expect(res.ok && res.tool === 'check_availability' && res.slots[0]).toEqual({
      start: '2026-12-01T10:00',
      spoken: 'Tuesday, December 1 at 10 AM with Dr. Lee',
      provider: 'Dr. Lee',
    });
  });

  it('understands common names of appointment types and lists the codes for unknown ones', async () => {
    expect(await result('check_availability', { appointment_type: 'hygiene' })).toMatchObject({ appointmentType: 'cleaning' });
    expect(await result('check_availability', { appointment_type: 'new patient' })).toMatchObject({ appointmentType: 'new_patient' });
    const unknown = await result('check_availability', { appointment_type: 'whitening' });
    expect(unknown).toMatchObject({ ok: false, error: 'unknown_appointment_type' });
    expect(unknown.ok === false && unknown.message).toMatch(/cleaning.*exam.*emergency.*new_patient/);
  });

  it('books, then lets the same verified caller cancel by ref', async () => {
    const booked = await result('book_appointment', {
      appointment_type: 'cleaning',
      start: '2026-12-01T10:00',
      full_name: 'Ana Souza',
      date_of_birth: '1990-04-12',
    });
    expect(booked).toEqual({
      ok: true,
      tool: 'book_appointment',
      newPatient: true,
      appointment: {
        ref: 'appt-1',
        type: 'cleaning',
        start: '2026-12-01T10:00',
        spoken: 'Tuesday, December 1 at 10 AM with Maya Kim',
        status: 'scheduled',
      },
    });
    const cancelled = await result('cancel_appointment', { appointment_ref: 'appt-1' });
    expect(cancelled).toMatchObject({ ok: true, tool: 'cancel_appointment', appointment: { ref: 'appt-1', status: 'cancelled' } });
    expect(session.outcomes).toEqual(['booked', 'cancelled']);
  });

  it('turns a taken slot into alternatives the model can offer', async () => {
    const args = { appointment_type: 'exam', start: '2026-12-01T10:00', full_name: 'Ana Souza', date_of_birth: '1990-04-12' };
    await result('book_appointment', args);
    session = callSession(practice, 'call-2');
    const taken = await result('book_appointment', { ...args, full_name: 'Ben Okafor', date_of_birth: '1971-03-03' });
    expect(taken).toMatchObject({ ok: false, error: 'slot_unavailable' });
    expect(taken.ok === false && taken.alternatives?.map((slot) => slot.start)).toEqual([
      '2026-12-01T09:30',
      '2026-12-01T10:30',
      '2026-12-01T09:00',
      '2026-12-01T11:00',
    ]);
  });

  it('says where the booking window lies', async () => {
    const res = await result('check_availability', { appointment_type: 'exam', date: '2027-03-01' });
    expect(res).toMatchObject({ ok: false, error: 'outside_booking_window' });
    expect(res.ok === false && res.message).toContain('We book from Monday, November 30 at 11 AM up to Friday, January 29.');
  });

  it('refuses changes before verification and refs of another call', async () => {
    expect(await result('reschedule_appointment', { appointment_ref: 'appt-1', new_start: '2026-12-02T09:00' })).toMatchObject({
      error: 'not_verified',
    });
    expect(await result('cancel_appointment', { appointment_ref: 'appt-1' })).toMatchObject({ error: 'not_verified' });

    const maria = backend.addPatient(practice, MARIA);
    backend.addAppointment(practice, {
      patientId: maria.id,
      typeCode: 'exam',
      providerId: 'dr-lee',
      operatoryId: 'op-1',
      start: '2026-12-03T15:00:00.000Z',
      end: '2026-12-03T15:30:00.000Z',
      status: 'scheduled',
    });
    const mariaCall = callSession(practice, 'call-maria');
    const shown = await runner.run(
      mariaCall,
      { id: 'tc-m', name: 'find_my_appointments', arguments: JSON.stringify({ full_name: 'Maria OConnor Garcia', date_of_birth: MARIA.dateOfBirth }) },
      new AbortController().signal,
    );
    expect(shown.result).toMatchObject({ ok: true, appointments: [{ ref: 'appt-1', start: '2026-12-03T10:00' }] });

    // This call verifies as someone else: Maria's ref means nothing here.
    await result('book_appointment', { appointment_type: 'exam', start: '2026-12-01T10:00', full_name: 'Ana Souza', date_of_birth: '1990-04-12' });
    expect(await result('cancel_appointment', { appointment_ref: 'appt-2' })).toMatchObject({ error: 'unknown_appointment' });
    expect(backend.active(practice).filter((a) => a.patientId === maria.id)).toHaveLength(1);
  });

  it('does not reveal whether a patient exists', async () => {
    backend.addPatient(practice, MARIA);
    const wrongBirthday = await run('find_my_appointments', { full_name: "María O'Connor-García", date_of_birth: '1984-07-20' });
    const stranger = await run('find_my_appointments', { full_name: 'Zed Nobody', date_of_birth: '1950-05-05' });
    expect(wrongBirthday.result).toMatchObject({ ok: false, error: 'identity_mismatch' });
    expect(wrongBirthday.content).toBe(stranger.content);
  });

  it("hands the turn's signal to the backend, and stops quietly when the turn is superseded mid-tool", async () => {
    const maria = backend.addPatient(practice, MARIA);
    backend.addAppointment(practice, {
      patientId: maria.id,
      typeCode: 'cleaning',
      providerId: 'hyg-kim',
      operatoryId: 'op-1',
      start: '2026-12-03T15:00:00.000Z',
      end: '2026-12-03T16:00:00.000Z',
      status: 'scheduled',
    });
    await result('find_my_appointments', { full_name: 'Maria OConnor Garcia', date_of_birth: MARIA.dateOfBirth });
    const turn = new AbortController();
    // The caller talks while the new time is being checked.
    backend.onNextCall('openSlots', () => turn.abort(new Error('turn superseded')));

    const execution = await run('reschedule_appointment', { appointment_ref: 'appt-1', new_start: '2026-12-03T10:30' }, turn.signal);

    expect(execution.result).toMatchObject({ ok: false, error: 'backend_unavailable' });
    expect(execution.result.ok === false && execution.result.message).toContain('superseded while it ran');
    expect(backend.callsOf('openSlots').map((call) => call.signal)).toEqual([turn.signal]);
    expect(backend.callsOf('reschedule')).toEqual([]);
    expect(logger.entries.filter((entry) => entry.level === 'error')).toEqual([]);
    expect(logger.entries.at(-1)).toMatchObject({ level: 'debug', message: 'tool stopped: turn superseded' });
  });

  it('turns backend failures into backend_unavailable, logged with ids only', async () => {
    backend.failNext('findPatients', { error: new Error(`lookup failed for ${MARIA.firstName} ${MARIA.lastName}`) });
    const execution = await run('find_my_appointments', { full_name: "María O'Connor-García", date_of_birth: MARIA.dateOfBirth });
    expect(execution.result).toMatchObject({ ok: false, error: 'backend_unavailable' });
    const logged = logger.entries.find((entry) => entry.level === 'error');
    expect(logged?.fields).toEqual({ callId: 'call-1', practiceId: practice.id, toolCallId: 'tc-' + callCount, tool: 'find_my_appointments', errorName: 'Error' });
    expect(logger.text()).not.toMatch(/Mar[ií]a|Connor|1984/);
  });
});

describe('ReceptionistToolRunner: transfer, end and practice information', () => {
  it('transfers only to the practice allowlist, whatever the arguments say', async () => {
    const billing = await run('transfer_to_staff', { department: 'Billing', reason: 'call me at +19005550199', number: '+19005550199' });
    expect(billing.result).toEqual({ ok: true, tool: 'transfer_to_staff', department: 'billing' });
    expect(billing.effect).toEqual({ type: 'transfer', number: '+15550000200', reason: 'staff' });

    for (const department of ['+19005550199', 'the manager at 900 555 0199', 'nonexistent']) {
      const execution = await run('transfer_to_staff', { department });
      expect(execution.effect, department).toEqual({ type: 'transfer', number: '+15550000100', reason: 'staff' });
    }
    const byDefault = await run('transfer_to_staff', {});
    expect(byDefault.effect).toEqual({ type: 'transfer', number: '+15550000100', reason: 'staff' });
    expect(JSON.stringify(byDefault.result)).not.toContain('+1');
    expect(session.outcomes).toEqual([]);
  });

  it('answers hours, address and facts from the practice, and records the information outcome', async () => {
    expect(await result('get_practice_info', { topic: 'hours' })).toEqual({
      ok: true,
      tool: 'get_practice_info',
      topic: 'hours',
      answer: 'Monday through Friday, 8 AM to 5 PM; closed Saturday and Sunday. We are closed on Friday, December 25 (Christmas Day).',
    });
    expect(await result('get_practice_info', { topic: 'Where are you located?' })).toMatchObject({
      topic: 'address',
      answer: 'We are at 12 Main Street, Springfield, New Jersey.',
    });
    expect(await result('get_practice_info', { topic: 'Insurance' })).toMatchObject({
      topic: 'insurance_accepted',
      answer: 'We accept Delta Dental, Cigna and Aetna PPO plans.',
    });
    expect(await result('get_practice_info', { topic: 'what insurance plans do you take' })).toMatchObject({ topic: 'insurance_accepted' });
    expect(await result('get_practice_info', { topic: 'PARKING' })).toMatchObject({ topic: 'parking' });
    expect(await result('get_practice_info', {})).toMatchObject({
      topic: 'summary',
      answer: expect.stringMatching(/^Bright Smile Dental is at 12 Main Street, Springfield, New Jersey\. Monday through Friday/),
    });
    expect(await result('get_practice_info', { topic: 'teeth whitening prices' })).toMatchObject({ topic: 'summary' });
    expect(session.outcomes).toEqual(Array(7).fill('information'));
  });

  it('leaves past closures out of the hours', async () => {
    clock.set(new Date('2026-12-28T14:00:00Z'));
    const res = await result('get_practice_info', { topic: 'opening hours' });
    expect(res).toMatchObject({ answer: 'Monday through Friday, 8 AM to 5 PM; closed Saturday and Sunday.' });
  });
});
