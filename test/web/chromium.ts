// How the browser tests (test/web/browser.ts) and the web bench
// (bench/scenarios/web.ts) launch Debian's Chromium through playwright-core:
// browser downloads are not reachable here.
export const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

// Without the background-networking flags Chromium keeps dialling Google's
// hosts, which this machine's closed network refuses many times a start.
// launch() gives every browser a fresh, empty user-data-dir of its own (and
// refuses a --user-data-dir argument), so no profile survives a launch.
export const chromiumArgs = [
  "--no-sandbox", // runs as root in CI
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
