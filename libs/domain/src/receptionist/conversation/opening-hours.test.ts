import { describe, expect, it } from 'vitest';
import { describeOpeningHours, speakableWallTime } from './opening-hours';

describe('describeOpeningHours', () => {
  it('groups consecutive days with the same hours and names closed days', () => {
    expect(
      describeOpeningHours({
        monday: [{ opens: '08:00', closes: '17:00' }],
        tuesday: [{ opens: '08:00', closes: '17:00' }],
        wednesday: [{ opens: '08:00', closes: '17:00' }],
        thursday: [{ opens: '10:00', closes: '19:30' }],
        friday: [{ opens: '08:00', closes: '12:00' }, { opens: '13:00', closes: '16:00' }],
      }),
    ).toBe(
      'Monday to Wednesday: 8 AM to 5 PM; Thursday: 10 AM to 7:30 PM; ' +
        'Friday: 8 AM to 12 PM and 1 PM to 4 PM; Saturday and Sunday: closed',
    );
  });

  it('treats an empty list of periods as closed', () => {
    expect(describeOpeningHours({ sunday: [] })).toBe('Monday to Sunday: closed');
  });
});

describe('speakableWallTime', () => {
  it.each([
    ['08:00', '8 AM'],
    ['12:30', '12:30 PM'],
    ['00:15', '12:15 AM'],
    ['17:45', '5:45 PM'],
  ])('says %s as %s', (wallTime, spoken) => {
    expect(speakableWallTime(wallTime)).toBe(spoken);
  });
});
