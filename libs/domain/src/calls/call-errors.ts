/**
 * A call id already recorded for one practice arrived with another practice's event. Never merged: facts
 * of one tenant must not land in another's record. Carries ids only.
 */
export class CallPracticeMismatchError extends Error {
  override readonly name = 'CallPracticeMismatchError';

  constructor(
    readonly callId: string,
    readonly recordedPracticeId: string,
    readonly eventPracticeId: string,
  ) {
    super(`Call ${callId} is recorded for practice ${recordedPracticeId}, not ${eventPracticeId}`);
  }
}
