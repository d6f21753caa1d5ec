import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeRetell } from './support/fake-retell';
import { retellEvents, said } from './support/fake-retell';
import { RetellHarness } from './support/harness';

/** A second, well-behaved call on the same server: it must not notice the other socket's trouble. */
async function expectStillServing(healthy: FakeRetell, responseId: number): Promise<void> {
  await healthy.roundTrip();
  healthy.send(retellEvents.request(responseId, [said('user', 'Still there?')]));
  expect((await healthy.completion(responseId))['content_complete']).toBe(true);
  expect(healthy.isOpen).toBe(true);
}

describe('Retell protocol violations', () => {
  let harness: RetellHarness;
  let healthy: FakeRetell;
  beforeEach(async () => {
    harness = await new RetellHarness({ maxFrameBytes: 4_096 }).start();
    healthy = await harness.startCall('call_healthy');
  });
  afterEach(async () => harness.stop());

  it('closes a socket that sends text that is not JSON with 1007', async () => {
    const broken = await harness.startCall('call_not_json');
    broken.sendText('{"interaction_type": "ping_pong", ');

    expect(await broken.closed).toEqual({ code: 1007, reason: 'invalid JSON' });
    await expectStillServing(healthy, 1);
    expect(harness.logger.find('warn', 'closing retell socket: protocol violation')?.fields).toMatchObject({
      callId: 'call_not_json',
      code: 1007,
      problem: 'invalid JSON',
    });
  });

  it('closes a socket that sends a binary frame with 1003', async () => {
    const broken = await harness.startCall('call_binary');
    broken.sendBinary(Buffer.from(JSON.stringify({ interaction_type: 'ping_pong', timestamp: 1 })));

    expect(await broken.closed).toEqual({ code: 1003, reason: 'binary frames are not supported' });
    expect(broken.frames.filter((frame) => frame.response_type === 'ping_pong')).toEqual([]);
    await expectStillServing(healthy, 1);
  });

  it('closes a socket whose frame breaks the schema with 1007 and a reason naming the field', async () => {
    const broken = await harness.startCall('call_bad_schema');
    broken.send({ interaction_type: 'response_required', response_id: 'seven', transcript: [] });

    const closed = await broken.closed;

    expect(closed.code).toBe(1007);
    expect(closed.reason).toMatch(/^invalid response_required: response_id: /);
    expect(Buffer.byteLength(closed.reason)).toBeLessThanOrEqual(123);
    await expectStillServing(healthy, 1);
  });

  it('closes a socket whose transcript item lacks content with 1007', async () => {
    const broken = await harness.startCall('call_bad_transcript');
    broken.send(retellEvents.update([{ role: 'user' }]));

    const closed = await broken.closed;

    expect(closed).toEqual({ code: 1007, reason: 'invalid update_only: transcript.0.content: Invalid input: expected string, received undefined' });
    await expectStillServing(healthy, 1);
  });

  it('closes a socket whose frame has no interaction_type with 1007', async () => {
    const broken = await harness.startCall('call_no_type');
    broken.send({ response_id: 1 });

    expect(await broken.closed).toEqual({ code: 1007, reason: 'frame is not an object with an interaction_type' });
    await expectStillServing(healthy, 1);
  });

  it('closes a socket that sends a frame above the size limit with 1009', async () => {
    const broken = await harness.startCall('call_too_big');
    broken.send(retellEvents.update([said('user', 'x'.repeat(5_000))]));

    expect(await broken.closed).toEqual({ code: 1009, reason: 'frame too large' });
    await expectStillServing(healthy, 1);
  });

  it('ignores an unknown interaction_type and keeps the socket open', async () => {
    healthy.send({ interaction_type: 'future_feature', payload: { anything: true } });

    await expectStillServing(healthy, 1);
    expect(harness.logger.find('info', 'ignoring unknown retell interaction_type')?.fields).toMatchObject({ interactionType: 'future_feature' });
  });

  it('refuses a malformed call id in the path with 4400', async () => {
    const rawHarness = await new RetellHarness({}, true).start();
    try {
      const broken = await rawHarness.connect('/retell-llm/bad%20id%20with%20spaces');
      expect(await broken.closed).toEqual({ code: 4400, reason: 'malformed call id in path' });
    } finally {
      await rawHarness.stop();
    }
    await expectStillServing(healthy, 1);
  });
});
