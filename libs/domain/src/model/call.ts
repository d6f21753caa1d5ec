/** How the call reached us. */
export type CallChannel = 'retell' | 'twilio' | 'elevenlabs' | 'simulator';

export type Speaker = 'caller' | 'agent';

export interface Utterance {
  speaker: Speaker;
  text: string;
}

/** What the call achieved, for the practice's call log. The strongest outcome wins (see CallOutcomeRank). */
export type CallOutcome =
  | 'booked'
  | 'rescheduled'
  | 'cancelled'
  | 'emergency_routed'
  | 'transferred'
  | 'information'
  | 'no_action';

export interface CallRecord {
  callId: string;
  practiceId: string;
  channel: CallChannel;
  /** E.164 of the caller when known (PHI). */
  callerNumber?: string;
  /** ISO instants. */
  startedAt: string;
  endedAt: string;
  transcript: Utterance[];
  outcome: CallOutcome;
  summary?: string;
  /** Appointment ids this call created or changed. */
  appointmentIds: string[];
}
