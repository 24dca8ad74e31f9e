// Turns the data in rules/ (rule metadata, image and version catalogs, config schema) into
// modules the CLI loads without parsing YAML or compiling JSON Schemas at start-up.
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rulesDir = join(root, 'rules');
const outDir = join(root, 'src/generated');

const schema = (name) => JSON.parse(readFileSync(join(rulesDir, 'schema', name), 'utf8'));

function loadYaml(file) {
  const doc = parse(readFileSync(file, 'utf8'), { prettyErrors: true });
  return doc;
}

function check(validate, data, file) {
  if (validate(data)) return;
  for (const e of validate.errors) console.error(`${file}: ${e.instancePath || '/'} ${e.message}`);
  process.exitCode = 1;
}

function writeIfChanged(file, text) {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return;
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

export function generate() {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
  const ruleSchema = ajv.compile(schema('rule.schema.json'));
  const catalogSchema = ajv.compile(schema('catalog.schema.json'));
  const versionsSchema = ajv.compile(schema('windows-versions.schema.json'));

  const rules = [];
  for (const name of readdirSync(rulesDir).filter((f) => /^WF\d{3}\.yaml$/.test(f)).sort()) {
    const file = join(rulesDir, name);
    const rule = loadYaml(file);
    check(ruleSchema, rule, `rules/${name}`);
    if (rule && rule.id !== name.replace('.yaml', '')) {
      console.error(`rules/${name}: id ${rule.id} does not match the file name`);
      process.exitCode = 1;
    }
    rules.push(rule);
  }
  const images = loadYaml(join(rulesDir, 'catalog/images.yaml'));
  check(catalogSchema, images, 'rules/catalog/images.yaml');
  const versions = loadYaml(join(rulesDir, 'catalog/windows-versions.yaml'));
  check(versionsSchema, versions, 'rules/catalog/windows-versions.yaml');
  if (process.exitCode) return false;

  mkdirSync(outDir, { recursive: true });
  writeIfChanged(join(outDir, 'rules.json'), JSON.stringify(rules, null, 1) + '\n');
  writeIfChanged(join(outDir, 'catalog.json'), JSON.stringify({ ...images, windows: versions }, null, 1) + '\n');

  // Precompiled so that loading a config file never compiles a schema at run time.
  const cajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, code: { source: true, esm: true } });
  cajv.addSchema(schema('catalog.schema.json'));
  cajv.addSchema(schema('config.schema.json'));
  let code = standaloneCode(cajv, { validateConfig: 'https://winfile.dev/schema/config.json' });
  // ajv emits require() even for ESM output; turn those into imports so the module is pure ESM.
  const modules = [...new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]))];
  modules.forEach((m, i) => {
    code = code.replaceAll(`require("${m}")`, `__dep${i}`);
  });
  code = modules.map((m, i) => `import __dep${i} from "${m}.js";\n`).join('') + code;
  writeIfChanged(join(outDir, 'config-validator.js'), code);
  writeIfChanged(
    join(outDir, 'config-validator.d.ts'),
    'import type { ErrorObject } from "ajv";\nexport declare const validateConfig: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };\n',
  );
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!generate()) process.exit(1);
}
