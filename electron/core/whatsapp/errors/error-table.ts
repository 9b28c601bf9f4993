/**
 * What Wapidesk does with each Graph / WhatsApp error code. This file is data on purpose: the
 * classification is reviewed against the reference's §8 table row by row, and a test walks every row.
 *
 * - `retry`: transient; send the same request again with backoff.
 * - `throttle`: a limit was hit; slow down or defer (for 131056 only the one recipient).
 * - `pause`: the account, token, number or template cannot be used until a person (or Meta) fixes
 *   it; stop sending.
 * - `permanent`: this request will never succeed as it is; fix the input or give up on the recipient.
 * - `opted_out`: permanent, and the customer stopped marketing messages from the business in
 *   WhatsApp itself: record it on the contact (as WhatsApp's `user_preferences` stop does).
 * - `held`: WhatsApp held this marketing message back for the customer's sake (too many lately):
 *   not sent, not an opt-out; no marketing to them for at least 24 hours (reference §8, §10).
 */
export const ERROR_CLASSES = ['retry', 'throttle', 'pause', 'permanent', 'opted_out', 'held'] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

export interface ErrorTableRow {
  /** One code, or an inclusive range `[from, to]`. An exact row always wins over a range. */
  codes: number | readonly [number, number];
  errorClass: ErrorClass;
  reason: string;
}

export const ERROR_TABLE: readonly ErrorTableRow[] = [
  { codes: 0, errorClass: 'pause', reason: 'Authentication failed: a new access token is needed.' },
  { codes: 1, errorClass: 'retry', reason: 'Unknown API error, possibly temporary.' },
  { codes: 2, errorClass: 'retry', reason: 'API service is down or overloaded.' },
  {
    codes: 3,
    errorClass: 'permanent',
    reason: 'The app lacks the capability or permission for this method.',
  },
  { codes: 4, errorClass: 'throttle', reason: 'The app hit its API-call rate limit.' },
  { codes: 10, errorClass: 'permanent', reason: 'Permission denied.' },
  { codes: 33, errorClass: 'permanent', reason: 'The business phone number has been deleted.' },
  { codes: 100, errorClass: 'permanent', reason: 'Invalid or unsupported parameter.' },
  { codes: 190, errorClass: 'pause', reason: 'The access token has expired or is invalid.' },
  { codes: [200, 299], errorClass: 'permanent', reason: 'An API permission is missing.' },
  { codes: 368, errorClass: 'pause', reason: 'Temporarily blocked for a policy violation.' },
  { codes: 80007, errorClass: 'throttle', reason: 'The WhatsApp Business Account hit its rate limit.' },
  { codes: 130403, errorClass: 'permanent', reason: 'The business has blocked this user.' },
  { codes: 130429, errorClass: 'throttle', reason: 'Cloud API throughput for this number was exceeded.' },
  { codes: 130472, errorClass: 'permanent', reason: "The user's number is part of an experiment." },
  { codes: 130497, errorClass: 'permanent', reason: 'The account may not message users in that country.' },
  { codes: 131000, errorClass: 'retry', reason: 'Unknown failure on the WhatsApp side.' },
  { codes: 131005, errorClass: 'permanent', reason: 'Access denied.' },
  { codes: 131008, errorClass: 'permanent', reason: 'A required parameter is missing.' },
  { codes: 131009, errorClass: 'permanent', reason: 'A parameter value is not valid.' },
  { codes: 131016, errorClass: 'retry', reason: 'The service is temporarily unavailable.' },
  { codes: 131021, errorClass: 'permanent', reason: 'The sender and the recipient are the same number.' },
  {
    codes: 131026,
    errorClass: 'permanent',
    reason:
      'Undeliverable: the number is not on WhatsApp, its app is too old, or it has not accepted the terms.',
  },
  { codes: 131030, errorClass: 'permanent', reason: "The recipient is not in the test number's allow-list." },
  { codes: 131031, errorClass: 'pause', reason: 'The business account is locked.' },
  { codes: 131037, errorClass: 'permanent', reason: 'The number has no approved display name.' },
  { codes: 131042, errorClass: 'pause', reason: 'There is a payment or billing problem on the account.' },
  {
    codes: 131045,
    errorClass: 'permanent',
    reason: 'The phone number has a registration error (incorrect certificate).',
  },
  {
    codes: 131047,
    errorClass: 'permanent',
    reason: "More than 24 hours have passed since the customer's last message: send a template instead.",
  },
  {
    codes: 131048,
    errorClass: 'pause',
    reason: 'Spam rate limit: too many messages from this number were blocked or flagged.',
  },
  {
    codes: 131049,
    errorClass: 'held',
    reason:
      'WhatsApp held this marketing message back to keep the ecosystem healthy (the customer got many lately): ' +
      'not retried for 24 hours.',
  },
  {
    codes: 131050,
    errorClass: 'opted_out',
    reason: 'The customer stopped marketing messages from this business in WhatsApp.',
  },
  { codes: 131051, errorClass: 'permanent', reason: 'Unsupported message type.' },
  {
    // Reported (reference §10): authentication templates cannot go to a customer known by user id only.
    codes: 131062,
    errorClass: 'permanent',
    reason: 'This message cannot go to a customer who hides their number (an authentication template?).',
  },
  { codes: 131052, errorClass: 'permanent', reason: "The user's media could not be downloaded." },
  {
    codes: 131053,
    errorClass: 'permanent',
    reason: 'Media upload error (unsupported type, MIME mismatch or size).',
  },
  {
    codes: 131056,
    errorClass: 'throttle',
    reason: 'Too many messages to the same user in a short time (pair rate limit).',
  },
  {
    codes: 131057,
    errorClass: 'retry',
    reason: 'The account is in maintenance (throughput upgrade): retry in about a minute.',
  },
  { codes: 131063, errorClass: 'permanent', reason: 'Marketing templates are disabled on Cloud API.' },
  {
    codes: 131064,
    errorClass: 'throttle',
    reason: 'A messaging limit applies (template misclassification) until enforcement ends.',
  },
  {
    codes: [132000, 132018],
    errorClass: 'permanent',
    reason: 'The template or its parameters are not valid.',
  },
  { codes: 132000, errorClass: 'permanent', reason: 'The number of template parameters does not match.' },
  {
    codes: 132001,
    errorClass: 'permanent',
    reason: 'The template does not exist in that language or is not approved.',
  },
  { codes: 132005, errorClass: 'permanent', reason: 'The template text is too long once filled in.' },
  { codes: 132007, errorClass: 'permanent', reason: 'The template violates a WhatsApp policy.' },
  { codes: 132012, errorClass: 'permanent', reason: 'A template parameter has the wrong format.' },
  {
    codes: 132015,
    errorClass: 'pause',
    reason: 'WhatsApp paused the template for low quality; it can be used again once WhatsApp unpauses it.',
  },
  {
    codes: 132016,
    errorClass: 'pause',
    reason: 'WhatsApp disabled the template for low quality; choose another template.',
  },
  { codes: 132018, errorClass: 'permanent', reason: 'The template parameters failed validation.' },
  { codes: 133004, errorClass: 'retry', reason: 'The server is temporarily unavailable.' },
  { codes: 133010, errorClass: 'pause', reason: 'The phone number is not registered on Cloud API.' },
  {
    codes: 133016,
    errorClass: 'throttle',
    reason: 'Too many register or deregister attempts for this number.',
  },
  { codes: 135000, errorClass: 'permanent', reason: 'Generic user error.' },
  { codes: 137000, errorClass: 'permanent', reason: "The recipient's identity key hash does not match." },
  {
    codes: 2494100,
    errorClass: 'retry',
    reason: 'The phone number is in maintenance mode (migration): retry in a few minutes.',
  },
];
