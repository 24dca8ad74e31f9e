// Error messages and the shape of recognition exceptions.

import { EOF, type IParserErrorMessageProvider, type IToken } from 'chevrotain';

const TOKEN_TEXT: Record<string, string> = {
  LParen: "'('", RParen: "')'", LBrace: "'{'", RBrace: "'}'", LBracket: "'['", RBracket: "']'", Comma: "','",
  Semi: "';'", Equals: "'='", Variable: 'a variable', Word: 'a name', NewLine: 'a newline', DashIdent: 'a parameter',
};

export function describeToken(tok: IToken): string {
  return tok.tokenType === EOF ? 'end of input' : tok.tokenType.name === 'NewLine' ? 'end of line' : `'${tok.image}'`;
}

/** Short messages; Chevrotain's default ones list every viable token path. */
export const MESSAGES: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual }) => `Expected ${TOKEN_TEXT[expected.name] ?? expected.name} but found ${describeToken(actual)}.`,
  buildNotAllInputParsedMessage: ({ firstRedundant }) => `Unexpected ${describeToken(firstRedundant)}: the rest of the input was not parsed.`,
  buildNoViableAltMessage: ({ actual }) => `Unexpected ${describeToken(actual[0]!)}.`,
  buildEarlyExitMessage: ({ actual }) => `Unexpected ${describeToken(actual[0]!)}.`,
};

export interface RecognitionLike {
  name: string;
  message: string;
  token: IToken;
  previousToken: IToken;
  resyncedTokens: IToken[];
  context: unknown;
}

/** A recognition exception thrown by Chevrotain or by us (see raiseNoAltException). */
export function isRecognitionError(e: unknown): boolean {
  const name = (e as { name?: unknown } | null)?.name;
  return name === 'NoViableAltException' || name === 'EarlyExitException' || name === 'MismatchedTokenException' ||
    name === 'NotAllInputParsedException';
}
