/**
 * Code-unit order. `localeCompare` loads ICU collation data on first use (about 10 ms of a
 * 70 ms run), and rule ids and build numbers need no locale.
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
