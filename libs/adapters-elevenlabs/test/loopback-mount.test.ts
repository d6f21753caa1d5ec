import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listenOnLoopback, ManualClock, RecordingLogger } from '@crowndesk/testing';
import type { HandlerResponse, InboundRequest } from '../src';
import { ConversationSessions, ElevenLabsToolEndpoint, PostCallWebhookHandler } from '../src';
import { FakeToolRunner } from './support/fake-tool-runner';
import { CALL_START_SECONDS, transcriptionEvent } from './support/post-call-events';
import { BRIGHT_SMILE_AGENT, practiceDirectory } from './support/practices';
import { signatureFor, WEBHOOK_SECRET } from './support/webhook-signing';

/**
 * The handlers behind a real HTTP server on an ephemeral port, mounted the way the README describes:
 * raw body bytes and node's headers in, status and JSON out.
 */
const clock = new ManualClock(new Date((CALL_START_SECONDS + 120) * 1000));
const sessions = new ConversationSessions({ clock });
const recorded: string[] = [];
const tools = new ElevenLabsToolEndpoint({
  apiKey: 'tool_key_0123456789abcdef',
  directory: practiceDirectory(),
  toolRunner: new FakeToolRunner(),
  sessions,
  logger: new RecordingLogger(),
});
const postCall = new PostCallWebhookHandler({
  webhookSecret: WEBHOOK_SECRET,
  directory: practiceDirectory(),
  isFirstDelivery: async () => true,
  onCallEnded: async (record) => {
    recorded.push(record.callId);
  },
  sessions,
  clock,
  logger: new RecordingLogger(),
});

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const request: InboundRequest = { rawBody: Buffer.concat(chunks), headers: req.headers };
    const path = req.url ?? '';
    const route: Promise<HandlerResponse> = path.startsWith('/api/elevenlabs/tools/')
      ? tools.handle({ ...request, toolName: decodeURIComponent(path.slice('/api/elevenlabs/tools/'.length)) })
      : postCall.handle(request);
    void route.then(({ status, body }) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
});
let base = '';

beforeAll(async () => {
  base = `http://127.0.0.1:${await listenOnLoopback(server)}`;
});
afterAll(async () => {
  await closeServer(server);
});

describe('handlers over real HTTP', () => {
  it('serves a tool call', async () => {
    const response = await fetch(`${base}/api/elevenlabs/tools/get_practice_info`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-API-Key': 'tool_key_0123456789abcdef',
        'X-CrownDesk-Agent-Id': BRIGHT_SMILE_AGENT,
        'X-CrownDesk-Conversation-Id': 'conv_http',
      },
      body: JSON.stringify({ topic: 'hours' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, tool: 'get_practice_info', topic: 'hours' });
  });

  it('verifies a post-call signature over the bytes as sent, including non-ASCII text', async () => {
    const event = transcriptionEvent({ conversationId: 'conv_http', summary: 'La paciente canceló su limpieza — gracias.' });
    const body = JSON.stringify(event);
    const response = await fetch(`${base}/api/elevenlabs/post-call`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'ElevenLabs-Signature': signatureFor(body, CALL_START_SECONDS + 100) },
      body,
    });
    expect(response.status).toBe(200);
    expect(recorded).toEqual(['conv_http']);
  });
});
