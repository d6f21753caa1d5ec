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

/** A slot as check_availability shows it, spoken the way the tool says it. */
export function slot(start: string, provider = 'Sam Kim'): OfferedSlot {
  const [date, time] = start.split('T');
  const day = new Date(`${date}T12:00:00Z`);
  const weekday = day.toLocaleDateString('en-US', { weekday: 'long', timeZone: 'UTC' });
  const month = day.toLocaleDateString('en-US', { month: 'long', timeZone: 'UTC' });
  const [hour, minute] = (time ?? '00:00').split(':').map(Number);
  const h = hour ?? 0;
  const clock = `${h % 12 === 0 ? 12 : h % 12}:${String(minute ?? 0).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
  return { start, spoken: `${weekday}, ${month} ${day.getUTCDate()} at ${clock} with ${provider}`, provider };
}

/** An appointment as find_my_appointments shows it: the type's name leads its words. */
export function appointment(ref: string, type: string, start: string, status = 'scheduled'): ShownAppointment {
  return { ref, type, start, spoken: `${typeNameOf(type)} on ${slot(start, 'Dr. Lee').spoken}`, status };
}

export function typeNameOf(code: string): string {
  return practiceContext().appointmentTypes.find((type) => type.code === code)?.name ?? code;
}
