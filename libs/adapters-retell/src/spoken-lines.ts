/** What the agent says when the adapter itself, not the conversation, has to speak. Short: Retell speaks it verbatim. */
export const SPOKEN_LINES = {
  /** No practice owns this agent or number. */
  notSetUp: "Sorry, this line isn't set up yet. Goodbye.",
  /** The practice could not be looked up, or the conversation could not start. */
  unavailable: "Sorry, we can't take your call right now. Please call back a little later. Goodbye.",
  /** A turn failed; the call goes on and the caller can try again. */
  apology: "Sorry, I'm having a little trouble on my end. Could you say that again?",
} as const;
