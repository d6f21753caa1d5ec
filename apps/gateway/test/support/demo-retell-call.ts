import { DEMO_AGENT_ID, DEMO_PHONE_NUMBER } from '@crowndesk/adapters-sqlite';
import { RetellCallClient } from '../../src/cli/simulator/retell-call-client';
import { CALLER_NUMBER } from './retell-peer';
import type { TestGateway } from './test-gateway';

/** A Retell call from CALLER_NUMBER to the demo practice's number and agent, on the gateway's Retell socket. */
export function dialDemoPractice(gateway: TestGateway, callId: string): Promise<RetellCallClient> {
  return RetellCallClient.connect({
    baseUrl: gateway.ws('/retell-llm'),
    callId,
    agentId: DEMO_AGENT_ID,
    fromNumber: CALLER_NUMBER,
    toNumber: DEMO_PHONE_NUMBER,
  });
}
