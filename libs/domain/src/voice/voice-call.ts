import type { CallOutcome } from '../model';
import type { CallControl, Logger, RecognitionEvent, RecognitionSession, SpeechRecognizer, SpeechSynthesizer } from '../ports';
import type { Conversation } from '../receptionist/conversation';
import type { ConversationOutput } from '../receptionist/conversation-output';
import { ClauseSplitter } from './clause-splitter';
import { HeardTranscript } from './heard-transcript';
import { PacedPlayer, type CallAudioOutlet } from './paced-player';
import { realTimePlaybackClock, type PlaybackClock } from './playback-clock';
import { MarkWaiters } from './mark-waiters';
import { PlaybackLedger } from './playback-ledger';
import { SilenceWatch } from './silence-watch';
import { isAllowedTransferNumber, staffLineOf } from './transfer-allowlist';
import { errorFields, TurnSpeech, type TurnSpeechSummary } from './turn-speech';
import { voiceCallOptionsSchema, type ResolvedVoiceCallOptions, type VoiceCallOptions } from './voice-call-options';
import { VoicePhrases } from './voice-phrases';

/** The transport's side of a voice call: playback, plus dropping the call's media connection. */
export interface VoiceCallTransport extends CallAudioOutlet {
  /** Close the media connection (for Twilio this ends the call when no TwiML follows the stream). */
  disconnect(reason: string): void;
}

export interface VoiceCallDeps {
  conversation: Conversation;
  recognizer: SpeechRecognizer;
  synthesizer: SpeechSynthesizer;
  callControl: CallControl;
  logger: Logger;
  playbackClock?: PlaybackClock;
}

type CallAction = Extract<ConversationOutput, { type: 'transfer' } | { type: 'end_call' }>;
type OutputSource = (signal: AbortSignal) => AsyncIterable<ConversationOutput>;

interface ActiveTurn {
  id: number;
  controller: AbortController;
  speech: TurnSpeech;
}

/**
 * `live`: listening and answering; `closing`: a transfer or hang-up was decided and its farewell is playing
 * (caller speech is recorded but no longer interrupts); `ended`: the call is over.
 */
export type VoiceCallState = 'live' | 'closing' | 'ended';

/**
 * One phone call on the voice path, independent of the telephony transport: caller audio goes to the
 * recognizer; each final utterance starts a conversation turn whose text is spoken clause by clause as it
 * streams; caller speech over the agent interrupts it (barge-in); transfer and hang-up go through
 * CallControl once the farewell has been heard; the heard transcript goes to the call log at the end.
 */
export class VoiceCall {
  private readonly options: ResolvedVoiceCallOptions;
  private readonly clock: PlaybackClock;
  private readonly heard = new HeardTranscript();
  private readonly ledger = new PlaybackLedger();
  private readonly player: PacedPlayer;
  private readonly lifetime = new AbortController();
  private readonly logFields: Record<string, unknown>;
  private currentState: VoiceCallState = 'live';
  private started = false;
  private current: ActiveTurn | undefined;
  private turnCount = 0;
  private recognition: RecognitionSession | undefined;
  private recognitionFailed = false;
  private earlyAudio: Uint8Array[] = [];
  private earlyAudioBytes = 0;
  private readonly silence: SilenceWatch;
  private remindersInRow = 0;
  private readonly marks: MarkWaiters;
  private finishing: Promise<void> | undefined;

  constructor(
    private readonly deps: VoiceCallDeps,
    private readonly transport: VoiceCallTransport,
    options: VoiceCallOptions,
  ) {
    this.options = voiceCallOptionsSchema.parse(options);
    this.clock = deps.playbackClock ?? realTimePlaybackClock;
    this.player = new PacedPlayer(transport, this.clock, this.options.playbackLeadMs);
    const session = deps.conversation.session;
    this.logFields = { callId: session.callId, practiceId: session.practice.id };
    this.marks = new MarkWaiters(this.clock, (mark) => this.ledger.isPending(mark));
    this.silence = new SilenceWatch({
      clock: this.clock,
      silenceMs: this.options.silenceReminderMs,
      canPrompt: () => this.currentState === 'live' && this.current === undefined,
      unheardClauses: () => this.ledger.outstanding,
      onSilence: () => this.onSilence(),
    });
  }

  get state(): VoiceCallState {
    return this.currentState;
  }

  /** Greets the caller and starts listening. Resolves once the recognizer is open (or has failed). */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const greeting = this.deps.conversation.greeting();
    this.runTurn(scriptedOutputs([{ type: 'text', text: greeting }]));
    await this.listen();
  }

  /** Caller audio (mu-law, 8 kHz) as the transport receives it. */
  hearCaller(audio: Uint8Array): void {
    if (this.currentState === 'ended') return;
    if (this.recognition) {
      this.recognition.sendAudio(audio);
      return;
    }
    // The recognizer is still connecting: keep the most recent audio so the caller's first words count.
    this.earlyAudio.push(audio);
    this.earlyAudioBytes += audio.length;
    while (this.earlyAudioBytes > this.options.maxEarlyAudioBytes && this.earlyAudio.length > 0) {
      this.earlyAudioBytes -= this.earlyAudio.shift()?.length ?? 0;
    }
  }

  /** The transport echoed a mark: the audio before it has played. */
  markPlayed(name: string): void {
    for (const clause of this.ledger.played(name)) this.heard.agentHeard(clause.turnId, clause.text);
    this.marks.markPlayed();
    this.silence.clauseHeard();
  }

  /**
   * A key the caller pressed. "0" asks for a person: the agent stops, says so and transfers to the staff
   * line. Other keys are ignored: the receptionist is spoken to, and menus of digits are not offered.
   */
  keypad(digit: string): void {
    if (this.currentState !== 'live') return;
    if (digit !== '0') {
      this.deps.logger.debug({ ...this.logFields }, 'keypad digit ignored');
      return;
    }
    const staffLine = staffLineOf(this.deps.conversation.session.practice);
    if (!staffLine) {
      this.deps.logger.info({ ...this.logFields }, 'caller pressed 0 but the practice has no staff line');
      return;
    }
    this.deps.logger.info({ ...this.logFields }, 'caller pressed 0: transferring to staff');
    this.interrupt('keypad');
    this.runTurn(
      scriptedOutputs([
        { type: 'text', text: VoicePhrases.transferToStaff },
        { type: 'transfer', number: staffLine, reason: 'staff' },
      ]),
      'transferred',
    );
  }

  /** The call is over (stream stopped, socket closed, shutdown): stops everything and logs the call once. */
  end(): Promise<void> {
    if (this.finishing) return this.finishing;
    this.currentState = 'ended';
    this.current?.controller.abort();
    this.current = undefined;
    this.silence.cancel();
    this.lifetime.abort();
    this.marks.stopAll();
    this.finishing = this.finish();
    return this.finishing;
  }

  private async finish(): Promise<void> {
    const recognition = this.recognition;
    this.recognition = undefined;
    if (recognition) await this.closeRecognition(recognition);
    const transcript = this.heard.snapshot();
    try {
      await this.deps.conversation.finish(transcript);
      this.deps.logger.info({ ...this.logFields, turns: this.turnCount, utterances: transcript.length }, 'voice call finished');
    } catch (error) {
      this.deps.logger.error({ ...this.logFields, ...errorFields(error) }, 'finishing the voice call failed');
    }
  }

  // ---- listening -------------------------------------------------------------------------------

  private async listen(): Promise<void> {
    let session: RecognitionSession;
    try {
      session = await this.deps.recognizer.open({ callId: this.deps.conversation.session.callId, signal: this.lifetime.signal });
    } catch (error) {
      if (this.currentState === 'ended') return;
      this.deps.logger.error({ ...this.logFields, ...errorFields(error) }, 'speech recognizer could not be opened');
      this.recognizerFailed();
      return;
    }
    if (this.currentState === 'ended') {
      await this.closeRecognition(session);
      return;
    }
    this.recognition = session;
    for (const audio of this.earlyAudio) session.sendAudio(audio);
    this.earlyAudio = [];
    this.earlyAudioBytes = 0;
    void this.consume(session);
  }

  private async consume(session: RecognitionSession): Promise<void> {
    try {
      for await (const event of session.events) {
        if (this.currentState === 'ended') return;
        if (event.type === 'error') {
          this.deps.logger.error({ ...this.logFields, errorMessage: event.message.slice(0, 200) }, 'speech recognizer failed');
          break;
        }
        this.onRecognition(event);
      }
    } catch (error) {
      if (this.currentState === 'ended') return;
      this.deps.logger.error({ ...this.logFields, ...errorFields(error) }, 'speech recognizer stream failed');
    }
    if (this.currentState === 'ended') return;
    this.recognition = undefined;
    await this.closeRecognition(session);
    this.recognizerFailed();
  }

  private onRecognition(event: Exclude<RecognitionEvent, { type: 'error' }>): void {
    switch (event.type) {
      case 'speech_started':
        if (this.currentState === 'live' && this.agentIsTalking()) this.interrupt('caller_speech');
        this.silence.callerSound();
        return;
      case 'partial':
        this.silence.callerSound();
        return;
      case 'final':
        this.onCallerUtterance(event.text);
        return;
    }
  }

  private onCallerUtterance(text: string): void {
    if (text.trim().length === 0) return;
    this.silence.cancel();
    // A final without a speech_started first still means the caller spoke over the agent.
    if (this.currentState === 'live' && this.agentIsTalking()) this.interrupt('caller_speech');
    this.heard.callerSaid(text);
    if (this.currentState !== 'live') return;
    this.remindersInRow = 0;
    this.runTurn((signal) => this.deps.conversation.respond({ transcript: this.heard.snapshot(), reminder: false, signal }));
  }

  /** Without a recognizer the call cannot go on: hand the caller to staff, or say goodbye. */
  private recognizerFailed(): void {
    if (this.recognitionFailed || this.currentState !== 'live') return;
    this.recognitionFailed = true;
    this.interrupt('recognizer_failed');
    const staffLine = staffLineOf(this.deps.conversation.session.practice);
    this.runTurn(
      scriptedOutputs(
        staffLine
          ? [{ type: 'text', text: VoicePhrases.troubleTransfer }, { type: 'transfer', number: staffLine, reason: 'staff' }]
          : [{ type: 'text', text: VoicePhrases.troubleEnd }, { type: 'end_call' }],
      ),
    );
  }

  private async closeRecognition(session: RecognitionSession): Promise<void> {
    try {
      await session.close();
    } catch (error) {
      this.deps.logger.warn({ ...this.logFields, ...errorFields(error) }, 'closing the speech recognizer failed');
    }
  }

  // ---- speaking --------------------------------------------------------------------------------

  /**
   * Whether the agent is producing a turn or the caller may still be hearing it. The marks decide, not
   * our pacing clock: once every mark is back, the transport has played everything.
   */
  private agentIsTalking(): boolean {
    return this.current !== undefined || this.ledger.outstanding > 0;
  }

  /**
   * Barge-in: stop the running turn (model and synthesis, through its signal), empty the transport's
   * buffer, and drop every clause whose mark has not come back: the caller did not hear it all, and the
   * transcript keeps only what they heard.
   */
  private interrupt(reason: string): void {
    const turn = this.current;
    this.current = undefined;
    turn?.controller.abort();
    if (this.ledger.outstanding > 0 || turn?.speech.hasSentAudio) {
      this.transport.clearAudio();
      this.player.cleared();
      const cut = this.ledger.cutAll();
      this.deps.logger.info({ ...this.logFields, reason, turnId: turn?.id, cutClauses: cut.length }, 'agent interrupted');
    }
  }

  private runTurn(source: OutputSource, outcome?: CallOutcome): void {
    if (this.current) this.interrupt('superseded');
    this.silence.cancel();
    const id = this.turnCount + 1;
    this.turnCount = id;
    const controller = new AbortController();
    const speech = new TurnSpeech(id, controller.signal, {
      synthesizer: this.deps.synthesizer,
      player: this.player,
      outlet: this.transport,
      ledger: this.ledger,
      logger: this.deps.logger,
      logFields: this.logFields,
    });
    const turn: ActiveTurn = { id, controller, speech };
    this.current = turn;
    this.driveTurn(turn, source, outcome).catch((error: unknown) => {
      this.deps.logger.error({ ...this.logFields, turnId: id, ...errorFields(error) }, 'voice turn failed');
    });
  }

  private async driveTurn(turn: ActiveTurn, source: OutputSource, outcome: CallOutcome | undefined): Promise<void> {
    const signal = turn.controller.signal;
    const splitter = new ClauseSplitter({ minWordsForSoftBreak: this.options.minWordsForSoftBreak });
    let action: CallAction | undefined;
    try {
      for await (const output of source(signal)) {
        if (signal.aborted) break;
        if (output.type === 'text') {
          for (const clause of splitter.push(output.text)) turn.speech.say(clause);
        } else if (output.type === 'transfer' || output.type === 'end_call') {
          // Committed: the farewell already queued is no longer interrupted by the caller.
          action = output;
          if (this.currentState === 'live') this.currentState = 'closing';
          break;
        }
      }
      if (!signal.aborted) for (const clause of splitter.flush()) turn.speech.say(clause);
    } catch (error) {
      if (!signal.aborted) {
        this.deps.logger.error({ ...this.logFields, turnId: turn.id, ...errorFields(error) }, 'conversation turn failed');
      }
    }
    turn.speech.close();
    const summary = await turn.speech.done;
    if (signal.aborted || this.current !== turn) return;
    this.current = undefined;
    if (action) await this.conclude(action, summary, outcome);
    else this.silence.agentFinished();
  }

  // ---- transfer and hang-up --------------------------------------------------------------------

  /** The turn decided to transfer or hang up: let the farewell be heard, then move the call. */
  private async conclude(action: CallAction, speech: TurnSpeechSummary, outcome: CallOutcome | undefined): Promise<void> {
    if (this.currentState !== 'closing') return;
    this.silence.cancel();
    if (speech.lastMark) {
      const heard = await this.marks.wait(speech.lastMark, this.options.farewellTimeoutMs);
      if (!heard && this.currentState === 'closing') {
        this.deps.logger.warn({ ...this.logFields, action: action.type }, 'farewell not confirmed in time; moving the call anyway');
      }
    }
    if (this.currentState !== 'closing') return;
    if (action.type === 'transfer') await this.transfer(action, outcome);
    else await this.hangUp();
  }

  private async transfer(action: Extract<CallAction, { type: 'transfer' }>, outcome: CallOutcome | undefined): Promise<void> {
    const { callControl, conversation, logger } = this.deps;
    if (!isAllowedTransferNumber(conversation.session.practice, action.number)) {
      logger.error({ ...this.logFields, reason: action.reason }, 'refusing to transfer to a number outside the practice allowlist');
      this.resumeAfterFailedTransfer();
      return;
    }
    try {
      await callControl.transfer(this.options.callRef, action.number);
      if (outcome) conversation.session.outcomes.push(outcome);
      logger.info({ ...this.logFields, reason: action.reason }, 'call transferred');
    } catch (error) {
      logger.error({ ...this.logFields, reason: action.reason, ...errorFields(error) }, 'transfer failed');
      this.resumeAfterFailedTransfer();
    }
  }

  private resumeAfterFailedTransfer(): void {
    if (this.currentState !== 'closing') return;
    this.currentState = 'live';
    this.runTurn(scriptedOutputs([{ type: 'text', text: VoicePhrases.transferFailed }]));
  }

  private async hangUp(): Promise<void> {
    try {
      await this.deps.callControl.hangUp(this.options.callRef);
      this.deps.logger.info({ ...this.logFields }, 'call hung up');
    } catch (error) {
      // Closing the stream also ends the call: nothing follows it in the call's instructions.
      this.deps.logger.error({ ...this.logFields, ...errorFields(error) }, 'hang-up failed; closing the media connection');
      this.transport.disconnect('hang-up');
    }
  }

  // ---- silence ---------------------------------------------------------------------------------

  private onSilence(): void {
    if (this.currentState !== 'live' || this.agentIsTalking()) return;
    this.remindersInRow += 1;
    if (this.remindersInRow > this.options.maxSilenceReminders) {
      this.deps.logger.info({ ...this.logFields, reminders: this.remindersInRow - 1 }, 'caller silent: ending the call');
      this.runTurn(scriptedOutputs([{ type: 'text', text: VoicePhrases.silenceGoodbye }, { type: 'end_call' }]));
      return;
    }
    this.runTurn((signal) => this.deps.conversation.respond({ transcript: this.heard.snapshot(), reminder: true, signal }));
  }
}

function scriptedOutputs(outputs: ConversationOutput[]): OutputSource {
  return async function* (signal) {
    for (const output of outputs) {
      if (signal.aborted) return;
      yield output;
    }
  };
}
