// Which Node runs the npm scripts, checked before they start (package.json
// pre-scripts). CommonJS and old syntax on purpose: it must run on any Node,
// since its job is to say in one sentence what to do on one that is too old.
// With `--install` (preinstall) it only informs: the `node` devDependency that
// npm install brings is what the scripts then run on. npm runs the project's
// preinstall after installing dependencies, with that Node 24 first on PATH,
// so there the user's own Node is read from npm's user agent ("npm/11 node/v20.20.2 …").
"use strict";
var required = [22, 18];
var installing = process.argv.indexOf("--install") !== -1;
var agent = /\bnode\/v(\d+\.\d+\.\d+)/.exec(process.env.npm_config_user_agent || "");
var version = installing && agent ? agent[1] : process.versions.node;
var parts = version.split(".").map(Number);
var recent = parts[0] > required[0] || (parts[0] === required[0] && parts[1] >= required[1]);
if (!recent) {
  if (installing) {
    console.log(
      "Node.js v" + version + " is older than this project needs (22.18 or newer): npm install also installs " +
        "Node 24 into node_modules, which npm start, npm test and the other npm scripts use; to run node yourself, install Node 22.18+ (e.g. nvm install 24)."
    );
  } else {
    console.error(
      "Node.js v" + version + " cannot run this project: use Node.js 22.18 or newer (e.g. nvm install 24), " +
        "or run npm install with dev dependencies, which brings Node 24 for the npm scripts."
    );
    process.exit(1);
  }
}
