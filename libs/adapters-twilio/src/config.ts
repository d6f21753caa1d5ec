import { z } from 'zod';

const originOnly = z
  .url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
  .refine((value) => ['', '/'].includes(new URL(value).pathname) && !new URL(value).search, {
    error: 'expected an origin without a path or query, e.g. https://voice.example.com',
  });

export const twilioVoiceConfigSchema = z
  .object({
    /** The public origin Twilio calls (PUBLIC_BASE_URL): URLs are signed and built on it. */
    publicBaseUrl: originOnly,
    /** TWILIO_AUTH_TOKEN: when set, every webhook must carry a valid X-Twilio-Signature. */
    authToken: z.string().min(1).optional(),
    /** When set, webhooks for any other Twilio account are refused. */
    accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/).optional(),
    /**
     * `media_stream`: we listen, converse and speak ourselves over `<Connect><Stream>` (needs a
     * SpeechRecognizer and a SpeechSynthesizer). `gather`: Twilio's own `<Gather input="speech">` and `<Say>`.
     */
    speechPath: z.enum(['media_stream', 'gather']),
    /** Key of the stream tokens; the same on every instance. Required for `media_stream`. */
    streamTokenSecret: z.string().min(32).optional(),
    /** How long a stream token is accepted after the webhook answered. */
    streamTokenTtlSeconds: z.number().int().min(10).max(600).default(120),
    /** Serve calls to unknown numbers with the directory's fallback practice (embedded and demo setups only). */
    allowFallbackPractice: z.boolean().default(false),
    /** `<Say>` voice and language for the gather loop and for refusals. */
    sayVoice: z.string().min(1).max(100).default('Polly.Joanna-Neural'),
    language: z.string().min(2).max(20).default('en-US'),
    /** The longest a gather turn may take to answer (Twilio gives a webhook 15 s in all). */
    gatherTurnTimeoutMs: z.number().int().min(100).max(14_000).default(10_000),
    /** Silent gathers in a row (each answered with a reminder) before the call is ended politely. */
    maxSilentGathers: z.number().int().min(0).max(10).default(2),
    /** A gather-loop call with no webhook for this long is considered over and is logged. */
    gatherCallIdleMs: z.number().int().min(10_000).max(3_600_000).default(600_000),
  })
  .refine((config) => config.speechPath !== 'media_stream' || config.streamTokenSecret !== undefined, {
    error: 'streamTokenSecret is required for the media_stream speech path',
    path: ['streamTokenSecret'],
  });

export type TwilioVoiceConfig = z.input<typeof twilioVoiceConfigSchema>;
export type ResolvedTwilioVoiceConfig = z.output<typeof twilioVoiceConfigSchema>;
