import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { callSidFor, mediaMessage } from '../../test/support/voice-twilio-caller';
import { dialGateway, type PhoneCall } from '../../test/support/voice-gateway';
import type { ElevenLabsTtsStandIn } from '../../test/support/voice-elevenlabs-tts';
import type { OpenAiRealtimeStandIn } from '../../test/support/voice-openai-realtime';
import { MULAW_FRAME_BYTES, toneFrames } from '@crowndesk/testing';

/**
 * Turn latency on the media-stream path: from the moment the recognizer stand-in sends a final transcript
 * to the arrival of the reply's first audio frame at the Twilio client. In between: the recognizer's socket,
 * the conversation turn (built-in engine, its tool against SQLite), clause splitting, the ElevenLabs request
 * and its first bytes, framing and pacing, and the Twilio socket. Each turn starts once the previous reply
 * has played out, as a caller answers after listening, so pacing never holds the first frame back.
 */

/** Questions that never end the call; each reply runs a tool and speaks a few clauses. */
const QUESTIONS = ['Where are you located?', 'What are your hours?', 'Do you take Delta Dental?', 'Is there parking?'];
/** A reply has played out once nothing new was synthesized or sent for this long (> the 80 ms playback lead). */
const QUIET_MS = 120;
const TURN_TIMEOUT_MS = 10_000;

export interface VoiceVendors {
  stt: OpenAiRealtimeStandIn;
  tts: ElevenLabsTtsStandIn;
}

/** Milliseconds from the final transcript to the first audio frame, one per turn. */
export async function measureTurns(
  gatewayUrl: string,
  vendors: VoiceVendors,
  plan: { turns: number; turnsPerCall: number; budgetMs: number },
  firstCallSid: number,
): Promise<number[]> {
  const deadline = performance.now() + plan.budgetMs;
  const samples: number[] = [];
  for (let call = 0; samples.length < plan.turns && performance.now() < deadline; call++) {
    // Taken before dialling: the greeting is synthesized as soon as the stream starts.
    const greetingClause = vendors.tts.requests.length;
    const phone = await dialGateway(gatewayUrl, vendors.stt, callSidFor(firstCallSid + call));
    phone.stream.autoPlay = true;
    const turns = new TurnTracker(phone, vendors.tts, greetingClause);
    await turns.played();
    for (let turn = 0; turn < plan.turnsPerCall && samples.length < plan.turns && performance.now() < deadline; turn++) {
      samples.push(await turns.ask(QUESTIONS[turn % QUESTIONS.length]!));
    }
    await hangUp(phone);
  }
  return samples;
}

/** The baseline: round trips of one inbound media message through a ws echo server, parsed on arrival. */
export async function measureEchoRoundTrips(echoUrl: string, count: number): Promise<number[]> {
  const socket = new WebSocket(echoUrl, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const [audio] = toneFrames(1, 300);
  const samples: number[] = [];
  try {
    for (let index = 1; index <= count; index++) {
      const message = mediaMessage('MZ00000000000000000000000000000000', index, index, audio ?? Buffer.alloc(MULAW_FRAME_BYTES));
      const arrived = new Promise<number>((resolve) =>
        socket.once('message', (data) => {
          const at = performance.now();
          JSON.parse(data.toString());
          resolve(at);
        }),
      );
      const sentAt = performance.now();
      socket.send(message);
      samples.push((await arrived) - sentAt);
    }
  } finally {
    socket.close(1000);
  }
  return samples;
}

export async function hangUp(phone: PhoneCall): Promise<void> {
  phone.stream.stop();
  await phone.stream.closed;
}

/** Agent turn N marks its clauses `t<N>c<k>`: a turn has played once every clause synthesized for it is marked. */
class TurnTracker {
  private turn = 1;

  constructor(
    private readonly phone: PhoneCall,
    private readonly tts: ElevenLabsTtsStandIn,
    /** Index of the current turn's first clause among the synthesis requests. */
    private firstClause: number,
  ) {}

  /** The caller asks; resolves with the latency of the reply's first audio frame, once the reply has played. */
  async ask(question: string): Promise<number> {
    const { stream, recognition } = this.phone;
    stream.expectAudio();
    recognition.utter(question);
    const finalAt = recognition.lastFinalSentAt;
    await stream.until(() => stream.firstAudioAt !== undefined, 'the first audio frame of the reply', TURN_TIMEOUT_MS);
    const latency = (stream.firstAudioAt ?? Number.NaN) - finalAt;
    await this.played();
    return latency;
  }

  /** Waits until the current turn's every clause came back marked and nothing more is said. */
  async played(): Promise<void> {
    const { stream } = this.phone;
    for (;;) {
      await stream.until(() => {
        const clauses = this.tts.requests.length - this.firstClause;
        return clauses > 0 && stream.marksReceived.filter((name) => name.startsWith(`t${this.turn}c`)).length === clauses;
      }, `turn ${this.turn} to play`, TURN_TIMEOUT_MS);
      const requests = this.tts.requests.length;
      const frames = stream.audioFrames.length;
      await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
      if (this.tts.requests.length === requests && stream.audioFrames.length === frames) break;
    }
    this.turn += 1;
    this.firstClause = this.tts.requests.length;
  }
}
