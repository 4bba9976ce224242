# The polyglot-bench image for `polyglot-bench deploy kubernetes` (deploy/kubernetes/): the CLI built from this
# tree, embedded engines included. Build: docker build -t <registry>/polyglot-bench:<tag> .
FROM node:20-slim
WORKDIR /app
# `npm ci` runs the prepare script (the TypeScript build), so the sources go in first.
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
COPY scenarios ./scenarios
RUN npm ci && npm prune --omit=dev && npm cache clean --force
ENV NODE_ENV=production
ENTRYPOINT ["node", "/app/bin/polyglot-bench.js"]
CMD ["--help"]
