import type { Practice } from '@crowndesk/domain';
import { FakePracticeDirectory } from '@crowndesk/testing';

function practice(id: string, name: string, timeZone: string): Practice {
  return {
    id,
    name,
    timeZone,
    weeklyHours: { monday: [{ opens: '08:00', closes: '17:00' }] },
    closures: [],
    providers: [{ id: `${id}-dr`, name: 'Dr. Lee', kind: 'dentist' }],
    operatories: [{ id: `${id}-op1`, name: 'Room 1' }],
    appointmentTypes: [{ code: 'cleaning', name: 'Cleaning', durationMinutes: 60, providerKind: 'dentist' }],
    onCallNumber: '+15550000999',
    transferTargets: [{ label: 'front_desk', number: '+15550000100' }],
    greeting: `Thanks for calling ${name}.`,
    address: '1 Main Street',
    facts: {},
    bookingPolicy: { minimumNoticeMinutes: 60, maximumDaysAhead: 60, slotGranularityMinutes: 15 },
  };
}

export const brightSmile = practice('practice-bright-smile', 'Bright Smile Dental', 'America/New_York');
export const harborView = practice('practice-harbor-view', 'Harbor View Dentistry', 'America/Los_Angeles');

/** The ElevenLabs agents and numbers of each practice, as the directory double knows them. */
export const BRIGHT_SMILE_AGENT = 'agent_01brightsmile';
export const BRIGHT_SMILE_NUMBER = '+15551230001';
export const HARBOR_VIEW_AGENT = 'agent_02harborview';
export const HARBOR_VIEW_NUMBER = '+15551230002';

/** A PracticeDirectory double over both practices, listed under their ElevenLabs agents and numbers. */
export function practiceDirectory(): FakePracticeDirectory {
  return new FakePracticeDirectory()
    .add(brightSmile, { agentId: BRIGHT_SMILE_AGENT, number: BRIGHT_SMILE_NUMBER })
    .add(harborView, { agentId: HARBOR_VIEW_AGENT, number: HARBOR_VIEW_NUMBER });
}
