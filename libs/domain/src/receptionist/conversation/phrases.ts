/** The fixed lines the receptionist speaks without asking the model, so they are always the same. */
export const Phrases = {
  emergency: "That sounds like a dental emergency. I'm connecting you with our on-call dentist right now.",
  transfer: 'Let me transfer you to our team now.',
  troubleTransfer: "I'm sorry, I'm having trouble right now. Let me transfer you to our front desk.",
  troubleEnd: "I'm sorry, I'm having trouble right now. Please call us back in a few minutes. Goodbye.",
} as const;
