"""The fingerprint as a walk over the fitted state of every step: each public attribute
that ends in an underscore (what fit learned), the arrays as float64 bytes, in a fixed
order, plus the hyperparameters of the estimators. The input frame's column order and
dtypes (feature_names_in_, n_features_in_) describe the data that came in, not what the
model computes, so they are left out, as is the dropped remainder (listed by column
positions)."""

import hashlib
import json

import numpy as np

_SKIP = {"feature_names_in_", "n_features_in_", "n_iter_", "named_transformers_",
         "output_indices_", "sparse_output_", "transformers_"}


def _describe(obj):
    if isinstance(obj, np.ndarray):
        if obj.dtype.kind in "biuf":
            a = np.ascontiguousarray(obj, dtype=np.float64)
            return {"shape": list(a.shape), "sha256": hashlib.sha256(a.tobytes()).hexdigest()}
        return [_describe(v) for v in obj.tolist()]
    if isinstance(obj, (list, tuple)):
        return [_describe(v) for v in obj]
    if isinstance(obj, (bool, int, float, str)) or obj is None:
        return obj
    if isinstance(obj, np.generic):
        return obj.item()
    if hasattr(obj, "get_params"):
        state = {"class": type(obj).__name__,
                 "params": {k: _describe(v) for k, v in sorted(obj.get_params(deep=False).items())
                            if not hasattr(v, "get_params") and k != "transformers"}}
        for name in sorted(vars(obj)):
            if name.endswith("_") and not name.startswith("_") and name not in _SKIP:
                state[name] = _describe(getattr(obj, name))
        if hasattr(obj, "transformers_"):
            # the dropped remainder is listed by column *positions*, which follow the
            # input frame's order: it computes nothing, so it is not described
            state["steps"] = [[name, _describe(step), list(cols)]
                              for name, step, cols in obj.transformers_
                              if not (name == "remainder" and step == "drop")]
        if hasattr(obj, "steps"):
            state["steps"] = [[name, _describe(step)] for name, step in obj.steps]
        return state
    return str(obj)


def fingerprint_pipeline(pipe):
    text = json.dumps(_describe(pipe), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
