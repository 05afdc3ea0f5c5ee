// Prints the release bundle's size (raw and gzip bytes per kind and in total) and fails above the budget.
// usage: node scripts/size-check.mjs DIST_DIR
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, extname } from "node:path";
import { gzipSync, constants } from "node:zlib";

// The one place the budget lives: total gzip bytes of everything the page loads. Size is a guard against surprises,
// not a goal: the budget is the measured bundle plus 5%. A commit that adds a feature may raise it, stating in its
// message the new figure and what the feature costs; any other growth past it is a regression to explain.
// Measured 488559 bytes (477.1 KB) on 2026-12-08 once the stack was the documented one (issue 13): serde and
// serde_json read and write the plan, miniz_oxide and base64 carry share links, Leptos's own <Show>, <For>, Memo and
// Effect, gloo. The budget is that plus 5%.
export const BUDGET_GZIP_BYTES = 512987;

const KINDS = { ".wasm": "wasm", ".js": "js", ".css": "css", ".html": "html" };

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const dir = process.argv[2] ?? "dist";
const totals = {};
for (const path of files(dir)) {
  const kind = KINDS[extname(path)] ?? "other";
  const bytes = readFileSync(path);
  const gzip = gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).length;
  totals[kind] ??= { raw: 0, gzip: 0 };
  totals[kind].raw += bytes.length;
  totals[kind].gzip += gzip;
}

const rows = ["wasm", "js", "css", "html", "other"].filter((k) => totals[k]);
const sum = rows.reduce((acc, k) => ({ raw: acc.raw + totals[k].raw, gzip: acc.gzip + totals[k].gzip }), { raw: 0, gzip: 0 });
const pad = (s, n) => String(s).padStart(n);
console.log(`${"kind".padEnd(6)}${pad("raw bytes", 12)}${pad("gzip bytes", 12)}`);
for (const k of rows) console.log(`${k.padEnd(6)}${pad(totals[k].raw, 12)}${pad(totals[k].gzip, 12)}`);
console.log(`${"total".padEnd(6)}${pad(sum.raw, 12)}${pad(sum.gzip, 12)}`);
const kb = (n) => (n / 1024).toFixed(1);
const headroom = BUDGET_GZIP_BYTES - sum.gzip;
const percent = ((100 * headroom) / BUDGET_GZIP_BYTES).toFixed(1);
console.log(`size: ${kb(sum.gzip)} KB gzip (${sum.gzip} bytes); budget ${kb(BUDGET_GZIP_BYTES)} KB (${BUDGET_GZIP_BYTES} bytes)`);
if (headroom < 0) {
  console.error(`size: FAIL ${kb(-headroom)} KB (${-headroom} bytes) over the budget`);
  process.exit(1);
}
console.log(`size: ok, headroom ${kb(headroom)} KB (${headroom} bytes, ${percent}% of the budget)`);
