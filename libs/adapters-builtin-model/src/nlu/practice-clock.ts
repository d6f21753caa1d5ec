import { DateTime } from 'luxon';
import type { ParsingReference } from 'chrono-node';

/**
 * "Now" on the practice's wall clock. Everything the caller says ("tomorrow", "next Tuesday at ten") is
 * relative to the practice's local day, whatever zone the server runs in.
 */
export class PracticeClock {
  readonly now: DateTime;

  constructor(nowIso: string, readonly timeZone: string) {
    const now = DateTime.fromISO(nowIso, { zone: timeZone, setZone: false });
    if (!now.isValid) {
      throw new Error('The practice clock needs a valid instant and IANA time zone', {
        cause: now.invalidExplanation ?? now.invalidReason,
      });
    }
    this.now = now.setLocale('en-US');
  }

  /** Today's local date, "YYYY-MM-DD". */
  get today(): string {
    return this.now.toFormat('yyyy-MM-dd');
  }

  /**
   * The reference chrono resolves relative expressions against: the instant, and the zone's offset at it.
   * chrono only takes fixed offsets, so results are read as wall-clock components (year, month, day,
   * hour, minute), never as instants: a date across a daylight-saving change keeps its wall-clock time.
   */
  chronoReference(): ParsingReference {
    return { instant: this.now.toJSDate(), timezone: this.now.offset };
  }

  /** A local calendar date, or null when it does not exist (February 30th). */
  date(year: number, month: number, day: number): DateTime | null {
    const date = DateTime.fromObject({ year, month, day }, { zone: this.timeZone }).setLocale('en-US');
    return date.isValid ? date : null;
  }

  /** A "YYYY-MM-DD" local date as a DateTime at the start of that day. */
  parseDate(isoDate: string): DateTime | null {
    const date = DateTime.fromISO(isoDate, { zone: this.timeZone }).setLocale('en-US');
    return date.isValid ? date : null;
  }
}
