import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type CallEvent,
  type CallEventAcceptance,
  type CallEventInbox,
  CallPracticeMismatchError,
  type CallRecord,
  mergeCallFacts,
} from '@crowndesk/domain';
import { FakePracticeDirectory, listenOnLoopback, ManualClock, minimalPractice, RecordingLogger } from '@crowndesk/testing';
import { RETELL_WEBHOOK_MAX_BODY_BYTES, RetellWebhookReceiver, type RetellWebhookReceiverDeps, signRetellWebhook } from '../src';

const API_KEY = 'key_webhook_badge_7f2c';
const NOW = new Date('2026-06-01T13:05:00.000Z');
const AGENT_ID = 'oBeDLoLOeuAbiuaMFXRtDOLriTJ5tSxD';
const CALL_ID = 'Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6';
const PRACTICE_NUMBER = '+12137771235';
const CALLER_NUMBER = '+12137771234';
const SPOKEN = ['Thank you for calling Bright Smile Dental.', 'Hi, this is Maria Lopez, I need a cleaning.', 'You are booked.'] as const;

/**
 * A recording double of the CallEventInbox port that keeps its contract in memory: dedupe on
 * (source, callId, event), the merged record changing with the mark, a replay answering `duplicate`.
 */
class RecordingInbox implements CallEventInbox {
  readonly accepted: CallEvent[] = [];
  readonly records = new Map<string, CallRecord>();
  readonly answers: CallEventAcceptance[] = [];
  failure: Error | undefined;
  private readonly seen = new Set<string>();

  async accept(event: CallEvent): Promise<CallEventAcceptance> {
    if (this.failure) throw this.failure;
    const key = `${event.source}/${event.callId}/${event.event}`;
    const answer = this.seen.has(key) ? 'duplicate' : 'accepted';
    if (answer === 'accepted') {
      this.records.set(event.callId, mergeCallFacts(this.records.get(event.callId) ?? null, event));
      this.seen.add(key);
      this.accepted.push(event);
    }
    this.answers.push(answer);
    return answer;
  }
}

/** A Retell webhook as the docs show it, with what a real delivery adds (metadata, dynamic variables, words). */
function retellPayload(event: string, call: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event,
    call: {
      call_type: 'phone_call',
      from_number: CALLER_NUMBER,
      to_number: PRACTICE_NUMBER,
      direction: 'inbound',
      call_id: CALL_ID,
      agent_id: AGENT_ID,
      agent_version: 3,
      call_status: 'ended',
      metadata: { practice_id: 'practice-evil' },
      retell_llm_dynamic_variables: { customer_name: 'John Doe' },
      telephony_identifier: { twilio_call_sid: 'CA0123456789abcdef0123456789abcdef' },
      start_timestamp: 1_780_318_800_000, // 2026-06-01T13:00:00.000Z
      end_timestamp: 1_780_319_070_000, // 2026-06-01T13:04:30.000Z
      duration_ms: 270_000,
      disconnection_reason: 'user_hangup',
      transcript: `Agent: ${SPOKEN[0]}\nUser: ${SPOKEN[1]}\nAgent: ${SPOKEN[2]}\n`,
      transcript_object: [
        { role: 'agent', content: SPOKEN[0], words: [{ word: 'Thank', start: 0.1, end: 0.3 }] },
        { role: 'user', content: SPOKEN[1], words: [] },
        { role: 'agent', content: SPOKEN[2], words: [] },
      ],
      transcript_with_tool_calls: [],
      latency: { e2e: { p50: 800 } },
      ...call,
    },
  };
}

const body = (payload: unknown): Buffer => Buffer.from(JSON.stringify(payload), 'utf8');

interface Harness {
  inbox: RecordingInbox;
  directory: FakePracticeDirectory;
  logger: RecordingLogger;
  /** The receiver's clock: tests move it to play deliveries signed earlier or later. */
  clock: ManualClock;
  receiver: RetellWebhookReceiver;
  /** POSTs `raw` as Retell does: signed with `key` at `signedAt` (default: the API key, now), or with `headers` as given. */
  post(raw: Buffer, options?: { signedAt?: Date; key?: string; headers?: [string, string][] }): Promise<{ status: number; body: unknown }>;
}

const BRIGHT_SMILE = minimalPractice('practice-bright-smile');

describe('RetellWebhookReceiver', () => {
  const servers: Server[] = [];

  /** The receiver behind a real HTTP server on a loopback port, handed the raw bytes and Node's headers as the gateway does. */
  async function start(overrides: Partial<RetellWebhookReceiverDeps> = {}): Promise<Harness> {
    const inbox = new RecordingInbox();
    const directory = new FakePracticeDirectory();
    directory.byAgent.set(AGENT_ID, BRIGHT_SMILE);
    directory.byNumber.set(PRACTICE_NUMBER, BRIGHT_SMILE);
    const logger = new RecordingLogger();
    const clock = new ManualClock(NOW);
    const receiver = new RetellWebhookReceiver({ apiKey: API_KEY, inbox, directory, logger, clock, ...overrides });
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        void receiver.receive({ rawBody: Buffer.concat(chunks), headers: request.headers }).then((reply) => {
          response.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
        });
      });
    });
    servers.push(server);
    const url = `http://127.0.0.1:${await listenOnLoopback(server)}/api/retell/webhook`;
    return {
      inbox,
      directory,
      logger,
      clock,
      receiver,
      async post(raw, options = {}) {
        const headers = new Headers({ 'content-type': 'application/json' });
        if (options.headers) for (const [name, value] of options.headers) headers.append(name, value);
        else headers.set('x-retell-signature', signRetellWebhook(raw, options.key ?? API_KEY, options.signedAt ?? NOW));
        const response = await fetch(url, { method: 'POST', headers, body: raw });
        return { status: response.status, body: await response.json() };
      },
    };
  }

  /** Nothing was read beyond verification, nothing written. */
  function expectNoSideEffect(harness: Harness): void {
    expect(harness.inbox.answers).toEqual([]);
    expect(harness.directory.lookups).toEqual([]);
  }

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it('records a signed call_ended as call facts of the practice found from the agent', async () => {
    const harness = await start();

    const response = await harness.post(body(retellPayload('call_ended')));

    expect(response).toEqual({ status: 200, body: { ok: true } });
    expect(harness.inbox.accepted).toEqual([
      {
        source: 'retell',
        callId: CALL_ID,
        event: 'call_ended',
        practiceId: BRIGHT_SMILE.id,
        receivedAt: NOW.toISOString(),
        facts: {
          channel: 'retell',
          callerNumber: CALLER_NUMBER,
          startedAt: '2026-06-01T13:00:00.000Z',
          endedAt: '2026-06-01T13:04:30.000Z',
          durationMs: 270_000,
          transcript: [
            { speaker: 'agent', text: SPOKEN[0] },
            { speaker: 'caller', text: SPOKEN[1] },
            { speaker: 'agent', text: SPOKEN[2] },
          ],
        },
      },
    ]);
    // Metadata named another practice: it is never read.
    expect(harness.directory.lookups).toEqual([`agent:${AGENT_ID}`]);
    expect(harness.logger.find('info', 'retell webhook handled')?.fields).toEqual({
      event: 'call_ended',
      callId: CALL_ID,
      practiceId: BRIGHT_SMILE.id,
      outcome: 'accepted',
      durationMs: 0,
    });
  });

  it('maps call_started, a transfer and call_analyzed to their facts', async () => {
    const harness = await start();
    const started = retellPayload('call_started', {
      call_status: 'ongoing',
      end_timestamp: undefined,
      duration_ms: undefined,
      disconnection_reason: undefined,
      transcript: undefined,
      transcript_object: undefined,
    });
    const analyzed = retellPayload('call_analyzed', {
      disconnection_reason: 'call_transfer',
      transcript_object: [{ role: 'agent', content: SPOKEN[0] }, { role: 'transfer_target', content: 'Front desk, this is Sam.' }],
      call_analysis: { call_summary: '  The caller asked for the front desk and was transferred.  ', user_sentiment: 'Neutral', custom_analysis_data: { x: 1 } },
    });

    expect((await harness.post(body(started))).status).toBe(200);
    expect((await harness.post(body(analyzed))).status).toBe(200);

    expect(harness.inbox.accepted.map((event) => event.facts)).toEqual([
      { channel: 'retell', callerNumber: CALLER_NUMBER, startedAt: '2026-06-01T13:00:00.000Z' },
      {
        channel: 'retell',
        callerNumber: CALLER_NUMBER,
        startedAt: '2026-06-01T13:00:00.000Z',
        endedAt: '2026-06-01T13:04:30.000Z',
        durationMs: 270_000,
        transcript: [{ speaker: 'agent', text: SPOKEN[0] }],
        outcome: 'transferred',
        summary: { text: 'The caller asked for the front desk and was transferred.', kind: 'analysis' },
      },
    ]);
  });

  it("finds the practice by its own number when the agent is unknown: dialled inbound, dialled from outbound", async () => {
    const harness = await start();
    const unknownAgent = { agent_id: 'agent_not_mapped' };

    await harness.post(body(retellPayload('call_ended', unknownAgent)));
    await harness.post(
      body(retellPayload('call_analyzed', { ...unknownAgent, direction: 'outbound', from_number: PRACTICE_NUMBER, to_number: CALLER_NUMBER })),
    );

    expect(harness.directory.lookups).toEqual([
      'agent:agent_not_mapped',
      `phone:${PRACTICE_NUMBER}`,
      'agent:agent_not_mapped',
      `phone:${PRACTICE_NUMBER}`,
    ]);
    expect(harness.inbox.accepted.map((event) => [event.practiceId, event.facts.callerNumber])).toEqual([
      [BRIGHT_SMILE.id, CALLER_NUMBER],
      [BRIGHT_SMILE.id, CALLER_NUMBER],
    ]);
  });

  it('accepts a web call, which has no phone numbers', async () => {
    const harness = await start();

    const response = await harness.post(
      body(retellPayload('call_ended', { call_type: 'web_call', from_number: undefined, to_number: undefined, direction: undefined })),
    );

    expect(response.status).toBe(200);
    expect(harness.inbox.accepted[0]?.facts).not.toHaveProperty('callerNumber');
  });

  describe('refuses with 401 and no side effect', () => {
    it('a forged signature', async () => {
      const harness = await start();
      const raw = body(retellPayload('call_ended'));

      const response = await harness.post(raw, { headers: [['x-retell-signature', `v=${NOW.getTime()},d=${'0'.repeat(64)}`]] });

      expect(response).toEqual({ status: 401, body: { ok: false, reason: 'invalid signature' } });
      expectNoSideEffect(harness);
      expect(harness.logger.find('warn', 'retell webhook refused: signature')?.fields).toEqual({
        reason: 'signature_mismatch',
        bytes: raw.length,
      });
    });

    it('a body tampered with by one byte', async () => {
      const harness = await start();
      const raw = body(retellPayload('call_ended'));
      const signature = signRetellWebhook(raw, API_KEY, NOW);
      const tampered = Buffer.from(raw.toString('utf8').replace('"duration_ms":270000', '"duration_ms":970000'), 'utf8');
      expect(tampered.length).toBe(raw.length);
      expect(tampered.equals(raw)).toBe(false);

      const response = await harness.post(tampered, { headers: [['x-retell-signature', signature]] });

      expect(response.status).toBe(401);
      expectNoSideEffect(harness);
    });

    it('a signature made with another key', async () => {
      const harness = await start();

      expect((await harness.post(body(retellPayload('call_ended')), { key: 'key_of_another_account' })).status).toBe(401);
      expectNoSideEffect(harness);
    });

    it('a stale delivery (signed 5 min + 1 s ago) and one from 5 min + 1 s ahead', async () => {
      const harness = await start();
      const raw = body(retellPayload('call_ended'));

      const stale = await harness.post(raw, { signedAt: new Date(NOW.getTime() - 301_000) });
      const future = await harness.post(raw, { signedAt: new Date(NOW.getTime() + 301_000) });

      expect([stale.status, future.status]).toEqual([401, 401]);
      expectNoSideEffect(harness);
      expect(harness.logger.entries.map((entry) => entry.fields['reason'])).toEqual(['stale_signature', 'future_signature']);
    });

    it('no signature header, or the header sent twice', async () => {
      const harness = await start();
      const raw = body(retellPayload('call_ended'));
      const signature = signRetellWebhook(raw, API_KEY, NOW);

      const missing = await harness.post(raw, { headers: [] });
      const twice = await harness.post(raw, { headers: [['x-retell-signature', signature], ['x-retell-signature', signature]] });

      expect([missing.status, twice.status]).toEqual([401, 401]);
      expectNoSideEffect(harness);
      expect(harness.logger.entries.map((entry) => entry.fields['reason'])).toEqual(['missing_signature', 'malformed_signature']);
    });
  });

  it('answers a replayed delivery 200 and changes nothing', async () => {
    const harness = await start();
    const raw = body(retellPayload('call_ended'));

    const first = await harness.post(raw);
    const recorded = structuredClone(harness.inbox.records.get(CALL_ID));
    harness.clock.set(new Date(NOW.getTime() + 1000));
    const replay = await harness.post(raw);

    expect(first).toEqual({ status: 200, body: { ok: true } });
    expect(replay).toEqual({ status: 200, body: { ok: true, reason: 'duplicate' } });
    expect(harness.inbox.answers).toEqual(['accepted', 'duplicate']);
    expect(harness.inbox.accepted).toHaveLength(1);
    expect(harness.inbox.records.get(CALL_ID)).toEqual(recorded);
    expect(harness.logger.entries.filter((entry) => entry.message === 'retell webhook handled').map((entry) => entry.fields['outcome'])).toEqual([
      'accepted',
      'duplicate',
    ]);
  });

  it('refuses a body over the limit with 413 before verifying it', async () => {
    const harness = await start({ maxBodyBytes: 1024 });
    const raw = body(retellPayload('call_ended', { transcript: 'x'.repeat(1024) }));

    const response = await harness.post(raw);

    expect(response).toEqual({ status: 413, body: { ok: false, reason: 'payload too large' } });
    expectNoSideEffect(harness);
    expect(harness.logger.find('warn', 'retell webhook refused: body too large')?.fields).toEqual({ bytes: raw.length, limit: 1024 });
  });

  it('takes bodies up to RETELL_WEBHOOK_MAX_BODY_BYTES by default, and no more', async () => {
    const harness = await start();
    const atLimit = body(retellPayload('call_ended'));
    const padded = Buffer.concat([atLimit, Buffer.alloc(RETELL_WEBHOOK_MAX_BODY_BYTES - atLimit.length, 0x20)]);
    const over = Buffer.concat([padded, Buffer.from(' ')]);
    const signed = (raw: Buffer) => ({ 'x-retell-signature': signRetellWebhook(raw, API_KEY, NOW) });

    expect((await harness.receiver.receive({ rawBody: padded, headers: signed(padded) })).status).toBe(200);
    expect((await harness.receiver.receive({ rawBody: over, headers: signed(over) })).status).toBe(413);
  });

  describe('refuses a signed body it cannot read with 400', () => {
    it('not JSON, or not UTF-8', async () => {
      const harness = await start();

      const notJson = await harness.post(Buffer.from('{"event":"call_ended",', 'utf8'));
      const notUtf8 = await harness.post(Buffer.from([0x7b, 0x22, 0x65, 0xff, 0x22, 0x3a, 0x31, 0x7d]));

      expect(notJson).toEqual({ status: 400, body: { ok: false, reason: 'invalid JSON' } });
      expect(notUtf8).toEqual({ status: 400, body: { ok: false, reason: 'invalid JSON' } });
      expectNoSideEffect(harness);
    });

    it('a payload outside the schema, logging where but not what', async () => {
      const harness = await start();

      const noEvent = await harness.post(body({ call: { call_id: CALL_ID } }));
      const noCallId = await harness.post(body(retellPayload('call_ended', { call_id: undefined })));
      const badDirection = await harness.post(body(retellPayload('call_ended', { direction: 'sideways', from_number: 12137771234 })));
      const legacyData = await harness.post(body({ event: 'call_ended', data: retellPayload('call_ended')['call'] }));

      for (const response of [noEvent, noCallId, badDirection, legacyData]) {
        expect(response).toEqual({ status: 400, body: { ok: false, reason: 'invalid payload' } });
      }
      expectNoSideEffect(harness);
      expect(harness.logger.entries.filter((entry) => entry.message === 'retell webhook refused: invalid payload')[1]?.fields).toEqual({
        event: 'call_ended',
        issues: ['call.direction:invalid_value', 'call.from_number:invalid_type'],
      });
      expect(harness.logger.dump()).not.toContain('2137771234');
    });
  });

  it('acknowledges an event it does not record and ignores it, logging only its name', async () => {
    const harness = await start();

    const transcriptUpdated = await harness.post(body(retellPayload('transcript_updated')));
    const odd = await harness.post(body({ event: `call from ${CALLER_NUMBER}` }));

    expect(transcriptUpdated).toEqual({ status: 200, body: { ok: true, reason: 'event ignored' } });
    expect(odd).toEqual({ status: 200, body: { ok: true, reason: 'event ignored' } });
    expectNoSideEffect(harness);
    expect(harness.logger.entries.map((entry) => [entry.message, entry.fields])).toEqual([
      ['retell webhook event ignored', { event: 'transcript_updated' }],
      ['retell webhook event ignored', { event: 'unrecognised' }],
    ]);
  });

  it('acknowledges a call of an unknown practice with 202 and keeps nothing', async () => {
    const harness = await start();

    const response = await harness.post(body(retellPayload('call_ended', { agent_id: 'agent_elsewhere', to_number: '+15550001111' })));

    expect(response).toEqual({ status: 202, body: { ok: true, reason: 'unknown practice' } });
    expect(harness.inbox.answers).toEqual([]);
    expect(harness.logger.find('warn', 'retell webhook for an unknown practice: ignored')?.fields).toEqual({
      event: 'call_ended',
      callId: CALL_ID,
      agentId: 'agent_elsewhere',
      outcome: 'unknown_practice',
    });
  });

  it('records an unknown agent under the fallback practice only when allowed', async () => {
    const harness = await start({ allowFallbackPractice: true });
    harness.directory.fallbackPractice = minimalPractice('practice-demo');

    await harness.post(body(retellPayload('call_ended', { agent_id: 'agent_elsewhere', to_number: '+15550001111' })));

    expect(harness.inbox.accepted[0]?.practiceId).toBe('practice-demo');
  });

  it('merges to the same record when call_analyzed arrives before call_ended', async () => {
    const analyzed = retellPayload('call_analyzed', { call_analysis: { call_summary: 'Booked a cleaning.' } });
    const ended = retellPayload('call_ended', { disconnection_reason: 'call_transfer' });
    const inOrder = await start();
    const reversed = await start();

    for (const payload of [ended, analyzed]) expect((await inOrder.post(body(payload))).status).toBe(200);
    for (const payload of [analyzed, ended]) expect((await reversed.post(body(payload))).status).toBe(200);

    const expected: CallRecord = {
      callId: CALL_ID,
      practiceId: BRIGHT_SMILE.id,
      channel: 'retell',
      callerNumber: CALLER_NUMBER,
      startedAt: '2026-06-01T13:00:00.000Z',
      endedAt: '2026-06-01T13:04:30.000Z',
      transcript: [
        { speaker: 'agent', text: SPOKEN[0] },
        { speaker: 'caller', text: SPOKEN[1] },
        { speaker: 'agent', text: SPOKEN[2] },
      ],
      outcome: 'transferred',
      summary: 'Booked a cleaning.',
      appointmentIds: [],
    };
    expect(inOrder.inbox.records.get(CALL_ID)).toEqual(expected);
    expect(reversed.inbox.records.get(CALL_ID)).toEqual(expected);
  });

  it('answers 500 when the inbox fails, so Retell retries, and 409 for a call of another practice', async () => {
    const harness = await start();
    harness.inbox.failure = new Error('Could not accept call event retell/call_ended of call x', { cause: new Error(SPOKEN[1]) });

    const failed = await harness.post(body(retellPayload('call_ended')));
    harness.inbox.failure = new CallPracticeMismatchError(CALL_ID, 'practice-other', BRIGHT_SMILE.id);
    const mismatch = await harness.post(body(retellPayload('call_ended')));

    expect(failed).toEqual({ status: 500, body: { ok: false, reason: 'temporarily unavailable' } });
    expect(mismatch).toEqual({ status: 409, body: { ok: false, reason: 'call belongs to another practice' } });
    expect(harness.logger.find('error', 'retell webhook failed: inbox')?.fields).toMatchObject({
      event: 'call_ended',
      callId: CALL_ID,
      errorName: 'Error',
    });
    expect(harness.logger.find('warn', 'retell webhook refused: call recorded for another practice')?.fields).toMatchObject({
      recordedPracticeId: 'practice-other',
      outcome: 'practice_mismatch',
    });
  });

  it('answers 500 when the practice directory fails, before touching the inbox', async () => {
    const harness = await start();
    harness.directory.failure = new Error('directory unavailable');

    expect(await harness.post(body(retellPayload('call_ended')))).toEqual({ status: 500, body: { ok: false, reason: 'temporarily unavailable' } });
    expect(harness.inbox.answers).toEqual([]);
  });

  it('never logs phone numbers, names or what was said', async () => {
    const harness = await start();
    const analyzed = retellPayload('call_analyzed', { call_analysis: { call_summary: 'Maria Lopez booked a cleaning.' } });

    await harness.post(body(retellPayload('call_started')));
    await harness.post(body(retellPayload('call_ended')));
    await harness.post(body(analyzed));
    await harness.post(body(analyzed));
    await harness.post(body(retellPayload('call_ended', { call_id: undefined })));
    await harness.post(body(retellPayload('call_ended')), { key: 'wrong' });

    const logged = harness.logger.dump();
    for (const secret of [CALLER_NUMBER, PRACTICE_NUMBER, 'Maria', 'Lopez', 'John Doe', ...SPOKEN, API_KEY]) {
      expect(logged).not.toContain(secret);
    }
  });

  it('finds the signature header whatever the case of its name', async () => {
    const harness = await start();
    const raw = body(retellPayload('call_ended'));

    const reply = await harness.receiver.receive({ rawBody: raw, headers: { 'X-Retell-Signature': signRetellWebhook(raw, API_KEY, NOW) } });

    expect(reply.status).toBe(200);
  });

  it('refuses to start without the API key', () => {
    expect(
      () =>
        new RetellWebhookReceiver({
          apiKey: '',
          inbox: new RecordingInbox(),
          directory: new FakePracticeDirectory(),
          logger: new RecordingLogger(),
          clock: new ManualClock(NOW),
        }),
    ).toThrow(/needs the Retell API key/);
  });
});
