export { verifySignature, signWebhookBody } from './signature';
export { verifyHandshake, type HandshakeQuery } from './handshake';
export { parseWebhook } from './parse-webhook';
export type * from './events';
export { DELIVERY_STATUSES, INBOUND_MEDIA_TYPES } from './events';
