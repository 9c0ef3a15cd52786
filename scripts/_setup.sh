# Shared set-up for scripts/*: a .venv at the repository root with the pinned
# dependencies from requirements.txt, and the engines' own venvs. Sourced, not run.
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

# install_venv VENV REQUIREMENTS [PIP OPTIONS]: create VENV if needed and install
# REQUIREMENTS into it, again only when the file changed since the last install.
install_venv() {
  local venv="$1" requirements="$2"
  shift 2
  if [ ! -x "$venv/bin/python" ]; then
    local python
    python="$(find_python)"
    echo "Creating $venv with $python" >&2
    "$python" -m venv "$venv"
  fi
  local stamp="$venv/.requirements.sha256"
  local want
  want="$(sha256sum "$requirements" | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "Installing pinned dependencies from $(basename "$requirements") into $venv" >&2
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$@" -r "$requirements"
    echo "$want" >"$stamp"
  fi
}

# install_generator VENV: the guidegen package of this checkout, editable (its dependencies come
# pinned from the requirements file), so `guidegen` and `plugins: [guidegen]` work in VENV.
install_generator() {
  local venv="$1"
  local stamp="$venv/.guidegen-editable"
  local want
  want="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "Installing guidegen from $ROOT into $venv (editable)" >&2
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -e "$ROOT"
    echo "$want" >"$stamp"
  fi
}

ensure_venv() {
  install_venv "$VENV" "$ROOT/requirements.txt"
  install_generator "$VENV"
  export PATH="$VENV/bin:$PATH"
  export NO_MKDOCS_2_WARNING=1
}

# The engine GUIDE_ENGINE names: mkdocs (the default) runs from .venv; properdocs
# and zensical each get their own .venv-<engine> from requirements-<engine>.txt,
# installed on first use. Their files pin every package, so pip installs exactly
# those (--no-deps: ProperDocs serves Material's `mkdocs` imports itself, and MkDocs
# is kept out of its environment). Sets ENGINE_PYTHON.
ensure_engine() {
  ensure_venv
  export GUIDE_ENGINE="${GUIDE_ENGINE:-mkdocs}"
  case "$GUIDE_ENGINE" in
    mkdocs) ENGINE_PYTHON="$VENV/bin/python" ;;
    properdocs | zensical)
      install_venv "$ROOT/.venv-$GUIDE_ENGINE" "$ROOT/requirements-$GUIDE_ENGINE.txt" --no-deps
      install_generator "$ROOT/.venv-$GUIDE_ENGINE"
      ENGINE_PYTHON="$ROOT/.venv-$GUIDE_ENGINE/bin/python"
      ;;
    *)
      echo "error: GUIDE_ENGINE=$GUIDE_ENGINE is not an engine: use mkdocs, properdocs or zensical." >&2
      return 2
      ;;
  esac
  export ENGINE_PYTHON
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
