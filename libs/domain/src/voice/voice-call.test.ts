import { describe, expect, it } from 'vitest';
import type { CallRecord, Practice, Utterance } from '../model';
import type { CallControl, Logger, RecognitionEvent, RecognitionSession, SpeechRecognizer, SpeechSynthesizer } from '../ports';
import { createCallSession } from '../receptionist/call-session';
import type { Conversation, ConversationTurn } from '../receptionist/conversation';
import type { ConversationOutput } from '../receptionist/conversation-output';
import { VoiceCall, type VoiceCallTransport } from './voice-call';

/** Doubles of the voice ports, kept small: the Twilio adapter's tests drive the full protocol. */
class Session implements RecognitionSession {
  readonly audio: number[] = [];
  closed = false;
  private readonly queue: RecognitionEvent[] = [];
  private wake: (() => void) | undefined;
  sendAudio(audio: Uint8Array): void {
    this.audio.push(audio.length);
  }
  emit(event: RecognitionEvent): void {
    this.queue.push(event);
    this.wake?.();
  }
  get events(): AsyncIterable<RecognitionEvent> {
    const next = async (): Promise<IteratorResult<RecognitionEvent>> => {
      for (;;) {
        const event = this.queue.shift();
        if (event) return { value: event, done: false };
        if (this.closed) return { value: undefined, done: true };
        await new Promise<void>((resolve) => (this.wake = resolve));
      }
    };
    return { [Symbol.asyncIterator]: () => ({ next }) };
  }
  async close(): Promise<void> {
    this.closed = true;
    this.wake?.();
  }
}

class Transport implements VoiceCallTransport {
  readonly log: string[] = [];
  sendAudio(frame: Uint8Array): void {
    this.log.push(`audio:${frame.length}`);
  }
  sendMark(name: string): void {
    this.log.push(`mark:${name}`);
  }
  clearAudio(): void {
    this.log.push('clear');
  }
  disconnect(reason: string): void {
    this.log.push(`disconnect:${reason}`);
  }
  marks(): string[] {
    return this.log.filter((entry) => entry.startsWith('mark:')).map((entry) => entry.slice(5));
  }
}

const practice: Practice = {
  id: 'practice-1',
  name: 'Practice One',
  timeZone: 'America/New_York',
  weeklyHours: {},
  closures: [],
  providers: [],
  operatories: [],
  appointmentTypes: [],
  onCallNumber: '+15550009999',
  transferTargets: [{ label: 'front_desk', number: '+15550008888' }],
  greeting: '',
  address: '1 Main St',
  facts: {},
  bookingPolicy: { minimumNoticeMinutes: 60, maximumDaysAhead: 60, slotGranularityMinutes: 15 },
};
const silentLogger: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

const synthesizer: SpeechSynthesizer = {
  async *synthesize() {
    yield new Uint8Array(160);
  },
};
const callControl: CallControl = { transfer: async () => undefined, hangUp: async () => undefined };

function setup(replies: ConversationOutput[][], openGate?: Promise<void>, silenceReminderMs = 0) {
  const session = new Session();
  const recognizer: SpeechRecognizer = {
    open: async () => {
      await openGate;
      return session;
    },
  };
  const turns: ConversationTurn[] = [];
  const finishes: Utterance[][] = [];
  const conversation: Conversation = {
    session: createCallSession({ callId: 'call-1', practice, channel: 'twilio', startedAt: '2026-01-05T15:00:00.000Z' }),
    greeting: () => 'Hello there.',
    respond(turn) {
      turns.push(turn);
      const outputs = replies.shift() ?? [];
      return (async function* () {
        yield* outputs;
      })();
    },
    async finish(transcript) {
      finishes.push(transcript);
      return {} as CallRecord;
    },
  };
  const transport = new Transport();
  const call = new VoiceCall({ conversation, recognizer, synthesizer, callControl, logger: silentLogger }, transport, {
    callRef: 'CA1',
    silenceReminderMs,
  });
  return { call, session, transport, turns, finishes };
}

async function until(predicate: () => boolean): Promise<void> {
  for (let tries = 0; !predicate(); tries += 1) {
    if (tries > 500) throw new Error('condition never held');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe('VoiceCall', () => {
  it('keeps caller audio that arrives while the recognizer is still connecting', async () => {
    let open!: () => void;
    const { call, session } = setup([], new Promise<void>((resolve) => (open = resolve)));
    const started = call.start();
    call.hearCaller(new Uint8Array(160));
    call.hearCaller(new Uint8Array(80));
    open();
    await started;
    call.hearCaller(new Uint8Array(40));
    expect(session.audio).toEqual([160, 80, 40]);
  });

  it('treats a final utterance over the agent as an interruption even without speech_started', async () => {
    const { call, session, transport, turns } = setup([[{ type: 'text', text: 'Okay.' }]]);
    await call.start();
    await until(() => transport.marks().length === 1);
    session.emit({ type: 'final', text: 'Sorry, one question' });
    await until(() => turns.length === 1);
    expect(transport.log).toContain('clear');
    expect(turns[0]?.transcript).toEqual([{ speaker: 'caller', text: 'Sorry, one question' }]);
  });

  it('finishes the conversation once however often the call is ended, with what was heard', async () => {
    const { call, transport, finishes, session } = setup([]);
    await call.start();
    await until(() => transport.marks().length === 1);
    call.markPlayed('t1c0');
    await Promise.all([call.end(), call.end()]);
    await call.end();
    expect(finishes).toEqual([[{ speaker: 'agent', text: 'Hello there.' }]]);
    expect(session.closed).toBe(true);
    expect(call.state).toBe('ended');
  });

  it('still prompts the caller when a barge-in trails off without a final utterance', async () => {
    const { call, session, transport, turns } = setup([[{ type: 'text', text: 'Are you still there?' }]], undefined, 30);
    await call.start();
    await until(() => transport.marks().length === 1);
    session.emit({ type: 'speech_started' });
    await until(() => turns.length === 1);
    expect(transport.log).toContain('clear');
    expect(turns[0]).toMatchObject({ reminder: true, transcript: [] });
    await call.end();
  });
});
