"""A correct solution written differently: incremental hashlib updates, the header written by
hand instead of through canonical_json, frames walked with DataFrame.items() and a missing-value
mask, and find_version through list.index."""

import hashlib
import json

import numpy as np


def fingerprint_array(a):
    a = np.asarray(a)
    if a.dtype.kind == "O":
        raise TypeError("object arrays cannot be fingerprinted")
    shape = ",".join(str(n) for n in a.shape)
    digest = hashlib.new("sha256")
    digest.update(f'{{"dtype":"{a.dtype.str}","shape":[{shape}]}}'.encode("ascii"))
    digest.update(b"\n")
    digest.update(np.ascontiguousarray(a).tobytes())
    return digest.hexdigest()


def fingerprint_frame(df):
    names, labels, digests = [], [], []
    for name, col in df.items():
        names.append(str(name))
        if isinstance(col.dtype, np.dtype) and col.dtype.kind in "biuf":
            labels.append(str(col.dtype))
            digests.append(fingerprint_array(np.asarray(col)))
        else:
            labels.append("text")
            missing = col.isna().to_numpy()
            cells = [None if gone else str(v) for v, gone in zip(col, missing, strict=True)]
            text = json.dumps(cells, separators=(",", ":"))  # ensure_ascii is the default
            digests.append(hashlib.sha256(text.encode("utf-8")).hexdigest())
    state = json.dumps({"columns": names, "dtypes": labels, "values": digests},
                       sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(state.encode("utf-8")).hexdigest()


def fingerprint_model(model):
    params = {k: (v.item() if isinstance(v, np.generic) else v)
              for k, v in model.get_params(deep=False).items()}
    state = {"intercept": fingerprint_array(model.intercept_), "params": params,
             "coef": fingerprint_array(model.coef_), "class": model.__class__.__name__}
    text = json.dumps(state, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def find_version(model, registered):
    try:
        return list(registered).index(fingerprint_model(model)) + 1
    except ValueError:
        return None
