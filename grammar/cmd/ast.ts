// AST of a cmd.exe command line (the body of a Dockerfile RUN instruction).
//
// Every node carries `start`/`end`: 0-based UTF-16 offsets into the parsed
// text, end exclusive. Nodes are plain JSON-serialisable objects.

export interface CmdSpan {
  start: number;
  end: number;
}

// ---------------------------------------------------------------- words

export type CmdVariableKind =
  /** `%NAME%` (also with `:~a,b` or `:x=y`), expanded before the line is parsed. */
  | 'env'
  /** `!NAME!`, only expanded when delayed expansion is on (not the default). */
  | 'delayed'
  /** `%i` / `%%i` / `%~nxi` inside the body of `for %i ...`. */
  | 'for'
  /** `%0`-`%9`, `%*`, `%~dp0`: batch-file arguments (literal text under `cmd /C`). */
  | 'argument';

export type CmdVariableModifier =
  /** `%VAR:~offset,length%` */
  | { type: 'substring'; offset: number; length: number | null }
  /** `%VAR:find=replacement%` (`find` may start with `*`) */
  | { type: 'replace'; find: string; replacement: string }
  /** `%~dp0`, `%~nxi`, `%~$PATH:i`: path modifiers of arguments and for variables */
  | { type: 'path'; flags: string; search: string | null };

export interface CmdLiteralPart extends CmdSpan {
  type: 'Literal';
  /** Text after quote removal and `^` unescaping. */
  value: string;
  /** Source offset of every character of `value`, plus one entry for its end. */
  offsets: number[];
  /** Whether the text was inside double quotes. */
  quoted: boolean;
}

export interface CmdVariablePart extends CmdSpan {
  type: 'Variable';
  /** Source text of the reference, e.g. `%PATH:~0,5%`. Appears verbatim in the word value. */
  raw: string;
  kind: CmdVariableKind;
  /** Variable name (`PATH`), for-variable letter (`i`) or argument (`0`, `*`). */
  name: string;
  modifier: CmdVariableModifier | null;
  quoted: boolean;
}

export type CmdWordPart = CmdLiteralPart | CmdVariablePart;

/**
 * A run of command-line text: one argument, a command name, or a raw text
 * region such as the value of `set` or the text of `echo`.
 */
export interface CmdWord extends CmdSpan {
  type: 'Word';
  /** Exact source slice, quotes and carets included (what cmd hands on). */
  raw: string;
  /**
   * Text after cmd's quote handling: double quotes that toggle quoting are
   * removed, `^x` outside quotes becomes `x`. Variable references stay as
   * written (`%TEMP%\x`); they are not expanded.
   */
  value: string;
  /**
   * `offsets[i]` is the source offset of `value[i]`; the last entry
   * (`offsets[value.length]`) is the offset just after the last character
   * taken into the value. Use sourceRange() in words.ts to map a value range.
   */
  offsets: number[];
  parts: CmdWordPart[];
  /** Whether any part of the word is double-quoted. */
  quoted: boolean;
}

// ---------------------------------------------------------------- redirections

export interface CmdRedirection extends CmdSpan {
  type: 'Redirection';
  /** `>&` / `<&` duplicate a handle (`2>&1`); the others open a file. */
  operator: '>' | '>>' | '<' | '>&' | '<&';
  /** Handle being redirected: explicit digit, else 1 for output and 0 for input. */
  handle: number;
  /** File name, or the handle number of `>&`; null when missing (a syntax error). */
  target: CmdWord | null;
}

// ---------------------------------------------------------------- commands

interface CmdCommandCommon extends CmdSpan {
  /** Prefixed with `@` (echo suppression). The node's span includes the `@`. */
  quiet: boolean;
}

/** Internal commands of cmd.exe that the grammar knows by name. */
export type CmdBuiltinName =
  | 'assoc' | 'break' | 'call' | 'cd' | 'chdir' | 'cls' | 'color' | 'copy' | 'date' | 'del' | 'dir'
  | 'dpath' | 'echo' | 'endlocal' | 'erase' | 'exit' | 'ftype' | 'goto' | 'keys' | 'md' | 'mkdir'
  | 'mklink' | 'move' | 'path' | 'pause' | 'popd' | 'prompt' | 'pushd' | 'rd' | 'ren' | 'rename'
  | 'rmdir' | 'set' | 'setlocal' | 'shift' | 'start' | 'time' | 'title' | 'type' | 'ver' | 'verify'
  | 'vol';

interface CmdInvocationCommon extends CmdCommandCommon {
  /** Command name as written; `name.value` is unquoted (`C:\Program Files\x.exe`). */
  name: CmdWord;
  /** Arguments split at unquoted whitespace, redirections excluded. */
  args: CmdWord[];
  redirections: CmdRedirection[];
  /** Lower-case internal command name, or null for an external program. */
  builtin: CmdBuiltinName | null;
}

/** Any command that runs a program or an internal command not modelled below. */
export interface CmdSimpleCommand extends CmdInvocationCommon {
  type: 'SimpleCommand';
}

/** `echo text`, `echo.`, `echo on|off`. */
export interface CmdEcho extends CmdInvocationCommon {
  type: 'Echo';
  mode: 'text' | 'on' | 'off' | 'status';
  /**
   * Exactly what echo prints (without the line break): the raw argument text,
   * quotes kept, carets removed, redirections cut out. Trailing spaces before
   * a redirection are kept, as cmd does.
   */
  text: string;
}

/** `set NAME=value`, `set "NAME=value"`, `set /a expr`, `set /p NAME=prompt`, `set [prefix]`. */
export interface CmdSet extends CmdInvocationCommon {
  type: 'Set';
  mode: 'assign' | 'arithmetic' | 'prompt' | 'display';
  /** Quoted form `set "NAME=value"`: text after the last quote is ignored. */
  quotedForm: boolean;
  /** Variable name (assign / prompt), or the prefix for display; null for /a. */
  variable: CmdWord | null;
  /**
   * Source region of the value (assign), prompt text (prompt) or expression
   * (arithmetic). Its `value` strips quotes; see `assignedValue` for cmd's view.
   */
  value: CmdWord | null;
  /** The string cmd stores for `assign` (quotes kept, carets removed). */
  assignedValue: string | null;
}

export interface CmdCall extends CmdInvocationCommon {
  type: 'Call';
  /** `call :label args`. */
  label: CmdWord | null;
  /** `call program args`: the called command built from the same words. */
  command: CmdInvocation | null;
}

export interface CmdStart extends CmdInvocationCommon {
  type: 'Start';
  /** `/wait`, `/b`, `/min`, `/d path` ... in order, values included. */
  options: CmdWord[];
  /** The first quoted argument before the program, which start takes as title. */
  title: CmdWord | null;
  wait: boolean;
  /** The started program with its arguments. */
  command: CmdInvocation | null;
}

export type CmdInvocation = CmdSimpleCommand | CmdEcho | CmdSet | CmdCall | CmdStart;

export type CmdCompareOperator = '==' | 'EQU' | 'NEQ' | 'LSS' | 'LEQ' | 'GTR' | 'GEQ';

export interface CmdUnaryCondition extends CmdSpan {
  type: 'Condition';
  kind: 'exist' | 'defined' | 'errorlevel' | 'cmdextversion';
  operand: CmdWord | null;
}

export interface CmdCompareCondition extends CmdSpan {
  type: 'Condition';
  kind: 'compare';
  /** null when missing (a syntax error). */
  operator: CmdCompareOperator | null;
  left: CmdWord;
  right: CmdWord | null;
}

export type CmdCondition = CmdUnaryCondition | CmdCompareCondition;

export interface CmdIf extends CmdCommandCommon {
  type: 'If';
  /** `/i` */
  caseInsensitive: boolean;
  /** `not` */
  negated: boolean;
  condition: CmdCondition | null;
  /**
   * Runs when the condition holds. Like cmd, the body extends to the end of
   * the line (or enclosing group): `if x a & b` runs both a and b only if x.
   */
  then: CmdStatement | null;
  /** `else` is only recognised right after a parenthesised `then` body. */
  else: CmdStatement | null;
}

export interface CmdForVariable extends CmdSpan {
  type: 'ForVariable';
  /** `%i` or `%%i` */
  raw: string;
  /** The letter, case-sensitive. */
  name: string;
}

export interface CmdForSet extends CmdSpan {
  type: 'ForSet';
  /** Text between the parentheses. For `/f` it may be a 'command' or "string". */
  raw: string;
  /** Items split at whitespace, commas and semicolons outside quotes. */
  items: CmdWord[];
}

export interface CmdFor extends CmdCommandCommon {
  type: 'For';
  /** Set by the switch: none, `/d`, `/r`, `/l`, `/f`. */
  kind: 'files' | 'directories' | 'recursive' | 'range' | 'parse';
  /** The switches as written (`/f`, `/r`). */
  switches: CmdWord[];
  /** `/r [root]`: the directory to walk. */
  root: CmdWord | null;
  /** `/f ["options"]`: the parsing options string. */
  parseOptions: CmdWord | null;
  variable: CmdForVariable | null;
  set: CmdForSet | null;
  /** Loop body; like `if`, it extends to the end of the line or group. */
  body: CmdStatement | null;
}

export interface CmdGroup extends CmdCommandCommon {
  type: 'Group';
  body: CmdStatement[];
  redirections: CmdRedirection[];
  /** False when the closing parenthesis is missing (a syntax error). */
  closed: boolean;
}

/** `rem comment`: the rest of the line is ignored, operators included. */
export interface CmdRem extends CmdCommandCommon {
  type: 'Rem';
  text: string;
}

/** `:label` line (or a `::` comment); the rest of the line is ignored. */
export interface CmdLabel extends CmdCommandCommon {
  type: 'Label';
  name: string;
  /** The whole line after the colon. */
  text: string;
}

/** Source that could not be parsed; an entry in `errors` describes why. */
export interface CmdError extends CmdCommandCommon {
  type: 'Error';
  message: string;
  raw: string;
}

export type CmdCommand = CmdInvocation | CmdIf | CmdFor | CmdGroup | CmdRem | CmdLabel | CmdError;

// ---------------------------------------------------------------- structure

export type CmdChainOperatorValue = '&' | '||' | '&&';

export interface CmdOperator extends CmdSpan {
  type: 'Operator';
  value: CmdChainOperatorValue | '|';
}

/**
 * Commands linked by one operator. cmd's precedence, loosest first, is
 * `&` < `||` < `&&` < `|`, so `a && b || c & d` is
 * Chain(&)[ Chain(||)[ Chain(&&)[a, b], c ], d ].
 * `operators[i]` sits between `items[i]` and `items[i + 1]` (a trailing `&`
 * is allowed by cmd and adds one operator without an item).
 */
export interface CmdChain extends CmdSpan {
  type: 'Chain';
  operator: CmdChainOperatorValue;
  items: CmdStatement[];
  operators: CmdOperator[];
}

/** `a | b | c` */
export interface CmdPipeline extends CmdSpan {
  type: 'Pipeline';
  commands: CmdCommand[];
  operators: CmdOperator[];
}

/** A chain, a pipeline or a single command (single-item levels are collapsed). */
export type CmdStatement = CmdChain | CmdPipeline | CmdCommand;

export interface CmdScript extends CmdSpan {
  type: 'Script';
  /** One statement per line (a RUN body normally has exactly one). */
  body: CmdStatement[];
}

export type CmdNode =
  | CmdScript
  | CmdStatement
  | CmdCondition
  | CmdForVariable
  | CmdForSet
  | CmdRedirection
  | CmdWord
  | CmdWordPart
  | CmdOperator;
