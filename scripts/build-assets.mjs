// Build the stylesheet and copy GOV.UK Frontend's script and assets into collegium/static.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import * as sass from "sass";

const out = "collegium/static";
mkdirSync(`${out}/govuk`, { recursive: true });

const result = sass.compile("frontend/collegium.scss", {
  loadPaths: ["node_modules"],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import", "global-builtin"],
});
writeFileSync(`${out}/collegium.css`, result.css);

const dist = "node_modules/govuk-frontend/dist/govuk";
cpSync(`${dist}/govuk-frontend.min.js`, `${out}/govuk/govuk-frontend.min.js`);
cpSync(`${dist}/assets`, `${out}/govuk/assets`, { recursive: true });
console.log(`built ${out}/collegium.css (${result.css.length} bytes)`);
