import { z } from 'zod';
import type { CallSession, Clock, Practice } from '@crowndesk/domain';
import { createCallSession } from '@crowndesk/domain';

const optionsSchema = z.object({
  clock: z.custom<Clock>((value) => typeof (value as Clock | undefined)?.now === 'function', 'a Clock is required'),
  /** A conversation idle this long is forgotten; it must outlast the call plus its post-call analysis. */
  idleTtlMs: z.number().int().positive().default(2 * 60 * 60 * 1000),
  /** Bounds memory: beyond this, the least recently used conversation is forgotten. */
  maxSessions: z.number().int().positive().default(10_000),
});

export type ConversationSessionsOptions = z.input<typeof optionsSchema>;

export interface ConversationStart {
  practice: Practice;
  conversationId: string;
  callerNumber?: string;
}

interface Entry {
  session: CallSession;
  lastUsedMs: number;
}

/**
 * The CallSession of each live ElevenLabs conversation, in memory, so a caller verified by one tool call
 * stays verified for that conversation's next calls, and for nothing else. Keyed by practice and
 * conversation: a conversation id presented by another agent never reaches this one's session.
 * Forgetting a session is always safe: the caller is simply asked to verify again.
 */
export class ConversationSessions {
  private readonly clock: Clock;
  private readonly idleTtlMs: number;
  private readonly maxSessions: number;
  // Map order is least recently used first: every touch re-inserts the entry at the end.
  private readonly entries = new Map<string, Entry>();

  constructor(options: ConversationSessionsOptions) {
    const parsed = optionsSchema.parse(options);
    this.clock = parsed.clock;
    this.idleTtlMs = parsed.idleTtlMs;
    this.maxSessions = parsed.maxSessions;
  }

  /** The conversation's session, created on its first tool call. */
  sessionFor(start: ConversationStart): CallSession {
    const nowMs = this.clock.now().getTime();
    this.sweep(nowMs);
    const key = keyOf(start.practice.id, start.conversationId);
    const existing = this.entries.get(key);
    if (existing) {
      this.touch(key, existing, nowMs);
      return existing.session;
    }
    const session = createCallSession({
      callId: start.conversationId,
      practice: start.practice,
      channel: 'elevenlabs',
      ...(start.callerNumber ? { callerNumber: start.callerNumber } : {}),
      startedAt: new Date(nowMs).toISOString(),
    });
    this.entries.set(key, { session, lastUsedMs: nowMs });
    while (this.entries.size > this.maxSessions) this.evictOldest();
    return session;
  }

  /** The session of a conversation, if it is still remembered (e.g. for its post-call record). */
  find(practiceId: string, conversationId: string): CallSession | undefined {
    const nowMs = this.clock.now().getTime();
    this.sweep(nowMs);
    return this.entries.get(keyOf(practiceId, conversationId))?.session;
  }

  /** Forgets a finished conversation. */
  end(practiceId: string, conversationId: string): void {
    this.entries.delete(keyOf(practiceId, conversationId));
  }

  get size(): number {
    return this.entries.size;
  }

  private touch(key: string, entry: Entry, nowMs: number): void {
    entry.lastUsedMs = nowMs;
    this.entries.delete(key);
    this.entries.set(key, entry);
  }

  /** Drops idle conversations; they sit at the front, so this stops at the first live one. */
  private sweep(nowMs: number): void {
    for (const [key, entry] of this.entries) {
      if (nowMs - entry.lastUsedMs < this.idleTtlMs) return;
      this.entries.delete(key);
    }
  }

  private evictOldest(): void {
    const oldest = this.entries.keys().next();
    if (!oldest.done) this.entries.delete(oldest.value);
  }
}

function keyOf(practiceId: string, conversationId: string): string {
  return `${practiceId}\u0000${conversationId}`;
}
