"""Sentence embeddings from a sentence-transformers BERT model, in plain NumPy.

Reads a model directory as sentence-transformers saves it (``config.json``,
``model.safetensors``, ``tokenizer.json``, ``1_Pooling/config.json``) and runs
the encoder on the CPU with NumPy: no PyTorch, no network. Works for BERT-type
models (all-MiniLM-L6-v2, paraphrase-multilingual-MiniLM-L12-v2, LaBSE-style
models with mean or CLS pooling).
"""

import json
import struct
from pathlib import Path

_DTYPES = {"F32": "<f4", "F16": "<f2", "I64": "<i8"}


def _load_safetensors(path):
    import numpy as np

    data = Path(path).read_bytes()
    (size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + size])
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__" or info["dtype"] not in _DTYPES:
            continue
        start, end = info["data_offsets"]
        array = np.frombuffer(data, dtype=_DTYPES[info["dtype"]], count=(end - start) // np.dtype(_DTYPES[info["dtype"]]).itemsize,
                              offset=8 + size + start)
        tensors[name.removeprefix("bert.")] = array.reshape(info["shape"]).astype("float32")
    return tensors


def _erf(x):
    """Abramowitz–Stegun 7.1.26 (error below 1.5e-7), vectorised."""
    import numpy as np

    sign = np.sign(x)
    x = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return sign * (1.0 - poly * np.exp(-x * x))


class BertEncoder:
    """Encode texts into unit-length vectors."""

    def __init__(self, model_dir, max_length=128):
        import numpy as np
        from tokenizers import Tokenizer

        self.np = np
        model_dir = Path(model_dir)
        config = json.loads((model_dir / "config.json").read_text())
        if config.get("model_type", "bert") != "bert":
            raise ValueError(f"{model_dir}: only BERT-type models run without PyTorch (got {config.get('model_type')!r})")
        pooling_file = model_dir / "1_Pooling" / "config.json"
        pooling = json.loads(pooling_file.read_text()) if pooling_file.exists() else {}
        self.cls_pooling = bool(pooling.get("pooling_mode_cls_token"))
        self.heads = config["num_attention_heads"]
        self.layers = config["num_hidden_layers"]
        self.eps = config.get("layer_norm_eps", 1e-12)
        self.weights = _load_safetensors(model_dir / "model.safetensors")
        for name in [n for n in self.weights if n.endswith(".weight") and self.weights[n].ndim == 2]:
            if "embeddings" not in name:  # dense layers: store transposed, contiguous, for x @ W
                self.weights[name] = np.ascontiguousarray(self.weights[name].T)
        self.dimension = self.weights["embeddings.word_embeddings.weight"].shape[1]
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=max_length)
        self.tokenizer.enable_padding()
        self.unknown_id = self.tokenizer.token_to_id("[UNK]")

    def _norm(self, x, name):
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / self.np.sqrt(var + self.eps) * self.weights[f"{name}.weight"] + self.weights[f"{name}.bias"]

    def _dense(self, x, name):
        return x @ self.weights[f"{name}.weight"] + self.weights[f"{name}.bias"]

    def encode(self, texts, batch_size=32):
        """A float32 array, one unit-length row per text."""
        np = self.np
        out = []
        for start in range(0, len(texts), batch_size):
            out.append(self._encode_batch(list(texts[start : start + batch_size])))
        return np.concatenate(out) if out else np.zeros((0, self.dimension), dtype="float32")

    def _encode_batch(self, texts):
        np, w = self.np, self.weights
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings])
        mask = np.array([e.attention_mask for e in encodings], dtype="float32")
        types = np.array([e.type_ids for e in encodings])
        batch, length = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][np.arange(length)][None]
            + w["embeddings.token_type_embeddings.weight"][types]
        )
        x = self._norm(x, "embeddings.LayerNorm")
        bias = (1.0 - mask)[:, None, None, :] * -1e9
        head = self.dimension // self.heads
        for i in range(self.layers):
            p = f"encoder.layer.{i}"

            def split(t):
                return t.reshape(batch, length, self.heads, head).transpose(0, 2, 1, 3)

            q = split(self._dense(x, f"{p}.attention.self.query"))
            k = split(self._dense(x, f"{p}.attention.self.key"))
            v = split(self._dense(x, f"{p}.attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(head) + bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, self.dimension)
            x = self._norm(x + self._dense(context, f"{p}.attention.output.dense"), f"{p}.attention.output.LayerNorm")
            hidden = self._dense(x, f"{p}.intermediate.dense")
            hidden = 0.5 * hidden * (1.0 + _erf(hidden / np.sqrt(2.0)))
            x = self._norm(x + self._dense(hidden, f"{p}.output.dense"), f"{p}.output.LayerNorm")
        if self.cls_pooling:
            pooled = x[:, 0]
        else:
            pooled = (x * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return pooled.astype("float32")

    def known_share(self, text):
        """Share of the text's tokens the model knows (not ``[UNK]``)."""
        ids = self.tokenizer.encode(text).ids[1:-1]
        return 1.0 if not ids else sum(1 for i in ids if i != self.unknown_id) / len(ids)
