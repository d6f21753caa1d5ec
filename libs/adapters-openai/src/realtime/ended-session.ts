import type { RecognitionEvent, RecognitionSession } from '@crowndesk/domain';

/** What open() gives once the call is already over: nothing is connected and no event will come. */
export function endedRecognitionSession(): RecognitionSession {
  const events: AsyncIterable<RecognitionEvent> = {
    [Symbol.asyncIterator]: () => ({ next: () => Promise.resolve({ value: undefined, done: true }) }),
  };
  return { sendAudio: () => undefined, events, close: () => Promise.resolve() };
}
