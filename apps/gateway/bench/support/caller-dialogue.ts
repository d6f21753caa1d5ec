/**
 * What the benchmark caller says, turn by turn, and what the built-in engine must do in answer. Each call
 * asks an insurance question, asks for a cleaning twice (two `check_availability` runs against the
 * embedded SQLite schedule), asks where the practice is and hangs up: a short, common call.
 * The expected tools are checked on every turn, so a change in the engine cannot silently turn the
 * benchmark into a measurement of apologies.
 */

export type TurnKind = 'greeting' | 'info' | 'availability' | 'goodbye';

export interface CallerLine {
  kind: Exclude<TurnKind, 'greeting'>;
  text: string;
  /** Tool names the receptionist invokes in answer, in order. */
  expectedTools: string[];
}

export const CALLER_LINES: readonly CallerLine[] = [
  { kind: 'info', text: 'Hi, do you take Delta Dental?', expectedTools: ['get_practice_info'] },
  {
    kind: 'availability',
    text: 'Great. Do you have anything for a cleaning on Wednesday at 10 am?',
    expectedTools: ['check_availability'],
  },
  { kind: 'availability', text: 'Hmm, what about Thursday afternoon instead?', expectedTools: ['check_availability'] },
  { kind: 'info', text: 'And where are you located?', expectedTools: ['get_practice_info'] },
  { kind: 'goodbye', text: 'Okay, thanks, I will call back to book. Goodbye.', expectedTools: ['end_call'] },
];

export const TURN_KINDS: readonly TurnKind[] = ['greeting', 'info', 'availability', 'goodbye'];

/** The instant the gateway's clock starts from: Tuesday 24 November 2026, 10:00 in New York. */
export const BENCH_CLOCK_ORIGIN = new Date('2026-11-24T15:00:00Z');
