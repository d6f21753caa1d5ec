import { DEMO_AGENT_ID, DEMO_PHONE_NUMBER } from '@crowndesk/adapters-sqlite';
import type WebSocket from 'ws';
import { connect, type FrameInbox } from './websocket-client';

export const CALLER_NUMBER = '+15555550142';

/** A socket that has gone through Retell's opening: config received, call_details sent, begin message read. */
export interface RetellPeer {
  socket: WebSocket;
  inbox: FrameInbox;
  greeting: string;
}

/** Retell's `call_details` for an inbound phone call from CALLER_NUMBER to the demo practice's number and agent. */
export function callDetailsFrame(callId: string) {
  return {
    interaction_type: 'call_details',
    call: {
      call_type: 'phone_call',
      call_id: callId,
      agent_id: DEMO_AGENT_ID,
      from_number: CALLER_NUMBER,
      to_number: DEMO_PHONE_NUMBER,
      direction: 'inbound',
      call_status: 'registered',
      metadata: {},
      retell_llm_dynamic_variables: {},
    },
  };
}

export async function dialRetell(wsBaseUrl: string, callId: string): Promise<RetellPeer> {
  const { socket, inbox } = await connect(`${wsBaseUrl}/retell-llm/${callId}`);
  await inbox.next((frame) => frame['response_type'] === 'config');
  socket.send(JSON.stringify(callDetailsFrame(callId)));
  const greeting = await completeResponse(inbox, 0);
  return { socket, inbox, greeting };
}

/** Concatenates the content of one response id up to its content_complete. */
export async function completeResponse(inbox: FrameInbox, responseId: number): Promise<string> {
  let text = '';
  for (;;) {
    const frame = await inbox.next((candidate) => candidate['response_type'] === 'response' && candidate['response_id'] === responseId);
    text += String(frame['content'] ?? '');
    if (frame['content_complete'] === true) return text;
  }
}
