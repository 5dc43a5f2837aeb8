"""The real ChatOpenAI client against a tiny OpenAI-compatible server on 127.0.0.1 (no outside network)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from bot.config import Settings
from bot.conversation.engine import ConversationEngine
from bot.core.report import PgxResult, Report
from bot.retrieval.embedders import HashEmbedder
from tests.support.fakes import FakeSearcher

PM = Report(source_format="native", pharmacogenomics=[
    PgxResult(gene="CYP2C19", diplotype="*2/*2", phenotype="Poor Metabolizer", phenotype_source="stated")])


class _Handler(BaseHTTPRequestHandler):
    requests: list[dict] = []
    reply = "Clopidogrel needs the CYP2C19 enzyme to start working. [P1]"

    def do_POST(self):  # noqa: N802 - http.server naming
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
        payload = {"id": "x", "object": "chat.completion", "created": 0, "model": body["model"],
                   "choices": [{"index": 0, "finish_reason": "stop",
                                "message": {"role": "assistant", "content": type(self).reply}}],
                   "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}
        data = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):  # keep test output quiet
        pass


@pytest.fixture
def endpoint():
    server = HTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Handler.requests = []
    yield f"http://127.0.0.1:{server.server_port}/v1"
    server.shutdown()
    server.server_close()


def test_llm_composer_talks_to_the_configured_endpoint_and_cites(endpoint, tmp_path):
    settings = Settings(data_dir=tmp_path, embedder="hash", llm_base_url=endpoint, llm_model="test-model",
                        llm_api_key="secret-key")
    engine = ConversationEngine(settings, embedder=HashEmbedder(), searcher=FakeSearcher())
    reply = engine.reply("what does my CYP2C19 result mean for plavix", report=PM)
    assert reply.composer == "llm" and "Clopidogrel needs the CYP2C19 enzyme to start working." in reply.text
    sent = _Handler.requests[0]
    assert sent["path"].endswith("/chat/completions") and sent["body"]["model"] == "test-model"
    assert sent["auth"] == "Bearer secret-key"
    user = sent["body"]["messages"][-1]["content"]
    assert "[F1] Your report lists CYP2C19 *2/*2" in user  # only facts and passages go out, as numbered sources
