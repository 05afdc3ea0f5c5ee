// Minifies the page's JavaScript (the wasm-bindgen loader; Trunk's own minifier gives up on its syntax, and the
// service worker) and updates each file's integrity hash in index.html. Identifiers are shortened and whitespace
// dropped, nothing else: no syntax is lowered (target esnext), exports keep their names.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { transformSync } from "esbuild";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("minify-js: TRUNK_STAGING_DIR is not set (run me as a Trunk post_build hook)");
  process.exit(1);
}
const integrity = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
const pagePath = join(dir, "index.html");
let page = readFileSync(pagePath, "utf8");
for (const name of readdirSync(dir).filter((n) => n.endsWith(".js"))) {
  const path = join(dir, name);
  const before = readFileSync(path);
  const after = Buffer.from(transformSync(before.toString("utf8"), { minify: true, target: "esnext" }).code);
  writeFileSync(path, after);
  // The page links the loader with its hash (Subresource Integrity); a stale hash would stop the app from loading.
  const old = integrity(before);
  if (page.includes(old)) page = page.replaceAll(old, integrity(after));
  console.log(`minify-js: ${name} ${before.length} -> ${after.length} bytes`);
}
writeFileSync(pagePath, page);
