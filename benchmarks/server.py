"""Start and stop a real `genechat serve` process on a free loopback port, and watch its memory."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import psutil


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def genechat_command() -> list[str]:
    """The installed `genechat` script beside this interpreter, else the same entry point via ``-c``."""
    script = Path(sys.executable).parent / "genechat"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    found = shutil.which("genechat")
    return [found] if found else [sys.executable, "-c", "from bot.cli import main; main()"]


class ServerProcess:
    """One uvicorn server (``genechat serve``) with its own data dir; rate limits lifted for the load test."""

    def __init__(self, data_dir: Path, log_path: Path, extra_env: dict[str, str] | None = None,
                 launcher: str = "genechat", workers: int = 1):
        self.launcher, self.workers = launcher, workers
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.data_dir, self.log_path = data_dir, log_path
        self.env = {
            **os.environ, "GENECHAT_DATA_DIR": str(data_dir), "GENECHAT_RATE_LIMIT": "1000000/minute",
            "GENECHAT_LOG_LEVEL": "WARNING", "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False",
            "TOKENIZERS_PARALLELISM": "false", **(extra_env or {}),
        }
        self.proc: subprocess.Popen[bytes] | None = None

    def command(self) -> list[str]:
        """``genechat serve`` (what users run), or plain uvicorn on the app factory (no CLI imports)."""
        if self.launcher == "uvicorn":
            return [sys.executable, "-m", "uvicorn", "bot.api.app:create_app", "--factory", "--host", "127.0.0.1",
                    "--port", str(self.port), "--log-level", "warning"]
        return [*genechat_command(), "serve", "--host", "127.0.0.1", "--port", str(self.port),
                "--workers", str(self.workers)]

    def start_and_wait_ready(self, timeout: float = 120.0) -> dict[str, float]:
        """Seconds from process start to the first /healthz 200 and to /readyz 200."""
        log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self._log = log
        cmd = self.command()
        start = time.perf_counter()
        self.proc = subprocess.Popen(cmd, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        healthy: float | None = None
        with httpx.Client(timeout=2.0) as client:
            while time.perf_counter() - start < timeout:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"server exited with {self.proc.returncode}; see {self.log_path}")
                try:
                    if healthy is None and client.get(self.url + "/healthz").status_code == 200:
                        healthy = time.perf_counter() - start
                    if client.get(self.url + "/readyz").status_code == 200:
                        ready = time.perf_counter() - start
                        return {"healthz_s": round(healthy or ready, 3), "readyz_s": round(ready, 3)}
                except httpx.TransportError:
                    pass
                time.sleep(0.02)
        self.stop()
        raise TimeoutError(f"server not ready after {timeout} s; see {self.log_path}")

    def _each_process(self, measure: Callable[[psutil.Process], float]) -> list[float]:
        """``measure`` of the server and each of its children (uvicorn workers); exited ones are skipped."""
        if self.proc is None:
            return []
        try:
            root = psutil.Process(self.proc.pid)
            procs = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []
        values = []
        for p in procs:
            try:
                values.append(measure(p))
            except psutil.NoSuchProcess:  # a child that just exited
                pass
        return values

    def rss_by_process(self) -> list[float]:
        """Resident memory of the server and each of its children, in MB."""
        return self._each_process(lambda p: p.memory_info().rss / 2**20)

    def cpu_seconds(self) -> float:
        """User + system CPU time used so far by the server and its children."""
        return sum(self._each_process(lambda p: sum(p.cpu_times()[:2])))

    def rss_mb(self) -> float:
        """Resident memory of the server and any children, in MB."""
        return sum(self.rss_by_process())

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        if getattr(self, "_log", None):
            self._log.close()


class PeakRss:
    """Samples a server's RSS in a background thread: ``peak_mb`` is the highest total seen (all
    processes), ``peak_process_mb`` the highest of any one process."""

    def __init__(self, server: ServerProcess, interval: float = 0.02):
        self.server, self.interval = server, interval
        self.peak_mb = self.peak_process_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        sizes = self.server.rss_by_process()
        self.peak_mb = max(self.peak_mb, sum(sizes))
        self.peak_process_mb = max(self.peak_process_mb, max(sizes, default=0.0))

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()
