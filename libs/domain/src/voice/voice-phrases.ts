/** Lines the voice path speaks on its own, without asking the conversation, so they are always the same. */
export const VoicePhrases = {
  /** The caller pressed 0. */
  transferToStaff: 'Of course. Let me connect you with our front desk now.',
  /** Listening broke down and the practice has a staff line. */
  troubleTransfer: "I'm sorry, I'm having trouble hearing you. Let me transfer you to our front desk.",
  /** Listening broke down and there is no one to transfer to. */
  troubleEnd: "I'm sorry, I'm having trouble hearing you. Please call us back in a few minutes. Goodbye.",
  /** The caller stayed silent through every reminder. */
  silenceGoodbye: "I haven't heard anything for a while, so I'll end the call now. Please call us back any time. Goodbye.",
  /** The telephony vendor refused the transfer. */
  transferFailed: "I'm sorry, I couldn't connect you just now. Is there anything else I can help you with?",
} as const;
