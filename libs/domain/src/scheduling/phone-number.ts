/** An E.164 number ("+15551234567") from how it was written or said, or undefined when it is not one. */
export function toE164(phone: string | undefined): string | undefined {
  if (!phone) return undefined;
  const compact = phone.replace(/[\s().-]/g, '');
  return /^\+[1-9]\d{6,14}$/.test(compact) ? compact : undefined;
}
