import {
  isAllowedTransferNumber,
  VoicePhrases,
  type ConversationFactory,
  type Logger,
  type Practice,
  type PracticeDirectory,
} from '@crowndesk/domain';
import type { z } from 'zod';
import { twilioVoiceConfigSchema, type ResolvedTwilioVoiceConfig, type TwilioVoiceConfig } from '../config';
import { describeError } from '../errors';
import { VOICE_AGENT_PATHS } from '../paths';
import { practiceForNumber } from '../practice-resolution';
import { PublicUrls } from '../public-urls';
import { StreamTokens } from '../stream-token';
import { STREAM_PARAMETER_NAMES } from '../media-stream/stream-parameters';
import { GatherCalls, type GatherCall } from './gather-calls';
import { runGatherTurn } from './gather-turn';
import { FINAL_CALL_STATUSES, gatherParams, incomingCallParams, statusParams } from './params';
import { TwilioSignatureVerifier } from './signature';
import { SPOKEN_LINES } from './spoken-lines';
import { connectStreamTwiml, dialTwiml, emptyTwiml, gatherTwiml, hangupTwiml, type SayStyle } from './twiml';

/** A Twilio webhook as the gateway received it, framework-agnostic. */
export interface TwilioWebhookRequest {
  /** The request URL as the app saw it (absolute, or path + query): only its path and query are used. */
  url: string;
  /** The parsed `application/x-www-form-urlencoded` body, exactly as parsed (it is part of the signature). */
  params: Record<string, unknown>;
  /** The `X-Twilio-Signature` header. */
  signature: string | undefined;
}

export interface TwilioWebhookResponse {
  status: 200 | 400 | 403;
  contentType: 'text/xml' | 'text/plain';
  body: string;
}

export interface TwilioVoiceWebhooksDeps {
  config: TwilioVoiceConfig;
  directory: PracticeDirectory;
  conversations: ConversationFactory;
  logger: Logger;
  /** Milliseconds since the epoch (stream token expiry, idle calls). Default Date.now. */
  now?: () => number;
}

const FORBIDDEN: TwilioWebhookResponse = { status: 403, contentType: 'text/plain', body: 'Forbidden' };
const BAD_REQUEST: TwilioWebhookResponse = { status: 400, contentType: 'text/plain', body: 'Bad Request' };
const xml = (body: string): TwilioWebhookResponse => ({ status: 200, contentType: 'text/xml', body });

type Parsed<T extends z.ZodType> = { ok: true; params: z.infer<T> } | { ok: false; response: TwilioWebhookResponse };

/**
 * Twilio's voice webhooks: the incoming call, and the `<Gather>` loop with its status callback.
 * With speech vendors the call is connected to our Media Streams endpoint (see MediaStreamHandler);
 * without them, Twilio recognizes speech with `<Gather>` and speaks with `<Say>`, and each result is fed
 * to the same receptionist conversation.
 */
export class TwilioVoiceWebhooks {
  private readonly config: ResolvedTwilioVoiceConfig;
  private readonly urls: PublicUrls;
  private readonly signatures: TwilioSignatureVerifier;
  private readonly tokens: StreamTokens | undefined;
  private readonly calls: GatherCalls;
  private readonly say: SayStyle;

  constructor(private readonly deps: TwilioVoiceWebhooksDeps) {
    this.config = twilioVoiceConfigSchema.parse(deps.config);
    const now = deps.now ?? Date.now;
    this.urls = new PublicUrls(this.config.publicBaseUrl);
    this.signatures = new TwilioSignatureVerifier(this.config.authToken);
    this.tokens = this.config.streamTokenSecret
      ? new StreamTokens(this.config.streamTokenSecret, this.config.streamTokenTtlSeconds, now)
      : undefined;
    this.calls = new GatherCalls(deps.logger, this.config.gatherCallIdleMs, now);
    this.say = { voice: this.config.sayVoice, language: this.config.language };
    if (!this.signatures.enforced) {
      deps.logger.warn({ speechPath: this.config.speechPath }, 'no Twilio auth token: webhook signatures are NOT checked');
    }
  }

  /** `POST /api/voice-agent/incoming`: a call came in. */
  async incoming(request: TwilioWebhookRequest): Promise<TwilioWebhookResponse> {
    const parsed = this.accept(request, incomingCallParams, 'incoming');
    if (!parsed.ok) return parsed.response;
    const { CallSid: callSid, To: dialled, From: caller } = parsed.params;
    const practice = await this.practiceFor(callSid, dialled);
    if (!practice.ok) return xml(hangupTwiml(this.say, practice.line));
    const practiceId = practice.practice.id;

    if (this.config.speechPath === 'media_stream' && this.tokens) {
      const callerNumber = caller ?? '';
      const streamToken = this.tokens.issue({ callSid, practiceId, callerNumber });
      this.deps.logger.info({ callId: callSid, practiceId, speechPath: 'media_stream' }, 'incoming call: connecting media stream');
      return xml(
        connectStreamTwiml(this.urls.mediaStream(), {
          [STREAM_PARAMETER_NAMES.callSid]: callSid,
          [STREAM_PARAMETER_NAMES.practiceId]: practiceId,
          [STREAM_PARAMETER_NAMES.callerNumber]: callerNumber,
          [STREAM_PARAMETER_NAMES.streamToken]: streamToken,
        }),
      );
    }

    // Twilio may retry the webhook: the call keeps its one conversation.
    const known = this.calls.get(callSid);
    const call = known ?? this.startGatherCall(callSid, practice.practice, caller);
    const greeting = call.conversation.greeting();
    if (!known) call.transcript.agentHeard(0, greeting);
    this.deps.logger.info({ callId: callSid, practiceId, speechPath: 'gather' }, 'incoming call: gather loop started');
    return xml(gatherTwiml(this.urls.http(VOICE_AGENT_PATHS.gather), this.say, greeting));
  }

  /** `POST /api/voice-agent/gather`: what the caller said (or that they said nothing). */
  async gather(request: TwilioWebhookRequest): Promise<TwilioWebhookResponse> {
    const parsed = this.accept(request, gatherParams, 'gather');
    if (!parsed.ok) return parsed.response;
    const { CallSid: callSid, To: dialled, From: caller } = parsed.params;
    let call = this.calls.get(callSid);
    if (!call) {
      // Unknown call (restarted instance, or idle too long): pick it up again from the dialled number.
      if (!dialled) return xml(hangupTwiml(this.say, SPOKEN_LINES.unavailable));
      const practice = await this.practiceFor(callSid, dialled);
      if (!practice.ok) return xml(hangupTwiml(this.say, practice.line));
      call = this.startGatherCall(callSid, practice.practice, caller);
      this.deps.logger.warn({ callId: callSid, practiceId: practice.practice.id }, 'gather for an unknown call: conversation restarted');
    }

    const speech = parsed.params.SpeechResult?.trim() ?? '';
    if (speech.length > 0) {
      call.transcript.callerSaid(speech);
      call.silentInRow = 0;
    } else {
      call.silentInRow += 1;
      if (call.silentInRow > this.config.maxSilentGathers) {
        call.turns += 1;
        call.transcript.agentHeard(call.turns, VoicePhrases.silenceGoodbye);
        return this.hangUp(call, VoicePhrases.silenceGoodbye, 'caller_silent');
      }
    }
    return this.answer(call, speech.length === 0);
  }

  /** `POST /api/voice-agent/status`: the call's status changed; a final status ends a gather-loop call. */
  async status(request: TwilioWebhookRequest): Promise<TwilioWebhookResponse> {
    const parsed = this.accept(request, statusParams, 'status');
    if (!parsed.ok) return parsed.response;
    const { CallSid: callSid, CallStatus: callStatus } = parsed.params;
    if (FINAL_CALL_STATUSES.has(callStatus)) await this.calls.finish(callSid, `status_${callStatus}`);
    return xml(emptyTwiml());
  }

  /** Gather-loop calls in progress. */
  activeGatherCalls(): number {
    return this.calls.size;
  }

  /** Graceful shutdown: finishes every gather-loop call (each reaches the call log). */
  drain(): Promise<void> {
    return this.calls.drain();
  }

  /** Signature first (nothing else happens for a forged request), then the account, then the params. */
  private accept<T extends z.ZodType>(request: TwilioWebhookRequest, schema: T, route: string): Parsed<T> {
    const signedUrl = this.urls.signedUrlOf(request.url);
    if (!this.signatures.verify(signedUrl, request.params, request.signature)) {
      this.deps.logger.warn({ route, signaturePresent: Boolean(request.signature) }, 'twilio webhook signature rejected');
      return { ok: false, response: FORBIDDEN };
    }
    const parsed = schema.safeParse(request.params);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))];
      this.deps.logger.warn({ route, fields }, 'twilio webhook with invalid params');
      return { ok: false, response: BAD_REQUEST };
    }
    const accountSid = (parsed.data as { AccountSid: string }).AccountSid;
    if (this.config.accountSid && accountSid !== this.config.accountSid) {
      this.deps.logger.warn({ route }, 'twilio webhook for another account refused');
      return { ok: false, response: FORBIDDEN };
    }
    return { ok: true, params: parsed.data };
  }

  private async practiceFor(
    callSid: string,
    dialled: string,
  ): Promise<{ ok: true; practice: Practice } | { ok: false; line: string }> {
    try {
      const found = await practiceForNumber(this.deps.directory, dialled, this.config.allowFallbackPractice);
      if (found) return { ok: true, practice: found.practice };
      this.deps.logger.warn({ callId: callSid }, 'no practice for the dialled number; refusing the call');
      return { ok: false, line: SPOKEN_LINES.notSetUp };
    } catch (error) {
      this.deps.logger.error({ callId: callSid, ...describeError(error) }, 'practice lookup failed; refusing the call');
      return { ok: false, line: SPOKEN_LINES.unavailable };
    }
  }

  private startGatherCall(callSid: string, practice: Practice, caller: string | undefined): GatherCall {
    const conversation = this.deps.conversations.start({
      callId: callSid,
      practice,
      channel: 'twilio',
      ...(caller ? { callerNumber: caller } : {}),
    });
    return this.calls.add(callSid, conversation);
  }

  private async answer(call: GatherCall, reminder: boolean): Promise<TwilioWebhookResponse> {
    call.turns += 1;
    const turnId = call.turns;
    const logFields = { callId: call.callSid, practiceId: call.conversation.session.practice.id, turnId, reminder };
    const result = await runGatherTurn(call, reminder, this.config.gatherTurnTimeoutMs);
    const gatherUrl = this.urls.http(VOICE_AGENT_PATHS.gather);
    switch (result.status) {
      case 'superseded':
        // A newer webhook for this call is answering; Twilio no longer listens to this one.
        return xml(gatherTwiml(gatherUrl, this.say, ''));
      case 'timed_out':
        this.deps.logger.warn(logFields, 'gather turn timed out');
        call.transcript.agentHeard(turnId, SPOKEN_LINES.slowTurn);
        return xml(gatherTwiml(gatherUrl, this.say, SPOKEN_LINES.slowTurn));
      case 'failed':
        this.deps.logger.error({ ...logFields, ...describeError(result.error) }, 'gather turn failed');
        call.transcript.agentHeard(turnId, SPOKEN_LINES.failedTurn);
        return xml(gatherTwiml(gatherUrl, this.say, SPOKEN_LINES.failedTurn));
      case 'answered':
        break;
    }
    const { text, action } = result;
    // `<Say>` inside `<Gather>` can be talked over; without playback marks the whole reply counts as heard.
    call.transcript.agentHeard(turnId, text);
    if (action?.type === 'end_call') return this.hangUp(call, text, 'end_call');
    if (action?.type === 'transfer') {
      if (isAllowedTransferNumber(call.conversation.session.practice, action.number)) {
        this.deps.logger.info({ ...logFields, reason: action.reason }, 'gather call transferred');
        await this.calls.finish(call.callSid, 'transferred');
        return xml(dialTwiml(this.say, text, action.number));
      }
      this.deps.logger.error({ ...logFields, reason: action.reason }, 'refusing to transfer to a number outside the practice allowlist');
      call.transcript.agentHeard(turnId, VoicePhrases.transferFailed);
      return xml(gatherTwiml(gatherUrl, this.say, `${text} ${VoicePhrases.transferFailed}`.trim()));
    }
    return xml(gatherTwiml(gatherUrl, this.say, text));
  }

  /** Says the last words (already in the transcript), hangs up and logs the call. */
  private async hangUp(call: GatherCall, text: string, reason: string): Promise<TwilioWebhookResponse> {
    await this.calls.finish(call.callSid, reason);
    return xml(hangupTwiml(this.say, text));
  }
}
