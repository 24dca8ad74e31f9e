// Context-dependent scanner for cmd.exe command lines.
//
// Why not a Chevrotain Lexer: cmd decides what a character means from where
// it stands. `(` opens a block only where a command may start, `)` closes one
// only while a block is open, everything after `rem` is a comment, `==` is
// an operator only inside an `if` condition, `in (...)` and `do` only inside a
// `for` header. Chevrotain lexer modes could express part of this, but the
// mode switches depend on how many blocks are open and which command a word
// starts, which is state a regex-driven lexer does not keep. So this file is a
// small hand-written state machine - the same split cmd.exe itself makes
// between its tokeniser and its command parser - that emits Chevrotain token
// instances, and parser.ts is an ordinary Chevrotain grammar over them.
//
// The scanner also enforces the nesting limit: a block, `if` or `for` deeper
// than MAX_NESTING becomes one TooDeep token, so the recursive-descent parser
// can never exhaust the call stack.
import type { IToken, TokenType } from 'chevrotain';
import * as T from './tokens.ts';
import {
  AMP, AT, COLON, COMMA, CR, EQ, GT, LF, LPAREN, LT, PIPE, RPAREN, SEMI,
  isBlank, isDigit, regionEnd, skipBlanks, wordEnd,
} from './chars.ts';

/** Deepest nesting of blocks, `if` and `for` bodies that is parsed. */
export const MAX_NESTING = 64;

export interface ScanError {
  message: string;
  start: number;
  end: number;
}

export interface ScanResult {
  tokens: IToken[];
  errors: ScanError[];
}

// What the scanner expects next:
//   command  - a command may start: `(`, `@`, `:label`, keywords are special
//   args     - arguments of a simple command (or text after a block)
//   ifCond   - inside `if ... <condition>`
//   forHeader- inside `for ... %%i in (...) do`, outside the parentheses
//   forSet   - inside the parentheses of a `for` set
type Mode = 'command' | 'args' | 'ifCond' | 'forHeader' | 'forSet';
type IfStage = 'start' | 'operand' | 'left' | 'right';
type ForStage = 'options' | 'in' | 'do';
// Open constructs: parenthesised blocks, and `if`/`for` bodies, which run to
// the end of the line or of the enclosing block.
type Frame = 'group' | 'ifGroup' | 'body';

const COMPARE_OPS = new Set(['equ', 'neq', 'lss', 'leq', 'gtr', 'geq']);
const UNARY_CONDITIONS: Record<string, TokenType> = {
  exist: T.KwExist,
  defined: T.KwDefined,
  errorlevel: T.KwErrorlevel,
  cmdextversion: T.KwCmdExtVersion,
};
const FOR_SWITCH = /^\/[a-z]$/i;
const FOR_VARIABLE = /^%%?[^%\s"]$/;
const KW_IN = /in(?=[\s(]|$)/iy;
const KW_DO = /do(?=[\s(]|$)/iy;
const KW_ELSE = /else(?=[\s(&|<>]|$)/iy;

/** Payload of a command's first token when the command is prefixed by `@`. */
export interface QuietPayload {
  quietStart: number;
}

// Tokens that can start a command and so can carry an `@` prefix.
const COMMAND_START: ReadonlySet<TokenType> = new Set([
  T.Word,
  T.Redirect,
  T.RedirectDup,
  T.LParen,
  T.KwIf,
  T.KwFor,
  T.KwRem,
  T.Label,
  T.TooDeep,
]);

export function scan(text: string): ScanResult {
  return new Scanner(text).run();
}

class Scanner {
  private readonly text: string;
  private pos = 0;
  private readonly tokens: IToken[] = [];
  private readonly errors: ScanError[] = [];
  private mode: Mode = 'command';
  private ifStage: IfStage = 'start';
  private forStage: ForStage = 'options';
  private readonly frames: Frame[] = [];
  private groups = 0;
  // The next block opened at command position is an `if` body, after whose
  // `)` an `else` may follow.
  private pendingIfBody = false;
  // The next word is the file of a redirection, not a command or keyword.
  private redirectTarget = false;
  // Offset of a pending `@` prefix, or -1.
  private quietStart = -1;

  constructor(text: string) {
    this.text = text;
  }

  run(): ScanResult {
    const t = this.text;
    const n = t.length;
    while (this.pos < n) {
      const c = t.charCodeAt(this.pos);
      if (isBlank(c)) {
        this.pos++;
        continue;
      }
      if (c === LF) {
        if (this.mode === 'forSet') this.pos++;
        else this.endLine();
        continue;
      }
      if (c === AMP || c === PIPE) {
        this.operator(c);
        continue;
      }
      const next = t.charCodeAt(this.pos + 1);
      if (c === LT || c === GT || (isDigit(c) && (next === LT || next === GT))) {
        this.redirect();
        continue;
      }
      if (c === RPAREN) {
        if (this.mode === 'forSet') {
          this.emit(T.RParen, this.pos, this.pos + 1);
          this.mode = 'forHeader';
          this.forStage = 'do';
          continue;
        }
        if (this.groups > 0) {
          this.closeGroup();
          continue;
        }
      }
      if (!this.redirectTarget && this.special(c)) continue;
      this.word();
    }
    this.dropQuiet();
    return { tokens: this.tokens, errors: this.errors };
  }

  // Characters whose meaning depends on the mode; true when handled.
  private special(c: number): boolean {
    switch (this.mode) {
      case 'command':
        if (c === LPAREN) {
          this.openGroup();
          return true;
        }
        if (c === AT) {
          // `@` only matters to the command it prefixes: it rides on that
          // command's first token (see emit) instead of being a grammar token.
          if (this.quietStart < 0) this.quietStart = this.pos;
          this.pos++;
          return true;
        }
        if (c === COLON) {
          this.restOfLine(T.Label, this.pos);
          return true;
        }
        // cmd ignores these delimiters in front of a command.
        if (c === COMMA || c === SEMI || c === EQ) {
          this.pos++;
          return true;
        }
        return false;
      case 'ifCond':
        if (c === EQ) {
          if (this.text.charCodeAt(this.pos + 1) === EQ) {
            this.emit(T.EqEq, this.pos, this.pos + 2);
            this.ifStage = 'right';
          } else {
            this.pos++;
          }
          return true;
        }
        if (c === COMMA || c === SEMI) {
          this.pos++;
          return true;
        }
        return false;
      case 'forHeader':
        return this.forHeader(c);
      case 'forSet':
        if (c === COMMA || c === SEMI || c === EQ) {
          this.pos++;
          return true;
        }
        return false;
      default:
        return false;
    }
  }

  private forHeader(c: number): boolean {
    if (c === LPAREN) {
      this.emit(T.LParen, this.pos, this.pos + 1);
      this.mode = 'forSet';
      return true;
    }
    if (this.forStage !== 'do' && this.keyword(KW_IN, T.KwIn)) {
      this.forStage = 'options';
      return true;
    }
    if (this.forStage === 'do') {
      // Without `do` what follows is still read as the body; the parser
      // reports the missing keyword.
      this.keyword(KW_DO, T.KwDo);
      this.mode = 'command';
      this.forStage = 'options';
      return true;
    }
    return false;
  }

  private keyword(re: RegExp, type: TokenType): boolean {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (!m) return false;
    this.emit(type, this.pos, this.pos + m[0].length);
    return true;
  }

  private word(): void {
    const start = this.pos;
    let end = this.scanWord(start);
    if (end === start) end = start + 1; // unreachable in practice; guarantees progress
    if (this.redirectTarget) {
      this.redirectTarget = false;
      this.emit(T.Word, start, end);
      return;
    }
    const lower = end - start <= 13 ? this.text.slice(start, end).toLowerCase() : '';
    switch (this.mode) {
      case 'command':
        this.pendingIfBody = false;
        if (lower === 'rem') {
          this.emit(T.KwRem, start, end);
          this.restOfLine(T.RemText, skipBlanks(this.text, this.pos));
        } else if (lower === 'if') {
          if (this.push('body', start)) {
            this.emit(T.KwIf, start, end);
            this.mode = 'ifCond';
            this.ifStage = 'start';
          }
        } else if (lower === 'for') {
          if (this.push('body', start)) {
            this.emit(T.KwFor, start, end);
            this.mode = 'forHeader';
            this.forStage = 'options';
          }
        } else {
          this.emit(T.Word, start, end);
          this.mode = 'args';
        }
        return;
      case 'ifCond':
        this.ifWord(start, end, lower);
        return;
      case 'forHeader':
        this.forWord(start, end);
        return;
      default:
        this.emit(T.Word, start, end);
    }
  }

  private ifWord(start: number, end: number, lower: string): void {
    switch (this.ifStage) {
      case 'start': {
        const unary = UNARY_CONDITIONS[lower];
        if (lower === '/i') this.emit(T.IfSwitch, start, end);
        else if (lower === 'not') this.emit(T.KwNot, start, end);
        else if (unary) {
          this.emit(unary, start, end);
          this.ifStage = 'operand';
        } else {
          this.emit(T.Word, start, end);
          this.ifStage = 'left';
        }
        return;
      }
      case 'left':
        if (COMPARE_OPS.has(lower)) {
          this.emit(T.CompareOp, start, end);
          this.ifStage = 'right';
          return;
        }
        break;
      default:
        break;
    }
    // The operand that completes the condition (or, when the operator is
    // missing, the word standing in its place): the body comes next.
    this.emit(T.Word, start, end);
    this.mode = 'command';
    this.pendingIfBody = true;
  }

  private forWord(start: number, end: number): void {
    const image = this.text.slice(start, Math.min(end, start + 4));
    if (this.forStage === 'options' && end - start === 2 && FOR_SWITCH.test(image)) {
      this.emit(T.ForOption, start, end);
    } else if (this.forStage === 'options' && end - start <= 3 && FOR_VARIABLE.test(image)) {
      this.emit(T.ForVariable, start, end);
      this.forStage = 'in';
    } else {
      this.emit(T.ForParam, start, end);
    }
  }

  private scanWord(start: number): number {
    const inSet = this.mode === 'forSet';
    return wordEnd(this.text, start, {
      stopAtEquals: this.mode === 'ifCond' && !this.redirectTarget,
      stopAtListDelimiters: inSet,
      stopAtParen: this.groups > 0 || inSet,
    });
  }

  private operator(c: number): void {
    const start = this.pos;
    const double = this.text.charCodeAt(start + 1) === c;
    const type = c === AMP ? (double ? T.AndAnd : T.Amp) : double ? T.OrOr : T.Pipe;
    this.emit(type, start, start + (double ? 2 : 1));
    this.mode = 'command';
    this.pendingIfBody = false;
    this.redirectTarget = false;
  }

  private redirect(): void {
    const t = this.text;
    const start = this.pos;
    let i = start;
    if (isDigit(t.charCodeAt(i))) i++;
    i += t.charCodeAt(i) === GT && t.charCodeAt(i + 1) === GT ? 2 : 1;
    if (t.charCodeAt(i) === AMP && isDigit(t.charCodeAt(i + 1))) {
      this.emit(T.RedirectDup, start, i + 2);
      return;
    }
    this.emit(T.Redirect, start, i);
    this.redirectTarget = true;
  }

  private openGroup(): void {
    const start = this.pos;
    if (!this.push(this.pendingIfBody ? 'ifGroup' : 'group', start)) return;
    this.groups++;
    this.pendingIfBody = false;
    this.emit(T.LParen, start, start + 1);
  }

  private closeGroup(): void {
    while (this.frames[this.frames.length - 1] === 'body') this.frames.pop();
    const kind = this.frames.pop();
    this.groups--;
    this.emit(T.RParen, this.pos, this.pos + 1);
    this.mode = 'args';
    this.pendingIfBody = false;
    this.redirectTarget = false;
    if (kind !== 'ifGroup') return;
    // `else` belongs to the `if` only when it follows the body's `)` on the same line.
    const save = this.pos;
    this.pos = skipBlanks(this.text, this.pos);
    if (this.keyword(KW_ELSE, T.KwElse)) this.mode = 'command';
    else this.pos = save;
  }

  private endLine(): void {
    this.emit(T.Newline, this.pos, this.pos + 1);
    while (this.frames[this.frames.length - 1] === 'body') this.frames.pop();
    this.mode = 'command';
    this.pendingIfBody = false;
    this.redirectTarget = false;
  }

  // Opens a frame, or replaces the whole construct by a TooDeep token.
  private push(frame: Frame, start: number): boolean {
    if (this.frames.length < MAX_NESTING) {
      this.frames.push(frame);
      return true;
    }
    const end = regionEnd(this.text, start, frame !== 'body', this.groups > 0);
    this.emit(T.TooDeep, start, end);
    this.errors.push({ message: `Nesting deeper than ${MAX_NESTING} levels is not supported`, start, end });
    this.mode = 'args';
    this.pendingIfBody = false;
    return false;
  }

  // A token running to the end of the line (line break and CR excluded).
  private restOfLine(type: TokenType, start: number): void {
    const t = this.text;
    let end = t.indexOf('\n', start);
    if (end < 0) end = t.length;
    this.pos = end;
    while (end > start && t.charCodeAt(end - 1) === CR) end--;
    if (end > start) this.emit(type, start, end);
  }

  private emit(type: TokenType, start: number, end: number): void {
    // Offsets only, the shape Chevrotain's lexer gives with position tracking `onlyOffset`: lines
    // and columns come from the Dockerfile's own map, and a long script has a token per word.
    const token: IToken = { image: this.text.slice(start, end), startOffset: start, endOffset: end - 1, tokenTypeIdx: type.tokenTypeIdx as number, tokenType: type, payload: undefined };
    if (this.quietStart >= 0) {
      if (COMMAND_START.has(type)) {
        const payload: QuietPayload = { quietStart: this.quietStart };
        token.payload = payload;
        this.quietStart = -1;
      } else {
        this.dropQuiet();
      }
    }
    this.tokens.push(token);
    this.pos = end;
  }

  private dropQuiet(): void {
    if (this.quietStart < 0) return;
    const at = this.quietStart;
    this.quietStart = -1;
    this.errors.push({ message: "Expected a command after '@'", start: at, end: at + 1 });
  }
}
