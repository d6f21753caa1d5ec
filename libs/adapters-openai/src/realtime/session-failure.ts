/** Why a recognition session ended early. Only codes and numbers: safe to log and to surface. */
export type SessionFailure =
  | { kind: 'connect_timeout'; timeoutMs: number }
  | { kind: 'handshake_refused'; status: number }
  | { kind: 'socket_error'; code: string }
  | { kind: 'connection_lost'; closeCode: number }
  | { kind: 'server_error'; code: string };

export function describeFailure(failure: SessionFailure): string {
  const prefix = 'OpenAI realtime transcription';
  switch (failure.kind) {
    case 'connect_timeout':
      return `${prefix}: not connected within ${failure.timeoutMs} ms`;
    case 'handshake_refused':
      return `${prefix}: connection refused with HTTP ${failure.status}`;
    case 'socket_error':
      return `${prefix}: socket error (${failure.code})`;
    case 'connection_lost':
      return `${prefix}: connection closed abnormally (code ${failure.closeCode})`;
    case 'server_error':
      return `${prefix}: session failed (${failure.code})`;
  }
}
