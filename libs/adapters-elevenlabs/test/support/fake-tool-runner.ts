import type { CallSession, ModelToolCall, Patient, ToolExecution, ToolResult, ToolRunner } from '@crowndesk/domain';

export interface RecordedRun {
  session: CallSession;
  call: ModelToolCall;
  arguments: Record<string, unknown>;
}

export const MARIA: Patient = {
  id: 'patient-maria',
  practiceId: 'practice-bright-smile',
  firstName: 'Maria',
  lastName: 'Gonzalez',
  dateOfBirth: '1985-04-12',
};

/**
 * A ToolRunner double with the domain's identity rule in miniature: find_my_appointments verifies the
 * caller in the session (Maria, by name and date of birth) and cancel_appointment requires that
 * verification. Everything else echoes. Records each run with the session it got.
 */
export class FakeToolRunner implements ToolRunner {
  readonly runs: RecordedRun[] = [];
  throwWith: Error | undefined;

  async run(session: CallSession, call: ModelToolCall, _signal: AbortSignal): Promise<ToolExecution> {
    const args = JSON.parse(call.arguments) as Record<string, unknown>;
    this.runs.push({ session, call, arguments: args });
    if (this.throwWith) throw this.throwWith;
    const result = this.resultFor(session, call.name, args);
    return { result, content: JSON.stringify(result) };
  }

  private resultFor(session: CallSession, tool: string, args: Record<string, unknown>): ToolResult {
    switch (tool) {
      case 'find_my_appointments':
        if (args['full_name'] !== 'Maria Gonzalez' || args['date_of_birth'] !== MARIA.dateOfBirth) {
          return { ok: false, error: 'identity_mismatch', message: 'No patient matches that name and date of birth.' };
        }
        session.verifiedPatient = { ...MARIA, practiceId: session.practice.id };
        return { ok: true, tool: 'find_my_appointments', appointments: [shown] };
      case 'cancel_appointment':
        if (!session.verifiedPatient) return { ok: false, error: 'not_verified', message: 'Verify the caller first.' };
        session.outcomes.push('cancelled');
        session.appointmentIds.push('appointment-1');
        return { ok: true, tool: 'cancel_appointment', appointment: { ...shown, status: 'cancelled' } };
      case 'book_appointment':
        if (typeof args['start'] !== 'string') return { ok: false, error: 'invalid_arguments', message: 'start is required' };
        return { ok: false, error: 'slot_unavailable', message: 'That time was just taken.', alternatives: [] };
      case 'get_practice_info':
        return { ok: true, tool: 'get_practice_info', topic: String(args['topic'] ?? 'summary'), answer: `${session.practice.name} is open.` };
      default:
        return { ok: false, error: 'unknown_tool', message: `no ${tool}` };
    }
  }
}

const shown = { ref: 'appt-1', type: 'cleaning', start: '2030-01-07T09:00', spoken: 'Monday, January 7 at 9:00 AM', status: 'scheduled' };
