import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ErrorObject } from 'ajv';
import { validateConfig } from '../generated/config-validator.js';
import type { CatalogImage } from '../model/catalog.ts';
import type { Severity, Target } from '../rules/types.ts';

export interface Config {
  target?: Target;
  craneVersion?: string;
  windowsVersions?: string[];
  failureThreshold?: Severity | 'none';
  severity?: Record<string, Severity | 'off'>;
  ignore?: string[];
  inlineIgnores?: boolean;
  requireReason?: boolean;
  buildArgs?: Record<string, string>;
  catalog?: { images?: CatalogImage[]; imageMap?: Record<string, string> };
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

const NAMES = ['.winfile.yaml', '.winfile.yml'];

/** One readable line for the first schema violation, naming the key and the allowed values. */
export function describeSchemaError(e: ErrorObject): string {
  const path = e.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(top level)';
  switch (e.keyword) {
    case 'additionalProperties':
      return `unknown key "${(e.params as { additionalProperty: string }).additionalProperty}"${path === '(top level)' ? '' : ` in ${path}`}`;
    case 'enum':
      return `${path}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'propertyNames':
      return `${path}: key "${(e.params as { propertyName: string }).propertyName}" is not a rule id (WFnnn)`;
    case 'pattern':
      return `${path}: ${JSON.stringify(e.data)} does not match ${(e.params as { pattern: string }).pattern}`;
    default:
      return `${path}: ${e.message ?? 'is invalid'}`;
  }
}

function pickError(errors: ErrorObject[]): ErrorObject {
  // A failed propertyNames check is followed by a vaguer error for the same key.
  return errors.find((e) => e.keyword === 'propertyNames') ?? errors.find((e) => e.keyword !== 'if') ?? (errors[0] as ErrorObject);
}

/** Parses and validates a config file; every problem is a ConfigError naming the file. */
export async function loadConfig(file: string): Promise<Config> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, `cannot read: ${(err as Error).message}`);
  }
  const { parseDocument } = await import('yaml');
  const doc = parseDocument(text, { prettyErrors: true });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const pos = yamlError.linePos?.[0];
    // The pretty message appends the position and a code frame; keep the first sentence only.
    const reason = (yamlError.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigError(file, `invalid YAML${pos ? ` at line ${pos.line}, column ${pos.col}` : ''}: ${reason}`);
  }
  const data: unknown = doc.toJS() ?? {};
  if (!validateConfig(data)) throw new ConfigError(file, describeSchemaError(pickError(validateConfig.errors ?? [])));
  return data as Config;
}

const found = new Map<string, string | undefined>();

/** The nearest .winfile.yaml at or above `dir`. */
export function findConfig(dir: string): string | undefined {
  const start = resolve(dir);
  const seen: string[] = [];
  let current = start;
  let result: string | undefined;
  for (;;) {
    if (found.has(current)) {
      result = found.get(current);
      break;
    }
    seen.push(current);
    const hit = NAMES.map((n) => join(current, n)).find((p) => existsSync(p));
    if (hit) {
      result = hit;
      break;
    }
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const d of seen) found.set(d, result);
  return result;
}
