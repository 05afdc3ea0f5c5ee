// Trunk post-build hook: adds a Content-Security-Policy to the built index.html. The policy lets the page load and
// fetch only from its own origin, so a plan can never leave the page even through a future mistake. Trunk's inline
// loader script changes with every build (it names hashed files), so it is allowed by its SHA-256 hash, computed here.
import { readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("csp: TRUNK_STAGING_DIR is not set (run me as a Trunk post_build hook)");
  process.exit(1);
}
const path = join(dir, "index.html");
let html = readFileSync(path, "utf8");
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
  (m) => `'sha256-${createHash("sha256").update(m[1], "utf8").digest("base64")}'`,
);
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`.trim(),
  // Inline styles: Leptos style attributes and the diagrams' embedded <style>. No remote style can load.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join("; ");
html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/g, "");
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
// Right after the charset declaration, which must stay first (minified or not: the release build minifies the page).
html = html.replace(/(<meta charset="?utf-8"?\s*\/?>)/i, `$1${meta}`);
if (!html.includes(meta)) {
  console.error("csp: index.html has no <meta charset=\"utf-8\"> to place the policy after");
  process.exit(1);
}
writeFileSync(path, html);
console.log(`csp: policy written with ${hashes.length} inline script hash(es)`);
