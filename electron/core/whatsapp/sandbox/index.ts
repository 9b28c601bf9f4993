export { startSandbox, type RunningSandbox, type SandboxOptions } from './server';
export type { SandboxConfig, SandboxConfigPatch } from './config';
export type { SandboxInfo, MessageFilter } from './controller';
export type { CustomerMessage } from './customer-inbound';
export type { CustomerCall } from './customer-calls';
export type { CallbackVerification } from './subscription';
export type { OutboundRecord } from './state';
export type { WebhookDelivery } from './webhook-sender';
export { isOnWhatsApp, DEMO_CUSTOMERS } from './seed-data';
