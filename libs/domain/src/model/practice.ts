/** The tenant: one dental practice, with everything the front desk needs to know about it. */

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

/** Local wall-clock time "HH:mm" in the practice's own time zone. */
export type WallTime = string;
/** Local calendar date "YYYY-MM-DD" in the practice's own time zone. */
export type LocalDate = string;

export interface OpeningPeriod {
  opens: WallTime;
  closes: WallTime;
}

export interface Closure {
  date: LocalDate;
  reason: string;
}

export type ProviderKind = 'dentist' | 'hygienist';

export interface Provider {
  id: string;
  name: string;
  kind: ProviderKind;
}

export interface Operatory {
  id: string;
  name: string;
}

/** A kind of visit the practice books, e.g. "cleaning" for 60 minutes with a hygienist. */
export interface AppointmentType {
  /** Stable code used in conversation and tools: cleaning, exam, emergency, new_patient. */
  code: string;
  name: string;
  durationMinutes: number;
  providerKind: ProviderKind;
}

/** A staff phone number the receptionist may transfer to: the only numbers it ever dials. */
export interface TransferTarget {
  /** What callers ask for: "front_desk", "billing", "office_manager". */
  label: string;
  number: string;
}

export interface BookingPolicy {
  /** No slot starts sooner than this after "now". */
  minimumNoticeMinutes: number;
  /** Slots are offered at most this many days ahead. */
  maximumDaysAhead: number;
  /** Candidate start times are aligned to this grid (minutes past the hour). */
  slotGranularityMinutes: number;
}

export interface Practice {
  id: string;
  name: string;
  /** IANA zone, e.g. America/New_York. Every wall-clock time of the practice is in this zone. */
  timeZone: string;
  weeklyHours: Partial<Record<Weekday, OpeningPeriod[]>>;
  closures: Closure[];
  providers: Provider[];
  operatories: Operatory[];
  appointmentTypes: AppointmentType[];
  onCallNumber: string;
  transferTargets: TransferTarget[];
  greeting: string;
  address: string;
  /** Free-form facts the receptionist may tell callers (parking, insurance accepted, ...). */
  facts: Record<string, string>;
  bookingPolicy: BookingPolicy;
}
