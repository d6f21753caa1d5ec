import { spokenNumbersToDigits } from './number-words';

/** Lower case, straight apostrophes, single spaces: the form every matcher here expects. */
export function plainText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Clock idioms, after numbers are digits: "half past 2" -> "2:30", "a quarter to 10" -> "9:45". */
function clockIdiomsToDigits(text: string): string {
  return text
    .replace(/\b(?:a )?quarter (?:past|after) (\d{1,2})\b/g, (_m, hour: string) => `${hour}:15`)
    .replace(/\bhalf past (\d{1,2})\b/g, (_m, hour: string) => `${hour}:30`)
    .replace(/\b(?:a )?quarter (?:to|till|til|before|of) (\d{1,2})\b/g, (_m, hour: string) => {
      const value = Number(hour);
      return `${value <= 1 ? 12 : value - 1}:45`;
    })
    .replace(/\b(\d{1,2}) ?o'? ?clock\b/g, (_m, hour: string) => `${hour}:00`)
    .replace(/\b(\d{1,2}(?::\d{2})?) ?([ap])\.? ?m\b\.?/g, (_m, time: string, meridiem: string) => `${time} ${meridiem}m`)
    .replace(/\b(?:noon|midday)\b/g, '12:00 pm');
}

/** What the caller said, ready for date, time and number matching. */
export function normalizeUtterance(text: string): string {
  return clockIdiomsToDigits(spokenNumbersToDigits(plainText(text)));
}

/** A date said aloud ("oh four fourteen eighty five"), as digits without clock-time readings. */
export function normalizeSpokenDate(text: string): string {
  return spokenNumbersToDigits(plainText(text), { clockTimes: false });
}
