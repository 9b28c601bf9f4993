/**
 * The largest CSV file a contact import takes: about 650,000 rows of a typical customer list. The
 * file travels as base64 in one call (Electron IPC or the UI bridge, whose JSON body stops at
 * 64 MB), so a larger one would fail with a transport error instead of words; the wizard checks the
 * size before reading the file, the core checks every call.
 */
export const IMPORT_MAX_BYTES = 40 * 1024 * 1024;

/** The base64 text of a file of IMPORT_MAX_BYTES bytes. */
export const IMPORT_MAX_BASE64 = Math.ceil(IMPORT_MAX_BYTES / 3) * 4;

export const IMPORT_TOO_LARGE =
  'The file is larger than 40 MB: split it into smaller files and import them one after another';
