import { performance } from 'node:perf_hooks';
import { TimedSocket, type AnswerMatcher } from './timed-socket';
import { ANSWER_TIMEOUT_MS, type CallOutcome, type RecordedRequest, type TurnSample } from './turn-sample';

/**
 * The baseline call: the very request frames a gateway call sent (same bytes, same order), each sent to a
 * plain `ws` echo server and timed by the same client code until the echo arrives.
 */

const anyFrame: AnswerMatcher<unknown> = { isFirst: () => true, isLast: () => true };
// The echo is our own frame: JSON-parsed like every frame, not validated further.
const asEchoed = (raw: unknown): unknown => raw;

export async function placeEchoCall(wsUrl: string, requests: readonly RecordedRequest[], deadline: number): Promise<CallOutcome> {
  const socket = await TimedSocket.open(wsUrl, { parse: asEchoed });
  const samples: TurnSample[] = [];
  try {
    for (const request of requests) {
      if (performance.now() >= deadline) return { connectMs: socket.connectMs, samples, finished: false };
      const echo = await socket.exchange(request.text, anyFrame, ANSWER_TIMEOUT_MS);
      samples.push({ kind: request.kind, requestBytes: echo.requestBytes, firstMs: echo.firstMs, completeMs: echo.lastMs });
    }
    return { connectMs: socket.connectMs, samples, finished: true };
  } finally {
    await socket.close();
  }
}
