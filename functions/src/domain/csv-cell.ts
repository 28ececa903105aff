/**
 * A cell value safe to open in a spreadsheet: a text starting with `=`, `+`, `-` or `@` (or a tab or
 * carriage return, which some spreadsheets skip before reading a formula) gets a leading `'`, so it is
 * shown as text instead of run as a formula (OWASP "CSV injection"). Quoting is csv-stringify's job.
 */
export function csvSafe(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
