import type { Clock } from '@crowndesk/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { type AgentTurn } from '../src/cli/simulator/retell-call-client';
import { readEmbeddedRecords } from './support/embedded-records';
import { CALLER_NUMBER, completeResponse, dialRetell } from './support/retell-peer';
import { makeDataDir, removeDataDir, startTestGateway, type TestGateway } from './support/test-gateway';
import { closed } from './support/websocket-client';
import { dialDemoPractice } from './support/demo-retell-call';

/** Tuesday 24 November 2026, 10:00 in New York (the demo practice's zone): 2 December is next week. */
const fixedClock: Clock = { now: () => new Date('2026-11-24T15:00:00Z') };

function toolsOf(turn: AgentTurn): string[] {
  return turn.tools.map((tool) => `${tool.name}:${tool.successful ? 'ok' : 'failed'}`);
}

describe('a Retell call through the gateway (embedded SQLite, built-in engine)', () => {
  const gateways: TestGateway[] = [];
  let dataDir: string | undefined;

  afterEach(async () => {
    for (const gateway of gateways.splice(0)) await gateway.close();
    if (dataDir) await removeDataDir(dataDir);
    dataDir = undefined;
  });

  it('books a cleaning for a new patient, and the appointment survives a restart', async () => {
    dataDir = await makeDataDir();
    const first = await startTestGateway({ dataDir, overrides: { clock: fixedClock } });
    gateways.push(first);

    const call = await dialDemoPractice(first, 'call_book_cleaning');
    expect((await call.opening()).text).toContain('Thank you for calling Bright Smile Dental');

    const offer = await call.say("Hi, I'd like to book a cleaning on Wednesday, December 2nd at 10 am.");
    expect(toolsOf(offer)).toEqual(['check_availability:ok']);
    expect(offer.text).toContain('Wednesday, December 2 at 10 AM');

    expect((await call.say('Yes, that works.')).text).toContain('first and last name');
    expect((await call.say('Ada Lovelace')).text).toContain('date of birth');
    const confirmation = await call.say('December 10, 1985');
    expect(confirmation.text).toContain('Shall I book it?');

    const booked = await call.say('Yes, please book it.');
    expect(toolsOf(booked)).toEqual(['book_appointment:ok']);
    expect(booked.text).toContain('new patient');

    const goodbye = await call.say("No, that's all. Goodbye.");
    expect(goodbye).toMatchObject({ endCall: true });
    await call.hangUp();
    await first.close();

    const stored = await readEmbeddedRecords(dataDir, async (records) => {
      const [patient, ...others] = await records.patientsNamed('Ada Lovelace', '1985-12-10');
      if (!patient) throw new Error('the new patient was not registered');
      return {
        others,
        patient,
        appointments: await records.appointmentsOf(patient.id),
        call: records.callLog.findCall('call_book_cleaning'),
      };
    });
    expect(stored.others).toEqual([]);
    expect(stored.patient).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1985-12-10' });
    expect(stored.appointments).toHaveLength(1);
    const appointment = stored.appointments[0]!;
    // 10:00 in New York on 2 December is 15:00 UTC (EST).
    expect(appointment).toMatchObject({ typeCode: 'cleaning', status: 'scheduled', start: expect.stringMatching(/^2026-12-02T15:00/) });
    expect(stored.call).toMatchObject({
      callId: 'call_book_cleaning',
      channel: 'retell',
      outcome: 'booked',
      callerNumber: CALLER_NUMBER,
      appointmentIds: [appointment.id],
    });

    // A new process on the same data directory finds the appointment through the receptionist.
    const second = await startTestGateway({ dataDir, overrides: { clock: fixedClock } });
    gateways.push(second);
    const again = await dialDemoPractice(second, 'call_find_cleaning');
    await again.opening();
    expect((await again.say('I need to reschedule my cleaning.')).text).toContain('first and last name');
    await again.say('Ada Lovelace');
    const found = await again.say('December 10, 1985');
    expect(toolsOf(found)).toEqual(['find_my_appointments:ok']);
    expect(found.text).toContain('Wednesday, December 2 at 10 AM');
    await again.say('Actually, never mind, I will keep it.');
    expect(await again.say('No, that is all. Bye.')).toMatchObject({ endCall: true });
    await again.hangUp();

    // Names, dates of birth and phone numbers went through the gateway; none reached the logs.
    const logs = JSON.stringify([...first.logs, ...second.logs]);
    expect(first.logs.some((line) => line['msg'] === 'call event accepted')).toBe(true);
    expect(logs).not.toMatch(/Ada|Lovelace|1985-12-10|December 10|5555550142/);
  });

  it('closes only the socket that sent a malformed frame; a concurrent call carries on', async () => {
    const gateway = await startTestGateway();
    gateways.push(gateway);
    const broken = await dialRetell(gateway.ws(''), 'call_malformed');
    const healthy = await dialRetell(gateway.ws(''), 'call_healthy');
    const brokenClosed = closed(broken.socket);

    broken.socket.send('{"interaction_type": "response_required", "response_id": ');
    expect((await brokenClosed).code).toBe(1007);

    healthy.socket.send(
      JSON.stringify({
        interaction_type: 'response_required',
        response_id: 1,
        transcript: [
          { role: 'agent', content: healthy.greeting, words: [] },
          { role: 'user', content: 'Where are you located?', words: [] },
        ],
      }),
    );
    const answer = await completeResponse(healthy.inbox, 1);
    expect(answer).toContain('120 Main Street');
    expect(healthy.socket.readyState).toBe(healthy.socket.OPEN);
    expect((await fetch(gateway.http('/health/ready'))).status).toBe(200);

    const healthyClosed = closed(healthy.socket);
    healthy.socket.close(1000);
    await healthyClosed;
  });
});
