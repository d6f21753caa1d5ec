import { parseLevelOptions } from './level-options';

export const VOICE_USAGE = `Usage: npx nx run gateway:bench-voice [-- --quick] [-- --levels 1,25,100]

The Twilio media-stream path of the real gateway with instant stand-in vendors (the recognizer's final comes
at once, ElevenLabs answers audio at once), against a ws echo server measured in the same run:
  1. turn latency: the recognizer's final transcript to the first audio frame on the Twilio socket;
  2. inbound media frames per second for several numbers of simultaneous streams.

  --quick            a smoke run (a few seconds)
  --levels <list>    simultaneous streams per level, comma-separated (default 1,25,100; quick 1,10)
`;

export interface VoiceBenchPlan {
  mode: 'full' | 'quick';
  /** Timed caller turns (one call at a time), and how many each call has before hanging up. */
  turns: number;
  turnsPerCall: number;
  /** Latency phase budget: no call starts after it. */
  turnBudgetMs: number;
  /** Echo round trips for the latency baseline. */
  echoRoundTrips: number;
  levels: number[];
  /** Frames each stream keeps in flight (sent, not yet at the far end): 200 ms of audio. */
  inFlight: number;
  /** Pumping before the measured window, and the window itself. */
  warmupMs: number;
  windowMs: number;
}

/** Returns null when help was asked for; throws with a readable message on bad input. */
export function parseVoiceBenchOptions(argv: string[]): VoiceBenchPlan | null {
  const options = parseLevelOptions(argv, { full: '1,25,100', quick: '1,10' }, 'streams');
  if (!options) return null;
  const { quick, levels } = options;
  return {
    mode: quick ? 'quick' : 'full',
    turns: quick ? 16 : 100,
    turnsPerCall: 10,
    turnBudgetMs: quick ? 10_000 : 45_000,
    echoRoundTrips: quick ? 50 : 300,
    levels,
    inFlight: 10,
    warmupMs: quick ? 200 : 500,
    windowMs: quick ? 700 : 2_000,
  };
}
