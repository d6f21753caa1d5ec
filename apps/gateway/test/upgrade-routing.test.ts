import { describe, expect, it } from 'vitest';
import { upgradeTarget } from '../src/ws/upgrade-paths';
import { closed, upgrade } from './support/websocket-client';
import { gatewayPerSuite } from './support/gateway-lifecycle';

describe('upgradeTarget', () => {
  it.each([
    ['/retell-llm', undefined],
    ['/retell-llm/', undefined],
    ['/retell-llm/Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6', 'Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6'],
    ['/retell-llm/call_a-1/', 'call_a-1'],
    ['/retell-llm/call_1?tenant=bright-smile', 'call_1'],
    [`/retell-llm/${'a'.repeat(128)}`, 'a'.repeat(128)],
  ])('routes %s to Retell with call id %s', (url, callId) => {
    expect(upgradeTarget(url)).toEqual({ endpoint: 'retell', callId });
  });

  it.each([['/retell-llm/call.1'], ['/retell-llm/a%20b'], ['/retell-llm/a/b'], [`/retell-llm/${'a'.repeat(129)}`]])(
    'refuses the malformed call id in %s with 400',
    (url) => {
      expect(upgradeTarget(url)).toMatchObject({ endpoint: 'none', status: 400 });
    },
  );

  it.each([['/'], ['/other'], ['/retell-llmx'], ['/voice-agent/media-stream'], ['/health']])('has no endpoint at %s', (url) => {
    expect(upgradeTarget(url)).toMatchObject({ endpoint: 'none', status: 404 });
  });
});

describe('WebSocket upgrades on the gateway', () => {
  const gateway = gatewayPerSuite();

  it.each([['/retell-llm'], ['/retell-llm/call_routing_1'], ['/retell-llm/call_routing_2/?tenant=bright-smile']])(
    'accepts %s and speaks the Retell protocol first (config)',
    async (path) => {
      const outcome = await upgrade(gateway.ws(path));
      if (!outcome.open) throw new Error(`refused with ${outcome.status}`);
      const config = await outcome.inbox.next((frame) => frame['response_type'] === 'config');
      expect(config).toMatchObject({ response_type: 'config', config: { call_details: true } });
      const gone = closed(outcome.socket);
      outcome.socket.close(1000);
      await gone;
    },
  );

  it.each([['/other'], ['/'], ['/voice-agent/media-stream']])('answers an upgrade to %s with HTTP 404', async (path) => {
    const outcome = await upgrade(gateway.ws(path));
    expect(outcome).toMatchObject({ open: false, status: 404 });
  });

  it.each([['/retell-llm/bad.id'], ['/retell-llm/bad%24id'], [`/retell-llm/${'x'.repeat(129)}`]])(
    'answers an upgrade with an invalid call id (%s) with HTTP 400',
    async (path) => {
      const outcome = await upgrade(gateway.ws(path));
      expect(outcome).toMatchObject({ open: false, status: 400 });
      if (!outcome.open) expect(JSON.parse(outcome.body)).toMatchObject({ message: 'invalid call id' });
    },
  );

  it('still serves HTTP on the same port after refused upgrades', async () => {
    const response = await fetch(gateway.http('/health'));
    expect(response.status).toBe(200);
  });
});
