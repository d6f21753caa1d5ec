import type { CallRecord, Utterance } from '../../model';
import type { CallLog } from '../../ports';
import type { CallSession } from '../call-session';
import type { Conversation, ConversationTurn } from '../conversation';
import type { ConversationOutput } from '../conversation-output';
import { errorMessage, linkTurnAbort } from './abort';
import { buildCallRecord } from './call-record';
import { EmergencyWatch } from './emergency-watch';
import { practiceGreeting } from './greeting';
import type { ToolExchange } from './model-messages';
import { ModelTurn, type ModelTurnDeps } from './model-turn';
import { Phrases } from './phrases';

export interface ReceptionistConversationDeps extends ModelTurnDeps {
  callLog: CallLog;
}

/**
 * One call's receptionist: a deterministic emergency screen in front of the model, the model's
 * tool loop, and the call record at the end. Transport-agnostic: transports feed it the transcript.
 */
export class ReceptionistConversation implements Conversation {
  private readonly exchanges: ToolExchange[] = [];
  private readonly emergencies = new EmergencyWatch();
  private finished?: Promise<CallRecord>;

  constructor(
    readonly session: CallSession,
    private readonly deps: ReceptionistConversationDeps,
  ) {}

  greeting(): string {
    return practiceGreeting(this.session.practice);
  }

  async *respond(turn: ConversationTurn): AsyncGenerator<ConversationOutput, void, undefined> {
    if (this.finished || turn.signal.aborted) return;
    const abort = linkTurnAbort(turn.signal);
    try {
      if (this.emergencies.check(turn.transcript)) {
        yield* this.routeEmergency(abort.signal);
        return;
      }
      yield* new ModelTurn(this.deps, {
        session: this.session,
        exchanges: this.exchanges,
        transcript: turn.transcript,
        reminder: turn.reminder,
        signal: abort.signal,
      }).run();
    } finally {
      abort.release();
    }
  }

  finish(finalTranscript: Utterance[], endedAt?: Date): Promise<CallRecord> {
    this.finished ??= this.record(finalTranscript, endedAt ?? this.deps.clock.now());
    return this.finished;
  }

  /** Emergencies go to the on-call dentist whatever the model would say: practice policy, not judgement. */
  private async *routeEmergency(signal: AbortSignal): AsyncGenerator<ConversationOutput, void, undefined> {
    this.deps.logger.warn(this.logFields(), 'dental emergency detected: routing to the on-call dentist');
    if (signal.aborted) return;
    yield { type: 'text', text: Phrases.emergency, uninterruptible: true };
    if (signal.aborted) return;
    this.emergencies.markRouted();
    this.session.outcomes.push('emergency_routed');
    yield { type: 'transfer', number: this.session.practice.onCallNumber, reason: 'emergency' };
  }

  private async record(transcript: readonly Utterance[], endedAt: Date): Promise<CallRecord> {
    const record = buildCallRecord(this.session, transcript, endedAt);
    try {
      await this.deps.callLog.record(record);
    } catch (error) {
      this.deps.logger.error(this.logFields({ error: errorMessage(error) }), 'writing the call record failed');
      throw new Error(`Could not record call ${record.callId}`, { cause: error });
    }
    this.deps.logger.info(
      this.logFields({
        outcome: record.outcome,
        appointments: record.appointmentIds.length,
        utterances: record.transcript.length,
        durationMs: Date.parse(record.endedAt) - Date.parse(record.startedAt),
      }),
      'call recorded',
    );
    return record;
  }

  private logFields(fields: Record<string, unknown> = {}): Record<string, unknown> {
    return { callId: this.session.callId, practiceId: this.session.practice.id, ...fields };
  }
}
