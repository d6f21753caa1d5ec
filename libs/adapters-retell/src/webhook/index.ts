export { RetellWebhookReceiver, type RetellWebhookReceiverDeps, type RetellWebhookRequest, type RetellWebhookReply } from './retell-webhook-receiver';
export {
  verifyRetellSignature,
  signRetellWebhook,
  retellSignatureDigest,
  RETELL_SIGNATURE_HEADER,
  RETELL_SIGNATURE_TOLERANCE_MS,
  type RetellSignatureCheck,
  type RetellSignatureFailure,
} from './signature';
export { RETELL_WEBHOOK_PATH, RETELL_WEBHOOK_MAX_BODY_BYTES } from './limits';
export {
  RETELL_CALL_EVENTS,
  retellWebhookSchema,
  retellWebhookCallSchema,
  type RetellCallEventName,
  type RetellWebhookCall,
  type RetellWebhookPayload,
} from './webhook-payload';
export { retellCallEvent } from './webhook-call-event';
