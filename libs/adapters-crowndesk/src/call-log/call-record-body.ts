import type { CallOutcome, CallRecord } from '@crowndesk/domain';

/** CrownDesk's `CallOutcome` enum (prisma/schema.prisma, model CallRecord). */
export type BackendCallOutcome =
  | 'appointment_booked'
  | 'appointment_rescheduled'
  | 'appointment_cancelled'
  | 'information_provided'
  | 'transferred_to_human'
  | 'voicemail_left'
  | 'abandoned'
  | 'other';

const OUTCOME: Record<CallOutcome, BackendCallOutcome> = {
  booked: 'appointment_booked',
  rescheduled: 'appointment_rescheduled',
  cancelled: 'appointment_cancelled',
  emergency_routed: 'transferred_to_human',
  transferred: 'transferred_to_human',
  information: 'information_provided',
  no_action: 'other',
};

/**
 * Body of `POST /api/calls/record`: OURS, PENDING CONFIRMATION. The public CrownDesk source has no
 * call-record write route for services (its CallsController is read-only behind the dashboard login), so
 * this body is defined from our CallRecord in the words of CrownDesk's CallRecord/CallTranscript models.
 * It carries PHI (number, transcript, summary): never logged.
 */
export interface CallRecordBody {
  callId: string;
  channel: CallRecord['channel'];
  direction: 'inbound';
  callerNumber?: string;
  startTime: string;
  endTime: string;
  durationSecs: number;
  status: 'completed' | 'transferred';
  outcome: BackendCallOutcome;
  wasEmergency: boolean;
  summary?: string;
  appointmentIds: string[];
  transcript: { sequence: number; role: 'user' | 'agent'; content: string }[];
}

export function callRecordBody(call: CallRecord): CallRecordBody {
  const transferred = call.outcome === 'transferred' || call.outcome === 'emergency_routed';
  const durationMs = Date.parse(call.endedAt) - Date.parse(call.startedAt);
  return {
    callId: call.callId,
    channel: call.channel,
    direction: 'inbound',
    ...(call.callerNumber ? { callerNumber: call.callerNumber } : {}),
    startTime: call.startedAt,
    endTime: call.endedAt,
    durationSecs: Number.isFinite(durationMs) ? Math.max(0, Math.round(durationMs / 1000)) : 0,
    status: transferred ? 'transferred' : 'completed',
    outcome: OUTCOME[call.outcome],
    wasEmergency: call.outcome === 'emergency_routed',
    ...(call.summary ? { summary: call.summary } : {}),
    appointmentIds: [...call.appointmentIds],
    transcript: call.transcript.map((utterance, sequence) => ({
      sequence,
      role: utterance.speaker === 'caller' ? 'user' : 'agent',
      content: utterance.text,
    })),
  };
}
