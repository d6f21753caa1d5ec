/** What we send to Retell, tagged by `response_type`. Built only through the functions below. */

export interface ConfigFrame {
  response_type: 'config';
  config: { auto_reconnect: boolean; call_details: boolean; transcript_with_tool_calls: boolean };
}

/** After the content is spoken Retell runs at most one action; we never set both. */
export type ResponseAction = { end_call: true } | { transfer_number: string };

export interface ResponseFrame {
  response_type: 'response';
  response_id: number;
  content: string;
  content_complete: boolean;
  /** The caller cannot talk over this content, so the transfer or hang-up after it is not cancelled. */
  no_interruption_allowed?: true;
  end_call?: true;
  transfer_number?: string;
}

export interface PingPongFrame {
  response_type: 'ping_pong';
  timestamp: number;
}

export interface ToolCallInvocationFrame {
  response_type: 'tool_call_invocation';
  tool_call_id: string;
  name: string;
  /** Stringified JSON, as the model produced it. */
  arguments: string;
}

export interface ToolCallResultFrame {
  response_type: 'tool_call_result';
  tool_call_id: string;
  content: string;
  successful: boolean;
}

export type OutboundFrame = ConfigFrame | ResponseFrame | PingPongFrame | ToolCallInvocationFrame | ToolCallResultFrame;

/** The id Retell reserves for the begin message. */
export const BEGIN_MESSAGE_RESPONSE_ID = 0;

/**
 * Keepalive on (so a dead socket is noticed and Retell reconnects), call details on (we need agent_id
 * and to_number to find the practice), tool-call transcripts off (we never read them; they double frame size).
 */
export function configFrame(): ConfigFrame {
  return {
    response_type: 'config',
    config: { auto_reconnect: true, call_details: true, transcript_with_tool_calls: false },
  };
}

/** A piece of speech inside an open response. */
export function responseChunk(responseId: number, content: string, uninterruptible = false): ResponseFrame {
  const frame: ResponseFrame = { response_type: 'response', response_id: responseId, content, content_complete: false };
  return uninterruptible ? { ...frame, no_interruption_allowed: true } : frame;
}

/** The last frame of a response: without it Retell waits silently until the caller speaks again. */
export function responseEnd(responseId: number, content: string, action?: ResponseAction): ResponseFrame {
  return { response_type: 'response', response_id: responseId, content, content_complete: true, ...action };
}

/** Echoes Retell's keepalive timestamp, so it can measure the round trip. */
export function pingPongFrame(timestamp: number): PingPongFrame {
  return { response_type: 'ping_pong', timestamp };
}

export function toolCallInvocationFrame(toolCallId: string, name: string, args: string): ToolCallInvocationFrame {
  return { response_type: 'tool_call_invocation', tool_call_id: toolCallId, name, arguments: args };
}

export function toolCallResultFrame(toolCallId: string, content: string, successful: boolean): ToolCallResultFrame {
  return { response_type: 'tool_call_result', tool_call_id: toolCallId, content, successful };
}
