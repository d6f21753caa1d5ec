import { performance } from 'node:perf_hooks';
import { serverFrameSchema, type ServerFrame } from '../../src/cli/simulator/retell-frames';
import { callDetailsFrame } from '../../test/support/retell-peer';
import { CALLER_LINES, type CallerLine } from './caller-dialogue';
import { SpokenTranscript } from './spoken-transcript';
import { TimedSocket, type AnswerMatcher, type Exchange } from './timed-socket';
import { ANSWER_TIMEOUT_MS, type CallOutcome, type RecordedRequest, type TurnSample } from './turn-sample';

/**
 * One benchmark call placed the way Retell places it: a socket to `/retell-llm/{call_id}`, `call_details`
 * once `config` arrives, keepalive pings every 2 s, then one `response_required` per caller line with the
 * whole transcript (word timings included). Times the begin message and every turn.
 */

const KEEPALIVE_INTERVAL_MS = 2_000;

export interface RetellCallResult extends CallOutcome {
  /** The request frames as sent, in order (for the echo baseline). */
  requests: RecordedRequest[];
}

export async function placeRetellCall(wsBaseUrl: string, callId: string, deadline: number): Promise<RetellCallResult> {
  let configured!: () => void;
  const config = new Promise<void>((resolve) => (configured = resolve));
  let keepalive: NodeJS.Timeout | undefined;
  const socket: TimedSocket<ServerFrame> = await TimedSocket.open(`${wsBaseUrl}/retell-llm/${callId}`, {
    parse: parseServerFrame,
    onFrame: (frame) => {
      if (frame.response_type !== 'config') return;
      if (frame.config.auto_reconnect && !keepalive) {
        const ping = () => socket.send(JSON.stringify({ interaction_type: 'ping_pong', timestamp: Date.now() }));
        keepalive = setInterval(ping, KEEPALIVE_INTERVAL_MS);
        keepalive.unref();
      }
      configured();
    },
  });
  const samples: TurnSample[] = [];
  const requests: RecordedRequest[] = [];
  try {
    await withTimeout(config, 'config');
    const transcript = new SpokenTranscript();
    const callDetails = JSON.stringify(callDetailsFrame(callId));
    const greeting = await socket.exchange(callDetails, responseMatcher(0), ANSWER_TIMEOUT_MS);
    samples.push(sampleOf('greeting', greeting));
    requests.push({ kind: 'greeting', text: callDetails });
    transcript.say('agent', answerOf(greeting, 0).text);

    for (const [index, line] of CALLER_LINES.entries()) {
      if (performance.now() >= deadline) return { connectMs: socket.connectMs, samples, requests, finished: false };
      const responseId = index + 1;
      transcript.say('user', line.text);
      const request = JSON.stringify({ interaction_type: 'response_required', response_id: responseId, transcript: transcript.items });
      const exchange = await socket.exchange(request, responseMatcher(responseId), ANSWER_TIMEOUT_MS);
      samples.push(sampleOf(line.kind, exchange));
      requests.push({ kind: line.kind, text: request });
      const answer = answerOf(exchange, responseId);
      expectTools(line, answer.tools, responseId);
      transcript.say('agent', answer.text);
    }
    return { connectMs: socket.connectMs, samples, requests, finished: true };
  } finally {
    clearInterval(keepalive);
    await socket.close();
  }
}

function responseMatcher(responseId: number): AnswerMatcher<ServerFrame> {
  return {
    isFirst: (frame) => frame.response_type === 'response' && frame.response_id === responseId,
    isLast: (frame) => frame.response_type === 'response' && frame.response_id === responseId && frame.content_complete,
  };
}

function answerOf(exchange: Exchange<ServerFrame>, responseId: number): { text: string; tools: string[] } {
  let text = '';
  const tools: string[] = [];
  for (const frame of exchange.frames) {
    if (frame.response_type === 'response' && frame.response_id === responseId) text += frame.content;
    if (frame.response_type === 'tool_call_invocation') tools.push(frame.name);
  }
  return { text, tools };
}

function expectTools(line: CallerLine, tools: string[], responseId: number): void {
  if (tools.join(',') === line.expectedTools.join(',')) return;
  throw new Error(
    `turn ${responseId} ("${line.text}") invoked [${tools.join(', ')}], expected [${line.expectedTools.join(', ')}]: ` +
      'the built-in engine changed; update bench/support/caller-dialogue.ts',
  );
}

function sampleOf(kind: TurnSample['kind'], exchange: Exchange<ServerFrame>): TurnSample {
  return { kind, requestBytes: exchange.requestBytes, firstMs: exchange.firstMs, completeMs: exchange.lastMs };
}

function parseServerFrame(raw: unknown): ServerFrame {
  const parsed = serverFrameSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`unexpected frame from the gateway: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} frame within ${ANSWER_TIMEOUT_MS} ms`)), ANSWER_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
