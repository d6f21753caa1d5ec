import { FakePracticeDirectory, minimalPractice, RecordingLogger, ScriptedConversationFactory, WebSocketUpgradeHost } from '@crowndesk/testing';
import { matchRetellPath, RetellCallHandler, type RetellCallHandlerDeps } from '../../src';
import { FakeRetell, retellEvents } from './fake-retell';

export const AGENT_ID = 'agent_bright_smile';
export const PRACTICE_NUMBER = '+15550001111';
export const CALLER_NUMBER = '+15557654321';

type HandlerOptions = Omit<RetellCallHandlerDeps, 'directory' | 'conversations' | 'logger'>;

/**
 * A real HTTP server on an ephemeral loopback port, routing WebSocket upgrades the way the gateway does,
 * with the handler under test behind it and doubles for the domain's ports.
 */
export class RetellHarness {
  readonly logger = new RecordingLogger();
  readonly directory = new FakePracticeDirectory();
  /** Greets with the practice id, so a test can tell which practice a call was resolved to. */
  readonly conversations = new ScriptedConversationFactory({ greeting: (practiceId) => `Hello from ${practiceId}` });
  readonly handler: RetellCallHandler;
  private readonly host: WebSocketUpgradeHost;
  private readonly clients: FakeRetell[] = [];
  private baseUrl = '';

  /**
   * `rawPathRouting` passes the last path segment through unchecked, like a gateway that does not use
   * matchRetellPath, so the handler's own call id check can be exercised.
   */
  constructor(options: Partial<HandlerOptions> = {}, private readonly rawPathRouting = false) {
    const bright = minimalPractice('practice-bright');
    this.directory.byAgent.set(AGENT_ID, bright);
    this.directory.byNumber.set(PRACTICE_NUMBER, bright);
    this.handler = new RetellCallHandler({
      directory: this.directory,
      conversations: this.conversations,
      logger: this.logger,
      allowFallbackPractice: false,
      finishGraceMs: 60_000,
      ...options,
    });
    this.host = new WebSocketUpgradeHost((pathname) => {
      if (!this.rawPathRouting && !matchRetellPath(pathname)) return undefined;
      const callId = this.rawPathRouting ? decodeURIComponent(pathname.split('/')[2] ?? '') : matchRetellPath(pathname)?.callId;
      return (ws) => this.handler.accept(ws, callId);
    });
  }

  async start(): Promise<this> {
    this.baseUrl = await this.host.start();
    return this;
  }

  async connect(path: string): Promise<FakeRetell> {
    const client = await FakeRetell.connect(this.baseUrl, path);
    this.clients.push(client);
    return client;
  }

  /** Connects to `/retell-llm/{callId}`, sends call_details for the default practice, waits for the begin message. */
  async startCall(callId: string, call: Record<string, unknown> = {}): Promise<FakeRetell> {
    const client = await this.connect(`/retell-llm/${callId}`);
    client.send(
      retellEvents.callDetails({ call_id: callId, agent_id: AGENT_ID, from_number: CALLER_NUMBER, to_number: PRACTICE_NUMBER, ...call }),
    );
    await client.completion(0);
    return client;
  }

  async stop(): Promise<void> {
    await this.handler.drain();
    for (const client of this.clients) client.terminate();
    await this.host.close();
  }
}
