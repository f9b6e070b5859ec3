// Builds the static assets the app serves: our Sass over GOV.UK Frontend, its JavaScript and the
// few image assets we keep from it. Output goes to static-build/, which Django collects.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "static-build");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "css"), { recursive: true });
mkdirSync(join(out, "js"), { recursive: true });

const css = sass.compile(join(root, "frontend", "scss", "main.scss"), {
  style: "compressed",
  importers: [new sass.NodePackageImporter(root)],
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "css", "main.css"), css.css);

cpSync(join(govuk, "govuk-frontend.min.js"), join(out, "js", "govuk-frontend.min.js"));
cpSync(join(root, "frontend", "js", "enhance.mjs"), join(out, "js", "enhance.mjs"));
cpSync(join(root, "frontend", "images"), join(out, "images"), { recursive: true });
// Only brand-neutral images: the crown, crest and GOV.UK icons are not ours to use.
console.log(`built ${out}: css ${Math.round(css.css.length / 1024)} KB`);
