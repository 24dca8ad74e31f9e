import type { EscapeChar } from '../parse/directives.ts';

/**
 * Writing values so that BuildKit reads back exactly what was meant: for instructions it expands
 * (COPY, ADD, ENV, LABEL, WORKDIR, USER, VOLUME, ARG...), the escape character, `$` and quotes are
 * escaped; exec-form JSON for the ones it does not expand (CMD, ENTRYPOINT, SHELL).
 */
export class DockerfileWriter {
  private readonly lines: string[] = [];

  constructor(readonly escape: EscapeChar) {}

  /** A bare word whose expansion is `value` (no whitespace allowed). */
  word(value: string): string {
    let out = '';
    for (const c of value) out += c === this.escape || c === '$' || c === '"' || c === "'" ? this.escape + c : c;
    return out;
  }

  /** A double-quoted word whose expansion is `value` (whitespace allowed). */
  quoted(value: string): string {
    let out = '"';
    for (const c of value) out += c === this.escape || c === '$' || c === '"' ? this.escape + c : c;
    return out + '"';
  }

  /** `word` when it needs no quotes, else `quoted`. */
  value(value: string): string {
    return /^[A-Za-z0-9_./:@%+,=-]+$/.test(value) ? value : this.quoted(value);
  }

  /** JSON array for exec form; `expanded` when BuildKit expands the elements (COPY, VOLUME). */
  json(values: string[], expanded = false): string {
    return `[${values.map((v) => JSON.stringify(expanded ? this.word(v) : v)).join(', ')}]`;
  }

  /** Paths for COPY/ADD: JSON form when any has whitespace, which shell form would split. */
  paths(values: string[]): string {
    return values.some((v) => /\s/.test(v)) ? this.json(values, true) : values.map((v) => this.word(v)).join(' ');
  }

  line(text = ''): void {
    if (/[\r\n]/.test(text) && !text.includes('<<')) throw new Error(`a generated instruction spans lines: ${JSON.stringify(text)}`);
    this.lines.push(text);
  }

  /** Text copied from the original file as it was (a kept Linux stage's instructions). */
  verbatim(text: string): void {
    this.lines.push(text);
  }

  comment(text: string): void {
    for (const l of text.split('\n')) this.lines.push(l === '' ? '#' : `# ${l}`);
  }

  /** A RUN whose script is a quoted heredoc: BuildKit passes it to the shell untouched. */
  heredocRun(script: string[]): void {
    let tag = 'EOF';
    while (script.some((l) => l === tag)) tag += 'X';
    this.lines.push(`RUN <<'${tag}'`, ...script, tag);
  }

  text(): string {
    return this.lines.join('\n') + '\n';
  }
}
