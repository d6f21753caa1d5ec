import type { UnderstandingContext } from '../nlu';

/** The practice facts the dialogue needs on every request, from the model request's context. */
export interface DialogueEnvironment extends UnderstandingContext {
  practiceName: string;
}
