import type { Conversation, ConversationOutput, Logger, Utterance } from '@crowndesk/domain';
import { describeError } from './errors';
import {
  responseChunk,
  responseEnd,
  toolCallInvocationFrame,
  toolCallResultFrame,
  type OutboundFrame,
  type ResponseAction,
} from './protocol/outbound-frames';
import { SPOKEN_LINES } from './spoken-lines';

export interface FrameSink {
  send(frame: OutboundFrame): boolean;
}

export interface ResponseTurnParams {
  responseId: number;
  reminder: boolean;
  transcript: Utterance[];
  conversation: Conversation;
  sink: FrameSink;
  logger: Logger;
  logContext: Record<string, unknown>;
}

/**
 * One answer to a response_required / reminder_required: streams the conversation's output as frames of
 * one response_id and always closes it with content_complete, unless it was cancelled. Retell drops
 * anything sent under an older id, so once cancelled (a newer request arrived, or the socket went away)
 * this turn sends nothing more: every send is checked against the abort signal first.
 */
export class ResponseTurn {
  private readonly controller = new AbortController();

  constructor(private readonly params: ResponseTurnParams) {}

  /** Stops the turn at once: the conversation sees its signal abort, and no further frame is sent. */
  cancel(): void {
    this.controller.abort();
  }

  /** Runs to the end of the response. Never rejects. */
  async run(): Promise<void> {
    const { responseId, conversation, reminder, transcript, logger, logContext } = this.params;
    const signal = this.controller.signal;
    let frames = 0;
    let ended: ResponseAction | 'complete' | undefined;
    const end = (content: string, action?: ResponseAction): void => {
      if (ended) return;
      ended = action ?? 'complete';
      if (this.send(responseEnd(responseId, content, action))) frames += 1;
    };
    try {
      for await (const output of conversation.respond({ transcript, reminder, signal })) {
        if (signal.aborted) break;
        const action = actionOf(output);
        if (action) {
          // Close the response before the conversation's own clean-up runs: nothing after it can be spoken.
          end('', action);
          break;
        }
        const frame = frameOf(responseId, output);
        if (frame && this.send(frame)) frames += 1;
      }
    } catch (error) {
      if (!signal.aborted) {
        logger.error({ ...logContext, responseId, ...describeError(error) }, 'retell turn failed');
        end(SPOKEN_LINES.apology);
      }
    } finally {
      end('');
      logger.debug(
        { ...logContext, responseId, frames, reminder, cancelled: signal.aborted, ending: endingName(ended) },
        'retell turn ended',
      );
    }
  }

  private send(frame: OutboundFrame): boolean {
    if (this.controller.signal.aborted) return false;
    return this.params.sink.send(frame);
  }
}

/** Transfer and hang-up end the response: Retell runs them once the speech before them has been spoken. */
function actionOf(output: ConversationOutput): ResponseAction | undefined {
  if (output.type === 'end_call') return { end_call: true };
  if (output.type === 'transfer') return { transfer_number: output.number };
  return undefined;
}

function frameOf(responseId: number, output: ConversationOutput): OutboundFrame | undefined {
  switch (output.type) {
    case 'text':
      return output.text ? responseChunk(responseId, output.text, output.uninterruptible === true) : undefined;
    case 'tool_invocation':
      return toolCallInvocationFrame(output.toolCallId, output.name, output.arguments);
    case 'tool_result':
      return toolCallResultFrame(output.toolCallId, output.content, output.successful);
    default:
      return undefined;
  }
}

function endingName(ending: ResponseAction | 'complete' | undefined): string {
  if (!ending || ending === 'complete') return 'complete';
  return 'end_call' in ending ? 'end_call' : 'transfer';
}
