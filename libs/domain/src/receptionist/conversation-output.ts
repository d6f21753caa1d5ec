/** What the receptionist conversation yields, whatever the transport (Retell, Twilio, simulator). */
export type ConversationOutput =
  /**
   * A piece of speech, in order; transports may speak it as it arrives. `uninterruptible` marks the line that
   * hands the call over (emergency, transfer, trouble): a barge-in must not cancel the transfer that follows it.
   */
  | { type: 'text'; text: string; uninterruptible?: true }
  | { type: 'tool_invocation'; toolCallId: string; name: string; arguments: string }
  | { type: 'tool_result'; toolCallId: string; content: string; successful: boolean }
  /** Hand the call to a human at this allowlisted number, after the speech so far. */
  | { type: 'transfer'; number: string; reason: 'staff' | 'emergency' }
  /** Hang up after the speech so far. */
  | { type: 'end_call' };
