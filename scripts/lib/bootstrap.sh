# Shared by scripts/test.sh, scripts/demo.sh and scripts/bench.sh: makes a fresh machine ready.
# Installs nothing that the project does not name here: npm packages from package-lock.json,
# Debian's chromium (browser tests and screenshots), jars through scripts/pom.xml (cluster.sh).

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export ROOT

log() { printf '\033[1;35m[doflamingo]\033[0m %s\n' "$*" >&2; }

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
