/** What the webhooks say with `<Say>` when there is no conversation to answer. */
export const SPOKEN_LINES = {
  notSetUp: "We're sorry, this number is not set up to take calls yet. Please try again later. Goodbye.",
  unavailable: "We're sorry, we can't take your call right now. Please try again in a few minutes. Goodbye.",
  slowTurn: "I'm sorry, that took me too long. Could you say that again?",
  failedTurn: "I'm sorry, something went wrong on my side. Could you say that again?",
} as const;
