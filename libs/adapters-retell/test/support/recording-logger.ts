import type { Logger } from '@crowndesk/domain';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message: string;
}

/** A Logger that keeps every entry, so tests can check what is logged and that no PHI is. */
export class RecordingLogger implements Logger {
  readonly entries: LogEntry[] = [];

  debug(fields: Record<string, unknown>, message: string): void {
    this.entries.push({ level: 'debug', fields: { ...fields }, message });
  }
  info(fields: Record<string, unknown>, message: string): void {
    this.entries.push({ level: 'info', fields: { ...fields }, message });
  }
  warn(fields: Record<string, unknown>, message: string): void {
    this.entries.push({ level: 'warn', fields: { ...fields }, message });
  }
  error(fields: Record<string, unknown>, message: string): void {
    this.entries.push({ level: 'error', fields: { ...fields }, message });
  }

  find(level: LogEntry['level'], message: string): LogEntry | undefined {
    return this.entries.find((entry) => entry.level === level && entry.message === message);
  }

  /** Everything logged, as one string, for "never contains" checks. */
  dump(): string {
    return JSON.stringify(this.entries);
  }
}
