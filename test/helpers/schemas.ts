import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export const SHARED = join(import.meta.dirname, '../../../shared');
export const SARIF_SCHEMA = join(SHARED, 'schemas/sarif-2.1.0.schema.json');
export const HAVE_SARIF_SCHEMA = existsSync(SARIF_SCHEMA);

/** The same setup as ../shared/schemas/validate.mjs: Ajv2020, strict off, all errors, ajv-formats. */
export function sarifValidator() {
  const ajv = new Ajv2020.default({ strict: false, allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')));
}
