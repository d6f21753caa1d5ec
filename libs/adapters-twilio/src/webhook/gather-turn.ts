import type { ConversationOutput } from '@crowndesk/domain';
import type { GatherCall } from './gather-calls';

export type CallAction = Extract<ConversationOutput, { type: 'transfer' } | { type: 'end_call' }>;

export type GatherTurnResult =
  | { status: 'answered'; text: string; action: CallAction | undefined }
  /** Superseded by a newer webhook for the same call, or the call ended. */
  | { status: 'superseded' }
  | { status: 'timed_out' }
  | { status: 'failed'; error: unknown };

/**
 * Runs one conversation turn to the end and collects what to say: `<Say>` needs the whole text, so the
 * gather loop cannot speak while the model streams. Bounded by `timeoutMs`, because Twilio gives the
 * webhook 15 s in all before it gives up on us.
 */
export async function runGatherTurn(call: GatherCall, reminder: boolean, timeoutMs: number): Promise<GatherTurnResult> {
  call.running?.abort();
  const controller = new AbortController();
  call.running = controller;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  let text = '';
  let action: CallAction | undefined;
  try {
    const turn = { transcript: call.transcript.snapshot(), reminder, signal: controller.signal };
    for await (const output of call.conversation.respond(turn)) {
      if (controller.signal.aborted) break;
      if (output.type === 'text') text += output.text;
      else if (output.type === 'transfer' || output.type === 'end_call') {
        action = output;
        break;
      }
    }
  } catch (error) {
    if (!controller.signal.aborted) return { status: 'failed', error };
  } finally {
    clearTimeout(timer);
    if (call.running === controller) call.running = undefined;
  }
  if (timedOut) return { status: 'timed_out' };
  if (controller.signal.aborted) return { status: 'superseded' };
  return { status: 'answered', text: text.trim(), action };
}
