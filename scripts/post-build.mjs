// Trunk post-build hook: the steps that change the staged files, in this order (the policy hashes the page's inline
// script, which minifying the files it names leaves as it is, but both steps rewrite index.html).
await import("./minify-js.mjs");
await import("./csp.mjs");
