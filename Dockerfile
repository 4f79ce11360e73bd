# The ticketing API (and, with another command, its worker) as one image.
#   docker build -t ticketing .
#   docker run --rm -e DATABASE_URL=… -e AUTHENTICATOR_PASSWORD=… ticketing node src/cli/migrate.ts  # once per release
#   docker run -p 5678:5678 -e DATABASE_URL=… -e AUTHENTICATOR_PASSWORD=… -e JWT_SECRET=… -e MIGRATE_ON_START=false ticketing
# Two stages: `build` installs everything (dev tooling included) and builds the
# web app into web/dist; the runtime stage has production dependencies only,
# the server's sources (Node 24 runs the .ts files directly: type stripping, no
# compile step), the migrations and the built web app, and runs as `node`.
# See README.md#deploy and docker-compose.yml.

# Node 24 from the base image (both stages: keep their tags equal): the `node`
# devDependency, which pins Node 24 for the npm scripts on a developer's machine,
# is not installed in the runtime stage and nothing there needs it.
FROM node:24-bookworm-slim AS build
WORKDIR /app
# Dependencies first, so a change to the sources does not reinstall them.
# The preinstall script (src/cli/check-node.cjs) must be there for npm ci.
COPY package.json package-lock.json .npmrc ./
COPY src/cli/check-node.cjs src/cli/check-node.cjs
RUN npm ci --no-audit --no-fund
COPY . .
# Codegen (typed documents from schema.graphql), the web app's type check, vite build → web/dist.
RUN npm run web:build

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=5678 \
    DATA_DIR=/app/.data
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY src/cli/check-node.cjs src/cli/check-node.cjs
# Production dependencies only; npm's cache is not kept in the image. TypeScript
# (23 MB) comes along as an optional peer of cosmiconfig (graphile-worker's, for
# legacy .ts rc files we do not have): the lockfile marks it "devOptional" because
# it is also our devDependency, and --omit=dev keeps those. Nothing in production
# loads it (Node strips the types of our .ts files itself), so it goes.
RUN npm ci --omit=dev --no-audit --no-fund \
    && npm cache clean --force \
    && rm -rf node_modules/typescript node_modules/.bin/tsc node_modules/.bin/tsserver
# What the server reads at run time: its sources, the migrations, the built app.
# Owned by root, read-only to the `node` user that runs it.
COPY src ./src
COPY db ./db
COPY --from=build /app/web/dist ./web/dist
# DATA_DIR: the file outbox when SMTP_URL is unset, and generated secrets for any
# secret not given in the environment (give them all in production).
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 5678
# No curl in slim images: node's own fetch. 503 while the database is away or
# while the instance drains after SIGTERM. No --start-period: an instance is up in
# seconds (the migrate service ran the migrations), well inside 3 × 10 s. The
# timeout is node's start-up plus one request: on a loaded host (measured here:
# load 15 on 2 cores) starting node alone took over 3 s, and 3 s marked a serving
# instance unhealthy.
HEALTHCHECK --interval=10s --timeout=10s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 5678) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node is PID 1 and handles SIGTERM itself (src/shutdown.ts: drain, then exit);
# it starts no child processes with DATABASE_URL set, so there is nothing to
# reap. (docker run --init / compose `init: true` adds tini in front anyway.)
STOPSIGNAL SIGTERM
# Exec form: the signal reaches node, not a shell. The worker: node src/worker/main.ts.
CMD ["node", "src/main.ts"]
