// schema.mjs - `gen schema` checked against the cases with ajv: every
// case that gen check accepts must validate, and the bad fixtures that
// gen check rejects for a wrong word or type must not.
// usage: node schema.mjs SCHEMA.json CASES_DIR BAD_DIR
import Ajv from "ajv";
import { parse } from "yaml";
import { readFileSync, readdirSync } from "node:fs";

const [schemaFile, casesDir, badDir] = process.argv.slice(2);
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, "utf8")));
const front = (file) => {
  const text = readFileSync(file, "utf8");
  const m = text.match(/^---\r?\n([\s\S]*?)\r?\n---/);
  return m ? parse(m[1]) : null;
};
let passed = 0, failed = 0;
for (const f of readdirSync(casesDir).filter((f) => f.endsWith(".md")).sort()) {
  if (validate(front(`${casesDir}/${f}`))) passed++;
  else { failed++; console.log(`FAIL ${f} should validate: ${ajv.errorsText(validate.errors)}`); }
}
for (const f of ["stage-typo", "model-typo", "trait-value", "actor-type", "gap-key",
                 "funding-type", "country-unknown", "founded-word", "wrong-type",
                 "bad-slug", "missing-sector", "unknown-key"]) {
  if (!validate(front(`${badDir}/${f}.md`))) passed++;
  else { failed++; console.log(`FAIL ${f} should not validate`); }
}
console.log(`schema: ${passed} passed, ${failed} failed`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
