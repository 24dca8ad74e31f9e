/**
 * `base`, else `base-2`, `base-3`...: the first name not in `taken`, which is then added. Stage and
 * ARG names compare case-insensitively, so `taken` holds lower-case names.
 */
export function uniqueName(base: string, taken: Set<string>): string {
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base}-${i}`;
  taken.add(name.toLowerCase());
  return name;
}
