import { describe, expect, it } from 'vitest';
import { brightSmileDental } from './bright-smile.fixture';
import { spokenUpcomingClosures, spokenWeeklyHours } from './opening-hours-speech';

describe('spokenWeeklyHours', () => {
  it('groups days with the same hours and names the closed days', () => {
    expect(spokenWeeklyHours(brightSmileDental())).toBe('Monday through Friday, 8 AM to 5 PM; closed Saturday and Sunday.');
  });

  it('says split days, pairs and single days', () => {
    const practice = brightSmileDental({
      weeklyHours: {
        monday: [{ opens: '13:00', closes: '17:30' }, { opens: '08:00', closes: '12:00' }],
        tuesday: [{ opens: '08:00', closes: '12:00' }, { opens: '13:00', closes: '17:30' }],
        wednesday: [{ opens: '10:00', closes: '19:00' }],
        saturday: [{ opens: '09:00', closes: '12:30' }],
      },
    });
    expect(spokenWeeklyHours(practice)).toBe(
      'Monday and Tuesday, 8 AM to 12 PM and 1 PM to 5:30 PM; Wednesday, 10 AM to 7 PM; Saturday, 9 AM to 12:30 PM; closed Thursday, Friday and Sunday.',
    );
  });

  it('says when there are no regular hours', () => {
    expect(spokenWeeklyHours(brightSmileDental({ weeklyHours: {} }))).toBe('We have no regular opening hours.');
  });
});

describe('spokenUpcomingClosures', () => {
  const practice = brightSmileDental({
    closures: [
      { date: '2027-01-01', reason: "New Year's Day" },
      { date: '2026-11-26', reason: 'Thanksgiving' },
      { date: '2026-12-25', reason: 'Christmas Day' },
      { date: '2026-12-24', reason: '' },
    ],
  });

  it('says the next closures from today, in date order', () => {
    expect(spokenUpcomingClosures(practice, '2026-11-30')).toBe(
      'We are closed on Thursday, December 24, Friday, December 25 (Christmas Day) and Friday, January 1 (New Year\'s Day).',
    );
    expect(spokenUpcomingClosures(practice, '2027-01-02')).toBe('');
  });
});
