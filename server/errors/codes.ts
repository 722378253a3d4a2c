/**
 * Every error a client of the API can see, with its HTTP status and what it
 * means. The code is the programmatic identifier; never match on messages.
 * docs/errors.md is checked against this table by a test.
 */
export const errorCodes = {
  validation_failed: { status: 400, help: 'One or more fields are invalid; details names each field.' },
  malformed_json: { status: 400, help: 'The request body is not valid JSON.' },
  invalid_query: { status: 400, help: 'A query parameter (filter, sort, paging) is invalid; details names it.' },
  invalid_id: { status: 400, help: 'The id in the path is not a positive integer.' },
  unauthenticated: { status: 401, help: 'Sign in or send a valid bearer token.' },
  invalid_credentials: { status: 401, help: 'The login or password is wrong.' },
  session_expired: { status: 401, help: 'The session has expired; sign in again.' },
  csrf_failed: { status: 403, help: 'A cookie-authenticated write must send the X-CSRF-Token header from the session.' },
  forbidden: { status: 403, help: 'Your role does not allow this action.' },
  not_found: { status: 404, help: 'The record does not exist or is outside your scope.' },
  route_not_found: { status: 404, help: 'No such API endpoint.' },
  method_not_allowed: { status: 405, help: 'The endpoint exists but not with this HTTP method.' },
  version_conflict: { status: 409, help: 'Someone changed the record since you read it; details carries the current record.' },
  already_exists: { status: 409, help: 'A record with this unique value already exists.' },
  in_use: { status: 409, help: 'The record is referenced by other records and cannot be deleted.' },
  invalid_state: { status: 409, help: 'The action is not allowed in the record\'s current status.' },
  invoice_has_payments: { status: 409, help: 'The invoice has payments allocated; release them first or pass releasePayments=true.' },
  allocation_exceeds: { status: 422, help: 'An allocation is larger than the invoice\'s remaining amount or the payment\'s unallocated amount.' },
  currency_mismatch: { status: 422, help: 'Amounts in different currencies cannot be combined.' },
  reference_invalid: { status: 422, help: 'A referenced record (client, product, …) does not exist or is outside your scope.' },
  invalid_file: { status: 422, help: 'The uploaded file is not usable: not a zip/.docx, damaged, or too large when unpacked (a zip bomb); details says why.' },
  template_invalid: { status: 422, help: 'The template has broken tags or names unknown fields; details lists each tag, where it is and why. It was not saved.' },
  pdf_unavailable: { status: 501, help: 'PDF needs LibreOffice (soffice) on the server, and it is not installed.' },
  pdf_failed: { status: 503, help: 'LibreOffice could not convert the document in time; try again or download the .docx.' },
  payload_too_large: { status: 413, help: 'The request body is larger than the server accepts.' },
  import_file_corrupt: { status: 422, help: 'The file is not a readable spreadsheet, CSV or vCard file (for example, a damaged .xlsx).' },
  import_zip_bomb: { status: 422, help: 'The .xlsx file would unpack to too many parts or too much data to be read safely.' },
  import_cell_too_large: { status: 422, help: 'A cell holds more text than a spreadsheet cell can (32,767 characters).' },
  import_not_text: { status: 422, help: 'The file given as CSV or text holds binary data, not text.' },
  import_empty: { status: 422, help: 'The file has no rows to import.' },
  unsupported_media_type: { status: 415, help: 'Send the body as application/json (or the documented media type).' },
  rate_limited: { status: 429, help: 'Too many attempts; wait for the time in Retry-After.' },
  not_supported: { status: 501, help: 'The operation is not available with this configuration (for example, on this database).' },
  internal: { status: 500, help: 'An unexpected error; it was logged with a reference the administrator can look up.' },
} as const satisfies Record<string, { status: number; help: string }>;

export type ErrorCode = keyof typeof errorCodes;
