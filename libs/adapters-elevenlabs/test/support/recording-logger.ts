import type { Logger } from '@crowndesk/domain';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message: string;
}

/** Keeps every log entry, so tests can check what was logged and that no PHI ever was. */
export class RecordingLogger implements Logger {
  readonly entries: LogEntry[] = [];

  debug(fields: Record<string, unknown>, message: string): void {
    this.entries.push({ level: 'debug', fields, message });
  }
  info(fields: Record<string, unknown>, message: string): void {
    this.entries.push({ level: 'info', fields, message });
  }
  warn(fields: Record<string, unknown>, message: string): void {
    this.entries.push({ level: 'warn', fields, message });
  }
  error(fields: Record<string, unknown>, message: string): void {
    this.entries.push({ level: 'error', fields, message });
  }

  messages(): string[] {
    return this.entries.map((entry) => entry.message);
  }

  /** Everything logged, as one string, for "this text never appears" checks. */
  dump(): string {
    return JSON.stringify(this.entries);
  }
}
