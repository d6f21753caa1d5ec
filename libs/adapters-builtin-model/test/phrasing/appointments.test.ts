import { describe, expect, it } from 'vitest';
import { yourAppointments } from '../../src/phrasing';
import { appointment, practiceContext } from '../support/practice';

const TYPES = practiceContext().appointmentTypes;

describe('telling the caller their appointments', () => {
  it('names one appointment by its type, time and provider', () => {
    expect(yourAppointments([appointment('a', 'exam', '2026-11-12T15:30')], TYPES)).toEqual([
      'You have an exam on Thursday, November 12 at 3:30 PM with Dr. Lee.',
    ]);
  });

  it('says the practice\u2019s name for a type code', () => {
    expect(yourAppointments([appointment('a', 'new_patient', '2026-11-19T08:00')], TYPES)).toEqual([
      'You have a new patient visit on Thursday, November 19 at 8 AM with Dr. Lee.',
    ]);
  });

  it('says three one by one and sums up the rest', () => {
    const starts = ['2026-11-02T09:00', '2026-11-09T09:00', '2026-11-16T09:00', '2026-11-23T09:00', '2026-11-30T09:00'];
    const lines = yourAppointments(
      starts.map((start, index) => appointment(`a${index}`, 'cleaning', start)),
      TYPES,
    );
    expect(lines).toEqual([
      'You have five upcoming appointments.',
      'The first is a cleaning on Monday, November 2 at 9 AM with Dr. Lee.',
      'The second is a cleaning on Monday, November 9 at 9 AM with Dr. Lee.',
      'The third is a cleaning on Monday, November 16 at 9 AM with Dr. Lee.',
      'There are two more after that.',
    ]);
  });
});
