# BeatVegas worker image: the CLI (`beatvegas`, TypeScript run through tsx, no build step) with
# production dependencies only, as the unprivileged `node` user. Build from a clean checkout:
#   docker build --build-arg BEATVEGAS_GIT_COMMIT=$(git rev-parse HEAD) -t beatvegas:$(git rev-parse HEAD) .
# The image has no .git (see .dockerignore), so the commit every run is stamped with (R9) comes
# from that build argument; without it the build fails instead of stamping runs `unknown`.

# Both stages use one base pinned by exact version (Node 20 as in package.json "engines",
# Debian bookworm as the machines that run the tests): it changes only when these lines do.

# ---- Stage 1: typecheck with the dev dependencies; only a marker file leaves this stage ----
FROM node:20.20.2-bookworm-slim AS typecheck
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npx tsc --noEmit && echo ok > /src/.typechecked

# ---- Stage 2: runtime ----
FROM node:20.20.2-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only: tsx (the runtime loader), Temporal, pg, kysely, zod, commander.
# No install scripts: the runtime dependencies ship prebuilt binaries and need none.
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force
# The sources, owned by root and read-only to the `node` user that runs them.
COPY . .
# Ties this stage to the typecheck: an image is never built from sources that do not compile.
COPY --from=typecheck /src/.typechecked /app/.typechecked

ARG BEATVEGAS_GIT_COMMIT
ARG BEATVEGAS_GIT_DIRTY=
RUN case "${BEATVEGAS_GIT_COMMIT}" in \
      "" ) echo "build with --build-arg BEATVEGAS_GIT_COMMIT=<git rev-parse HEAD>" >&2; exit 1 ;; \
    esac
# Read by worker/versions.ts (gitStamp), which validates them when the worker starts.
ENV BEATVEGAS_GIT_COMMIT=${BEATVEGAS_GIT_COMMIT} \
    BEATVEGAS_GIT_DIRTY=${BEATVEGAS_GIT_DIRTY}
LABEL org.opencontainers.image.revision=${BEATVEGAS_GIT_COMMIT} \
      org.opencontainers.image.title=beatvegas

# The node image's unprivileged user (uid 1000); tsx keeps its cache under /tmp.
USER node
ENTRYPOINT ["node", "bin/beatvegas.cjs"]
CMD ["worker"]
