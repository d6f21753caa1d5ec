/** The practice's Twilio number, and the caller's. */
export const PRACTICE_NUMBER = '+15550001111';
export const CALLER_NUMBER = '+15557654321';
