import { createHmac } from 'node:crypto';
import { openPostgresDatabase, PostgresCallEventInbox, type PostgresDatabase } from '@crowndesk/adapters-postgres';
import { DEMO_AGENT_ID, DEMO_PHONE_NUMBER } from '@crowndesk/adapters-sqlite';
import type { Clock } from '@crowndesk/domain';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RetellCallClient } from '../src/cli/simulator/retell-call-client';
import { CrownDeskTestBackend } from './support/backend-crowndesk-server';
import { eventually, readiness, RETELL_TEST_API_KEY, startBackendGateway, storedCall, TEST_START } from './support/backend-gateway';
import { outboxRows, startTestPostgres, testPostgresSource, type TestPostgres } from './support/backend-postgres';
import { CALLER_NUMBER } from './support/retell-peer';
import { removeDataDir, type TestGateway } from './support/test-gateway';
import { postRetellWebhook, retellWebhookBody, type RetellCallFacts } from './support/webhook-retell';

const ELEVENLABS_WEBHOOK_SECRET = 'wsec_elevenlabs-post-call-secret';
/** A failed delivery is retried this much later, on the gateways' clock. */
const RETRY_AFTER_MS = 60_000;
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

const source = testPostgresSource();
if (source.kind === 'none') {
  const banner = '!'.repeat(100);
  console.warn(`\n${banner}\n${source.why}. The gateway's PostgreSQL call-event inbox tests are SKIPPED and prove nothing in this run.\n${banner}\n`);
}

describe.skipIf(source.kind === 'none')("two gateways sharing one PostgreSQL database: one call's facts from both, one record", () => {
  let postgres: TestPostgres | undefined;
  let database: PostgresDatabase | undefined;
  let backend: CrownDeskTestBackend | undefined;
  const gateways: TestGateway[] = [];
  let clock = new SteppingClock(TEST_START);

  beforeAll(async () => {
    if (source.kind === 'none') return;
    postgres = await startTestPostgres(source);
  }, 90_000);

  afterEach(async () => {
    for (const gateway of gateways.splice(0)) {
      await gateway.close();
      await removeDataDir(gateway.dataDir);
    }
    await database?.close();
    database = undefined;
    await backend?.close();
    backend = undefined;
  });

  afterAll(async () => {
    await postgres?.dispose();
  });

  /** Two machines behind one load balancer: the same backend, the same database, each its own SQLite file. */
  async function twoMachines(): Promise<[TestGateway, TestGateway, PostgresCallEventInbox]> {
    backend = await CrownDeskTestBackend.start();
    clock = new SteppingClock(TEST_START);
    const env = { DATABASE_URL: postgres!.url, ELEVENLABS_WEBHOOK_SECRET };
    // A failed attempt is retried only when the test moves the clock on: no relay holds a message in between.
    const outboxRelay = { pollIntervalMs: 100, retry: { baseDelayMs: RETRY_AFTER_MS, maxDelayMs: RETRY_AFTER_MS, minDelayMs: RETRY_AFTER_MS } };
    for (let machine = 0; machine < 2; machine += 1) {
      gateways.push(await startBackendGateway(backend, { env, overrides: { clock, outboxRelay } }));
    }
    // The schema is migrated by now: read what the machines wrote through the adapter itself.
    database = await openPostgresDatabase({ connectionString: postgres!.url, logger: quiet, migrate: false });
    return [gateways[0]!, gateways[1]!, new PostgresCallEventInbox(database)];
  }

  const signed = () => ({ apiKey: RETELL_TEST_API_KEY, signedAt: clock.now() });
  const backlogOf = async (gateway: TestGateway) => (await readiness(gateway.http(''))).body.outbox?.count;

  it("merges Retell's webhooks on one machine with the conversation that finished on the other, and delivers that record once", async () => {
    const [machineA, machineB, inbox] = await twoMachines();
    const callId = 'call_pg_merged';
    // CrownDesk is unreachable for a while: nothing is delivered before every fact is in.
    await backend!.setState('unavailable');
    const facts: RetellCallFacts = {
      callId,
      startMs: clock.now().getTime() - 1_000,
      durationMs: 60_000,
      summary: 'The caller asked where the practice is.',
    };

    expect(await postRetellWebhook(machineA.http(''), retellWebhookBody('call_started', facts), signed())).toMatchObject({ status: 200 });
    // Machine A's relay tried the new record at once, met the outage, and waits for its retry.
    await eventually(async () => {
      const rows = (await database!.pool.query('SELECT attempts, lease_owner FROM outbox_messages')).rows;
      return rows.length === 1 && rows[0].attempts === 1 && rows[0].lease_owner === null ? true : undefined;
    }, 10_000, 'the first failed attempt');
    const call = await RetellCallClient.connect({
      baseUrl: machineB.ws('/retell-llm'),
      callId,
      agentId: DEMO_AGENT_ID,
      fromNumber: CALLER_NUMBER,
      toNumber: DEMO_PHONE_NUMBER,
    });
    await call.opening();
    await call.say('Where are you located?');
    await call.say("No, that's all. Goodbye.");
    await call.hangUp();
    await eventually(async () => ((await inbox.receivedEvents(callId)).length === 2 ? true : undefined), 10_000, 'the conversation to finish');
    for (const event of ['call_ended', 'call_analyzed']) {
      const reply = await postRetellWebhook(machineA.http(''), retellWebhookBody(event, facts), signed());
      expect(reply).toMatchObject({ status: 200, body: { ok: true } });
      expect(reply.body.reason).toBeUndefined();
    }
    // Retell retries call_analyzed; the load balancer sends it to the other machine: a duplicate there too.
    expect(await postRetellWebhook(machineB.http(''), retellWebhookBody('call_analyzed', facts), signed())).toMatchObject({
      status: 200,
      body: { ok: true, reason: 'duplicate' },
    });

    // One record in the shared database, with our conversation's outcome and transcript and Retell's summary.
    expect((await inbox.receivedEvents(callId)).map(({ source: from, event }) => `${from}/${event}`).sort()).toEqual([
      'conversation/finished',
      'retell/call_analyzed',
      'retell/call_ended',
      'retell/call_started',
    ]);
    const merged = await inbox.findCall(callId);
    expect(merged).toMatchObject({ callId, channel: 'retell', outcome: 'information', summary: facts.summary, startedAt: new Date(facts.startMs).toISOString() });
    expect(merged?.transcript.length).toBeGreaterThanOrEqual(4);
    // One queued message, seen from either machine; neither machine kept anything of the call in its SQLite file.
    expect(await backlogOf(machineA)).toBe(1);
    expect(await backlogOf(machineB)).toBe(1);
    for (const machine of [machineA, machineB]) expect(storedCall(machine.dataDir, callId)).toEqual({ record: null, events: [] });

    const queued = await database!.pool.query("SELECT payload->>'summary' AS summary FROM outbox_messages");
    expect(queued.rows).toEqual([{ summary: facts.summary }]);

    await backend!.setState('up');
    clock.jump(RETRY_AFTER_MS);
    await eventually(async () => ((await backlogOf(machineA)) === 0 ? true : undefined), 15_000, 'the record to be delivered');

    expect(backend!.effectsPerKey()).toEqual(new Map([[`call-record:${callId}`, 1]]));
    expect(backend!.state.callRecords.get(callId)).toMatchObject({
      callId,
      outcome: 'information_provided',
      summary: facts.summary,
      startTime: new Date(facts.startMs).toISOString(),
    });
    expect(await outboxRows(postgres!.url)).toEqual([
      { topic: 'call.record', idempotency_key: `call-record:${callId}`, status: 'delivered', attempts: expect.any(Number) },
    ]);
    // A late replay on either machine changes nothing, here or at CrownDesk.
    const requestsBefore = backend!.requests.length;
    for (const machine of [machineA, machineB]) {
      expect(await postRetellWebhook(machine.http(''), retellWebhookBody('call_ended', facts), signed())).toMatchObject({
        body: { ok: true, reason: 'duplicate' },
      });
    }
    expect(await inbox.findCall(callId)).toEqual(merged);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(backend!.requests.length).toBe(requestsBefore);
  });

  it("takes ElevenLabs' post-call record into the same PostgreSQL inbox, whichever machine it reaches, and delivers it once", async () => {
    const [machineA, machineB, inbox] = await twoMachines();
    const conversationId = 'conv_pg_post_call';
    const rawBody = JSON.stringify(postCallPayload(conversationId, clock.now()));

    for (const machine of [machineA, machineB]) {
      const answer = await fetch(machine.http('/api/elevenlabs/post-call'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...elevenLabsSignature(rawBody, clock.now()) },
        body: rawBody,
      });
      expect(answer.status).toBe(200);
    }

    expect(await inbox.receivedEvents(conversationId)).toEqual([
      { source: 'elevenlabs', event: 'post_call_transcription', receivedAt: expect.any(String) },
    ]);
    expect(await inbox.findCall(conversationId)).toMatchObject({ channel: 'elevenlabs', summary: 'The caller asked about parking.' });
    await eventually(async () => ((await backlogOf(machineB)) === 0 ? true : undefined), 15_000, 'the record to be delivered');
    expect(backend!.effectsPerKey()).toEqual(new Map([[`call-record:${conversationId}`, 1]]));
    expect(backend!.state.callRecords.get(conversationId)).toMatchObject({ callId: conversationId, summary: 'The caller asked about parking.' });
    for (const machine of [machineA, machineB]) expect(storedCall(machine.dataDir, conversationId)).toEqual({ record: null, events: [] });
  });
});

/** The gateways' clock: runs from `start` at the real rate, and jumps ahead when the test says (a retry comes due). */
class SteppingClock implements Clock {
  private offsetMs: number;

  constructor(start: Date) {
    this.offsetMs = start.getTime() - Date.now();
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  jump(ms: number): void {
    this.offsetMs += ms;
  }
}

/** ElevenLabs' post-call transcription webhook for a call to the demo practice's agent. */
function postCallPayload(conversationId: string, now: Date): Record<string, unknown> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  return {
    type: 'post_call_transcription',
    event_timestamp: nowSeconds,
    data: {
      agent_id: DEMO_AGENT_ID,
      conversation_id: conversationId,
      status: 'done',
      transcript: [
        { role: 'agent', message: 'Thank you for calling Bright Smile Dental.', time_in_call_secs: 0 },
        { role: 'user', message: 'Is there parking nearby?', time_in_call_secs: 3 },
        { role: 'agent', message: 'Yes, behind the building.', time_in_call_secs: 6 },
      ],
      metadata: {
        start_time_unix_secs: nowSeconds - 40,
        call_duration_secs: 30,
        phone_call: { direction: 'inbound', agent_number: DEMO_PHONE_NUMBER, external_number: CALLER_NUMBER },
      },
      analysis: { transcript_summary: 'The caller asked about parking.' },
    },
  };
}

/** `ElevenLabs-Signature: t=<unix>,v0=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. */
function elevenLabsSignature(rawBody: string, at: Date): Record<string, string> {
  const t = Math.floor(at.getTime() / 1000);
  const v0 = createHmac('sha256', ELEVENLABS_WEBHOOK_SECRET).update(`${t}.${rawBody}`).digest('hex');
  return { 'elevenlabs-signature': `t=${t},v0=${v0}` };
}
