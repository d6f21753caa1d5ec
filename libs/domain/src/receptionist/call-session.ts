import type { Appointment, CallChannel, CallOutcome, Patient, Practice } from '../model';

/**
 * Server-side state of one call. The practice comes from the number or agent that was called;
 * the verified patient only from a name + date-of-birth match. Tools read both from here, never from
 * what the model or the caller supplies.
 */
export interface CallSession {
  readonly callId: string;
  readonly practice: Practice;
  readonly channel: CallChannel;
  readonly callerNumber?: string;
  /** ISO instant. */
  readonly startedAt: string;
  verifiedPatient?: Patient;
  /** Opaque refs ("appt-1") shown to the verified caller, mapped to their appointments. */
  readonly shownAppointments: Map<string, Appointment>;
  /** Every outcome reached in the call, in order; the call record keeps the strongest. */
  readonly outcomes: CallOutcome[];
  /** Appointments this call created or changed. */
  readonly appointmentIds: string[];
}

export interface CallSessionStart {
  callId: string;
  practice: Practice;
  channel: CallChannel;
  callerNumber?: string;
  startedAt: string;
}

export function createCallSession(start: CallSessionStart): CallSession {
  return { ...start, shownAppointments: new Map(), outcomes: [], appointmentIds: [] };
}
