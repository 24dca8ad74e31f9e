import type { Directive, EscapeChar } from '../parse/directives.ts';
import type { MappedText, ScannedLine } from '../parse/scanner.ts';
import type { Range, SourceText } from '../parse/source.ts';
import type { CatalogMatch, Shell } from './catalog.ts';
import type { ImageRef } from './image-ref.ts';

export type StageOS = 'windows' | 'linux' | 'unknown';
export type Form = 'exec' | 'shell' | 'heredoc' | 'none';

export interface Flag {
  name: string;
  /** Value as written (BuildKit expands some flags, e.g. --from, at build time). */
  value: string | undefined;
  range: Range;
}

/** One argument: BuildKit's parsed value and, where BuildKit expands words, the expansion. */
export interface Arg {
  /** As BuildKit's parser leaves it (quotes and escapes kept, except in JSON form). */
  raw: string;
  /** After BuildKit's word expansion with the file's escape character, where it applies. */
  value: string;
  range: Range;
  /** Variables referenced but not set (their build-time value is unknown). */
  unset: string[];
}

export interface Heredoc {
  name: string;
  chomp: boolean;
  expand: boolean;
  content: string;
  contentRange: Range;
  /** Body text with file offsets, for the shell grammars. */
  body: MappedText;
}

export interface Instruction {
  /** Position in file order. */
  index: number;
  /** Upper-cased keyword. */
  keyword: string;
  known: boolean;
  range: Range;
  keywordRange: Range;
  /** The text after the keyword and flags. */
  argsRange: Range;
  form: Form;
  flags: Flag[];
  args: Arg[];
  /** The logical line (continuations joined, comment lines dropped) with file offsets. */
  line: MappedText;
  /** The argument text (after flags) with file offsets; for RUN this is what the shell gets. */
  rest: MappedText;
  heredocs: Heredoc[];
  /** Undefined for instructions before the first FROM. */
  stage: Stage | undefined;
  /** The SHELL in effect (an OS default unless a SHELL instruction set it). */
  shell: string[];
  /** Contiguous comment lines directly above the instruction. */
  comments: { text: string; line: number }[];
  /** ONBUILD's trigger. */
  trigger?: Instruction;
  emptyContinuationLines: number[];
  /** For RUN: the ENV and ARG values the process gets as environment variables. */
  env?: ReadonlyMap<string, string>;
}

export interface OsEvidence {
  os: StageOS;
  kind: 'platform' | 'catalog' | 'parent-stage' | 'marker' | 'config' | 'target-platform';
  detail: string;
  range?: Range;
}

export interface Stage {
  index: number;
  /** Lower-cased `AS` name, as BuildKit compares them. */
  name?: string;
  from: Instruction;
  /** The image as written in FROM. */
  imageText: string;
  /** After expanding ARGs (defaults and --build-arg values). */
  image: string;
  imageRange: Range;
  imageUnset: string[];
  ref?: ImageRef;
  platform?: { raw: string; value: string };
  /** The earlier stage this one builds on (`FROM <stage>`). */
  parent?: Stage;
  catalog?: CatalogMatch;
  os: StageOS;
  evidence: OsEvidence[];
  instructions: Instruction[];
  /** Shells available in the image, when the catalog knows. */
  shells?: Shell[];
  /** The user the base image runs as, when known. */
  baseUser?: string;
}

export interface ParseProblem {
  message: string;
  range: Range;
}

export interface DockerfileModel {
  path: string;
  source: SourceText;
  escape: EscapeChar;
  directives: Directive[];
  /**
   * BuildKit's logical lines, also when BuildKit rejects the file (rules that explain a broken
   * continuation need them exactly then).
   */
  lines: ScannedLine[];
  /** ARG instructions before the first FROM. */
  globalArgs: Instruction[];
  stages: Stage[];
  instructions: Instruction[];
  /** Reasons BuildKit's parser rejects the file; when present nothing else is reliable. */
  errors: ParseProblem[];
  /** Variable substitutions BuildKit would fail on (bad syntax, `${X:?}` on an unset X). */
  expansionProblems: ParseProblem[];
  buildArgs: Record<string, string>;
}
