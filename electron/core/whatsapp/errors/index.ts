export { ERROR_CLASSES, ERROR_TABLE, type ErrorClass, type ErrorTableRow } from './error-table';
export { classifyErrorCode, classifyFailure, lookupErrorCode, type Classification } from './classify';
export { WhatsAppApiError, type FailureKind, type WhatsAppApiErrorFields } from './whatsapp-api-error';
export { readGraphErrorEnvelope, titleFromMetaMessage, type GraphErrorBody } from './graph-error-envelope';
export {
  errorForMissingToken,
  errorFromNoAnswer,
  errorFromResponse,
  errorFromUnreadableAnswer,
  type RequestLabel,
} from './create-error';
