import type { ConversationContext, OfferedSlot, ShownAppointment } from '@crowndesk/domain';

/** Wednesday, October 28, 2026, 9:00 AM in New York (EDT); daylight saving ends on Sunday, November 1. */
export const WEDNESDAY_MORNING = '2026-10-28T13:00:00.000Z';

export function practiceContext(overrides: Partial<ConversationContext> = {}): ConversationContext {
  return {
    practiceName: 'Maple Street Dental',
    timeZone: 'America/New_York',
    now: WEDNESDAY_MORNING,
    appointmentTypes: [
      { code: 'cleaning', name: 'Cleaning', durationMinutes: 60 },
      { code: 'exam', name: 'Exam', durationMinutes: 30 },
      { code: 'emergency', name: 'Emergency visit', durationMinutes: 30 },
      { code: 'new_patient', name: 'New patient visit', durationMinutes: 90 },
    ],
    reminder: false,
    ...overrides,
  };
}

/** "Tuesday, November 3 at 10 AM with Sam Kim": a local start and provider as the domain's tools say them. */
function spokenStart(start: string, provider: string): string {
  const [date, time] = start.split('T');
  const day = new Date(`${date}T12:00:00Z`);
  const weekday = day.toLocaleDateString('en-US', { weekday: 'long', timeZone: 'UTC' });
  const month = day.toLocaleDateString('en-US', { month: 'long', timeZone: 'UTC' });
  const [hour = 0, minute = 0] = (time ?? '00:00').split(':').map(Number);
  const clock = `${hour % 12 === 0 ? 12 : hour % 12}${minute === 0 ? '' : `:${String(minute).padStart(2, '0')}`}`;
  return `${weekday}, ${month} ${day.getUTCDate()} at ${clock} ${hour < 12 ? 'AM' : 'PM'} with ${provider}`;
}

/** A slot as check_availability shows it. */
export function slot(start: string, provider = 'Sam Kim'): OfferedSlot {
  return { start, spoken: spokenStart(start, provider), provider };
}

/** An appointment as find_my_appointments shows it: the type's code, and words for its time and provider only. */
export function appointment(ref: string, type: string, start: string, status = 'scheduled'): ShownAppointment {
  return { ref, type, start, spoken: spokenStart(start, 'Dr. Lee'), status };
}
