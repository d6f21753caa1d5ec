import { describe, expect, it } from 'vitest';
import { readEmbeddedRecords } from './support/embedded-records';
import { dialRetell } from './support/retell-peer';
import { closed, upgrade } from './support/websocket-client';
import { gatewaysPerTest } from './support/gateway-lifecycle';

describe('graceful shutdown', () => {
  const startGateway = gatewaysPerTest();

  it('turns readiness to draining, refuses new calls, then closes a live call with 1001 and logs it', async () => {
    const gateway = await startGateway({ env: { SHUTDOWN_GRACE_MS: '1500' } });
    const live = await dialRetell(gateway.ws(''), 'call_draining_1');
    const liveClosed = closed(live.socket);

    const closing = gateway.close();

    const ready = await fetch(gateway.http('/health/ready'));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'draining' });
    const liveness = await fetch(gateway.http('/health'));
    expect(liveness.status).toBe(200);
    const newCall = await upgrade(gateway.ws('/retell-llm/call_draining_2'));
    expect(newCall).toMatchObject({ open: false, status: 503 });

    expect(await liveClosed).toMatchObject({ code: 1001 });
    await closing;
    await expect(fetch(gateway.http('/health'))).rejects.toThrow();

    const record = await readEmbeddedRecords(gateway.dataDir, async ({ callLog }) => callLog.findCall('call_draining_1'));
    expect(record).toMatchObject({ callId: 'call_draining_1', channel: 'retell' });
  });

  it('is idempotent', async () => {
    const gateway = await startGateway();
    const first = gateway.close();
    const second = gateway.close();
    expect(second).toBe(first);
    await first;
  });
});
