import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../model';
import type { CallEvent } from './call-event';
import { CallPracticeMismatchError } from './call-errors';
import { CALL_ID, CALLER_NUMBER, PRACTICE_ID, conversationRecord, retellEvent } from './call-events.fixture';
import { conversationFinishedEvent } from './conversation-call-event';
import { mergeCallFacts } from './merge-call-facts';

const fold = (events: readonly CallEvent[]): CallRecord | null =>
  events.reduce<CallRecord | null>((record, event) => mergeCallFacts(record, event), null);

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) =>
    permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
  );
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

const bare = (facts: CallEvent['facts'], overrides: Partial<CallEvent> = {}): CallEvent => ({
  source: 'retell',
  callId: CALL_ID,
  event: 'call_ended',
  practiceId: PRACTICE_ID,
  receivedAt: '2026-06-01T13:10:00.000Z',
  facts,
  ...overrides,
});

describe('mergeCallFacts', () => {
  it("makes a call's first record from one event, with no outcome reached yet", () => {
    expect(mergeCallFacts(null, retellEvent('call_ended'))).toEqual({
      callId: CALL_ID,
      practiceId: PRACTICE_ID,
      channel: 'retell',
      callerNumber: CALLER_NUMBER,
      startedAt: '2026-06-01T13:00:00.000Z',
      endedAt: '2026-06-01T13:04:30.000Z',
      transcript: retellEvent('call_ended').facts.transcript,
      outcome: 'no_action',
      appointmentIds: [],
    });
  });

  it('merges Retell webhooks and our conversation into the same record in every order', () => {
    const events = [
      retellEvent('call_started'),
      retellEvent('call_ended'),
      retellEvent('call_analyzed'),
      conversationFinishedEvent(conversationRecord),
    ];
    const expected: CallRecord = {
      callId: CALL_ID,
      practiceId: PRACTICE_ID,
      channel: 'retell',
      callerNumber: CALLER_NUMBER,
      startedAt: '2026-06-01T13:00:00.000Z',
      endedAt: '2026-06-01T13:04:30.000Z',
      transcript: retellEvent('call_ended').facts.transcript ?? [],
      outcome: 'booked',
      summary: 'The caller booked a cleaning for Tuesday at 10 AM.',
      appointmentIds: ['appt-901'],
    };

    const orders = permutations(events);
    expect(orders).toHaveLength(24);
    for (const order of orders) expect(fold(order)).toEqual(expected);
  });

  it('keeps the strongest outcome: a transfer does not hide a booking, but beats answering questions', () => {
    const transferred = bare({ outcome: 'transferred' });

    expect(mergeCallFacts(mergeCallFacts(null, conversationFinishedEvent(conversationRecord)), transferred).outcome).toBe('booked');
    const informational = conversationFinishedEvent({ ...conversationRecord, outcome: 'information', appointmentIds: [] });
    expect(mergeCallFacts(mergeCallFacts(null, informational), transferred).outcome).toBe('transferred');
    expect(mergeCallFacts(mergeCallFacts(null, transferred), informational).outcome).toBe('transferred');
  });

  it('takes the earliest start and the latest end anyone reported', () => {
    const early = bare({ startedAt: '2026-06-01T12:59:58.000Z', endedAt: '2026-06-01T13:02:00.000Z' });
    const late = bare({ startedAt: '2026-06-01T13:00:03.000Z', endedAt: '2026-06-01T13:05:00.000Z' }, { event: 'call_analyzed' });

    const record = fold([late, early]);

    expect(record?.startedAt).toBe('2026-06-01T12:59:58.000Z');
    expect(record?.endedAt).toBe('2026-06-01T13:05:00.000Z');
  });

  it('derives the end from start and duration, and normalises instants to UTC', () => {
    const record = mergeCallFacts(null, bare({ startedAt: '2026-06-01T09:00:00-04:00', durationMs: 95_500 }));

    expect(record.startedAt).toBe('2026-06-01T13:00:00.000Z');
    expect(record.endedAt).toBe('2026-06-01T13:01:35.500Z');
  });

  it('stands in with the time received for an event without times, until real times arrive', () => {
    const timeless = bare({}, { event: 'call_started', receivedAt: '2026-06-01T13:00:02.000Z' });

    const first = mergeCallFacts(null, timeless);
    expect(first.startedAt).toBe('2026-06-01T13:00:02.000Z');
    expect(first.endedAt).toBe('2026-06-01T13:00:02.000Z');

    const merged = mergeCallFacts(first, retellEvent('call_ended'));
    expect(merged.startedAt).toBe('2026-06-01T13:00:00.000Z');
    expect(merged.endedAt).toBe('2026-06-01T13:04:30.000Z');
  });

  it('keeps the longer transcript, and on a tie the one recorded', () => {
    const recorded = mergeCallFacts(null, conversationFinishedEvent(conversationRecord));
    const shorter = bare({ transcript: [{ speaker: 'caller', text: 'Hello?' }] });
    const sameCountMoreText = bare({
      transcript: conversationRecord.transcript.map((utterance) => ({ ...utterance, text: `${utterance.text} (final)` })),
    });
    const sameCountSameLength = bare({
      transcript: conversationRecord.transcript.map((utterance) => ({ ...utterance, text: utterance.text.toUpperCase() })),
    });

    expect(mergeCallFacts(recorded, shorter).transcript).toEqual(conversationRecord.transcript);
    expect(mergeCallFacts(recorded, sameCountMoreText).transcript).toEqual(sameCountMoreText.facts.transcript);
    expect(mergeCallFacts(recorded, sameCountSameLength).transcript).toEqual(conversationRecord.transcript);
  });

  it("lets a post-call analysis replace the conversation's outline, never the other way round", () => {
    const analysis = retellEvent('call_analyzed');
    const outline = conversationFinishedEvent(conversationRecord);
    const blankAnalysis = bare({ summary: { text: '  ', kind: 'analysis' } }, { event: 'call_analyzed' });

    expect(fold([outline, analysis])?.summary).toBe(analysis.facts.summary?.text);
    expect(fold([analysis, outline])?.summary).toBe(analysis.facts.summary?.text);
    expect(fold([outline, blankAnalysis])?.summary).toBe('Booked 1 appointment');
    expect(fold([retellEvent('call_ended')])).not.toHaveProperty('summary');
  });

  it('unions appointment ids, first seen first', () => {
    const first = conversationFinishedEvent({ ...conversationRecord, appointmentIds: ['appt-1', 'appt-2'] });
    const second = bare({ appointmentIds: ['appt-2', 'appt-3'] });

    expect(fold([first, second])?.appointmentIds).toEqual(['appt-1', 'appt-2', 'appt-3']);
  });

  it('keeps the first caller number known, and ignores a blank one', () => {
    expect(fold([bare({ callerNumber: '' }), bare({ callerNumber: CALLER_NUMBER }, { event: 'call_analyzed' })])?.callerNumber).toBe(
      CALLER_NUMBER,
    );
    expect(fold([bare({ callerNumber: CALLER_NUMBER }), bare({ callerNumber: '+15555550999' }, { event: 'call_analyzed' })])?.callerNumber).toBe(
      CALLER_NUMBER,
    );
    expect(mergeCallFacts(null, bare({}))).not.toHaveProperty('callerNumber');
  });

  it("takes the channel from our conversation, whichever arrives first; a vendor's only fills a gap", () => {
    const twilioConversation = conversationFinishedEvent({ ...conversationRecord, channel: 'twilio' });
    const elevenLabs = bare({}, { source: 'elevenlabs', event: 'post_call_transcription' });

    expect(fold([elevenLabs, twilioConversation])?.channel).toBe('twilio');
    expect(fold([twilioConversation, elevenLabs])?.channel).toBe('twilio');
    expect(fold([elevenLabs])?.channel).toBe('elevenlabs');
    expect(() => mergeCallFacts(null, bare({}, { source: 'conversation', event: 'finished' }))).toThrow(/does not say its channel/);
  });

  it("refuses to merge another practice's event into a recorded call, naming ids only", () => {
    const recorded = mergeCallFacts(null, retellEvent('call_ended'));
    const foreign = { ...retellEvent('call_analyzed'), practiceId: 'practice-other' };

    expect(() => mergeCallFacts(recorded, foreign)).toThrow(CallPracticeMismatchError);
    expect(() => mergeCallFacts(recorded, foreign)).toThrow(`Call ${CALL_ID} is recorded for practice ${PRACTICE_ID}, not practice-other`);
    expect(() => mergeCallFacts(recorded, { ...foreign, practiceId: PRACTICE_ID, callId: 'call_other' })).toThrow(/Cannot merge/);
  });

  it('refuses an instant it cannot read, naming the field but not the value', () => {
    expect(() => mergeCallFacts(null, bare({ startedAt: 'tuesday-ish' }))).toThrow('Call fact startedAt is not an ISO instant');
  });

  it('never changes the record or the event it is given', () => {
    const recorded = deepFreeze(mergeCallFacts(null, conversationFinishedEvent(conversationRecord)));
    const event = deepFreeze(retellEvent('call_analyzed'));

    const merged = mergeCallFacts(recorded, event);

    merged.transcript[0]!.text = 'changed';
    merged.appointmentIds.push('appt-x');
    expect(recorded.appointmentIds).toEqual(['appt-901']);
    expect(event.facts.transcript?.[0]?.text).toBe('Thank you for calling Bright Smile Dental, this is Ava.');
  });
});
