#!/usr/bin/env bash
# A real learning record store (Ralph, the Open FUN LRS) for the xAPI integration tests.
#
#   .ci/lrs.sh install                      install ralph-malph 5.1.0 + requests in their own venv
#   .ci/lrs.sh bin                          print the ralph executable (exit 1 if not installed)
#   .ci/lrs.sh serve DIR PORT USER PASSWORD run the LRS in the foreground on 127.0.0.1:PORT,
#                                           its files (credentials, statements) under DIR
#
# Ralph lives in its own virtual environment ($SALES_DOJO_RALPH_VENV, default
# ${TMPDIR:-/tmp}/sales-dojo-ralph) so that its pins never touch the project's; the tests only
# talk HTTP to it. tests/records/test_lrs.py finds it there (or $SALES_DOJO_RALPH, or ralph on
# PATH) and starts it with `serve` on a free port.
set -euo pipefail

VENV="${SALES_DOJO_RALPH_VENV:-${TMPDIR:-/tmp}/sales-dojo-ralph}"
RALPH_SPEC="ralph-malph[lrs,backend-fs,cli]==5.1.0"

ralph_bin() {
  if [ -n "${SALES_DOJO_RALPH:-}" ] && [ -x "${SALES_DOJO_RALPH}" ]; then
    echo "${SALES_DOJO_RALPH}"
  elif [ -x "${VENV}/bin/ralph" ]; then
    echo "${VENV}/bin/ralph"
  elif command -v ralph >/dev/null 2>&1; then
    command -v ralph
  else
    return 1
  fi
}

case "${1:-}" in
  install)
    python3 -m venv "${VENV}"
    "${VENV}/bin/pip" install --disable-pip-version-check -q "${RALPH_SPEC}" requests
    "${VENV}/bin/pip" check
    "${VENV}/bin/ralph" --version
    ;;
  bin)
    ralph_bin
    ;;
  serve)
    if [ "$#" -ne 5 ]; then
      echo "usage: $0 serve DIR PORT USER PASSWORD" >&2
      exit 2
    fi
    dir="$2" port="$3" user="$4" password="$5"
    if ! ralph="$(ralph_bin)"; then
      echo "ralph is not installed; run: $0 install" >&2
      exit 3
    fi
    mkdir -p "${dir}/app" "${dir}/statements" "${dir}/site" "${dir}/run"
    # Ralph 5.1.0's file-system LRS backend writes every POST in "create" mode to the same
    # fs_lrs.jsonl, so only the first POST ever stored succeeds and every later one answers
    # HTTP 500 ("Statements bulk indexation failed"). This start-up hook, loaded only by this
    # LRS's processes, makes that backend append instead. The backend also rewrites its whole
    # read/write log (history.json) in place on every request, so a SIGKILL mid-write (the tests
    # kill the LRS mid-class) leaves it empty and every later read answers HTTP 500; the hook
    # writes it to a temporary file and renames it, as a database commits. Nothing else in Ralph
    # changes (its validation, authentication and duplicate-id handling are what the tests
    # exercise).
    cat > "${dir}/site/sitecustomize.py" <<'PY'
try:
    import json
    import os

    from ralph.backends.data.base import BaseOperationType
    from ralph.backends.data.mixins import HistoryMixin
    from ralph.backends.lrs.fs import FSLRSBackend
    from ralph.conf import settings

    FSLRSBackend.default_operation_type = BaseOperationType.APPEND

    def _write_history(self, history):
        path = settings.HISTORY_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(path.name + ".part")
        with part.open("w", encoding=settings.LOCALE_ENCODING) as handle:
            json.dump(history, handle)
        os.replace(part, path)
        self._history = history

    HistoryMixin.write_history = _write_history
except ImportError:
    pass
PY
    # A log torn by a kill before this hook existed is Ralph's bookkeeping only (no statement is
    # in it): start it afresh.
    python3 - "${dir}/app/history.json" <<'PY'
import json
import os
import sys

path = sys.argv[1]
if os.path.exists(path):
    try:
        with open(path, encoding="utf-8") as f:
            json.load(f)
    except ValueError:
        os.remove(path)
PY
    # The file-system backend appends one JSON line per statement and has no transaction: a
    # SIGKILL in the middle of an append (the tests kill the LRS mid-class) can leave a torn
    # last line, and every later read of the file then answers HTTP 500. A database-backed LRS
    # would roll that unacknowledged write back; so does this, by cutting the file at its last
    # whole line (the client was never told the torn statement was stored, so it sends it again).
    python3 - "${dir}/statements/fs_lrs.jsonl" <<'PY'
import os
import sys

path = sys.argv[1]
if os.path.exists(path):
    with open(path, "rb") as f:
        data = f.read()
    if data and not data.endswith(b"\n"):
        with open(path, "r+b") as f:
            f.truncate(data.rfind(b"\n") + 1)
PY
    export RALPH_APP_DIR="${dir}/app"
    export RALPH_RUNSERVER_BACKEND=fs
    export RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH="${dir}/statements"
    export PYTHONPATH="${dir}/site"
    if [ ! -s "${RALPH_APP_DIR}/auth.json" ]; then
      "${ralph}" auth -u "${user}" -p "${password}" -s all -w -M "mailto:lrs-admin@example.com"
    fi
    cd "${dir}/run"
    exec "${ralph}" runserver -b fs --host 127.0.0.1 --port "${port}" \
      --fs-default-directory-path "${dir}/statements"
    ;;
  *)
    echo "usage: $0 install | bin | serve DIR PORT USER PASSWORD" >&2
    exit 2
    ;;
esac
