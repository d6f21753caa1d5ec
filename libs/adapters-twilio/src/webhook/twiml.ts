import twilio from 'twilio';
import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse';

/** How `<Say>` speaks: a Twilio voice name ("Polly.Joanna-Neural") and a language ("en-US"). */
export interface SayStyle {
  voice: string;
  language: string;
}

type SayAttributes = VoiceResponse.SayAttributes;
type GatherLanguage = VoiceResponse.GatherAttributes['language'];

function say(target: VoiceResponse | VoiceResponse.Gather, style: SayStyle, text: string): void {
  if (text.trim().length === 0) return;
  // Voice and language are operator configuration; Twilio rejects names it does not know at call time.
  target.say({ voice: style.voice as SayAttributes['voice'], language: style.language as SayAttributes['language'] }, text);
}

/** `<Connect><Stream>` to our Media Streams endpoint; per-call context travels as `<Parameter>`s. */
export function connectStreamTwiml(streamUrl: string, parameters: Record<string, string>): string {
  const response = new twilio.twiml.VoiceResponse();
  const stream = response.connect().stream({ url: streamUrl });
  for (const [name, value] of Object.entries(parameters)) stream.parameter({ name, value });
  return response.toString();
}

/** Speaks (optionally) inside a speech `<Gather>` that posts the result to `actionUrl`, even when empty. */
export function gatherTwiml(actionUrl: string, style: SayStyle, text: string): string {
  const response = new twilio.twiml.VoiceResponse();
  const gather = response.gather({
    input: ['speech'],
    action: actionUrl,
    method: 'POST',
    speechTimeout: 'auto',
    language: style.language as GatherLanguage,
    actionOnEmptyResult: true,
  });
  say(gather, style, text);
  return response.toString();
}

/** Speaks, then dials the staff number: the caller leaves the receptionist. */
export function dialTwiml(style: SayStyle, text: string, number: string): string {
  const response = new twilio.twiml.VoiceResponse();
  say(response, style, text);
  response.dial(number);
  return response.toString();
}

/** Speaks, then hangs up. */
export function hangupTwiml(style: SayStyle, text: string): string {
  const response = new twilio.twiml.VoiceResponse();
  say(response, style, text);
  response.hangup();
  return response.toString();
}

/** An empty response: acknowledges a callback that needs no instructions. */
export function emptyTwiml(): string {
  return new twilio.twiml.VoiceResponse().toString();
}
