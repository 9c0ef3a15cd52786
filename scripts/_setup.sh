# Shared set-up for scripts/*: a .venv at the repository root with the pinned
# dependencies from requirements.txt. Sourced, not run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"

find_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  echo "error: Python 3.11 or newer is needed (python3.11 or python3 on PATH)." >&2
  return 1
}

ensure_venv() {
  if [ ! -x "$VENV/bin/python" ]; then
    local python
    python="$(find_python)"
    echo "Creating $VENV with $python" >&2
    "$python" -m venv "$VENV"
  fi
  # Re-install only when requirements.txt changed since the last install.
  local stamp="$VENV/.requirements.sha256"
  local want
  want="$(sha256sum "$ROOT/requirements.txt" | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "Installing pinned dependencies into $VENV" >&2
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$ROOT/requirements.txt"
    echo "$want" >"$stamp"
  fi
  export PATH="$VENV/bin:$PATH"
  export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"
  export NO_MKDOCS_2_WARNING=1
}

# The test tools from npm (axe-core, vnu-jar), pinned in package-lock.json.
ensure_node_tools() {
  local stamp="$ROOT/node_modules/.package-lock.sha256"
  local want
  want="$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    if ! command -v npm >/dev/null 2>&1; then
      echo "error: npm is needed for the test tools (apt-get install npm)." >&2
      return 1
    fi
    echo "Installing test tools from package-lock.json" >&2
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" >"$stamp"
  fi
}
