"""Oracle for budgeted-search. Runs only in the grader, never in a sandbox.

``train_and_evaluate`` is the notebook's trainer, line for line: the checks retrain
configurations with it, to verify the losses a learner reports and to measure the
chosen configuration on a test set that never leaves the grader.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np

EPOCHS = 200
BASELINE = {"lr": 1e-3, "hidden": 32, "weight_decay": 0.0}


@contextmanager
def _one_thread_private_rng():
    """Train like the sandbox (one thread) without touching the grader's global RNG."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        with torch.random.fork_rng(devices=[]):
            yield torch
    finally:
        torch.set_num_threads(threads)


def fit(config: dict[str, Any], X_train: np.ndarray, y_train: np.ndarray):
    """The trainer's model after its EPOCHS full-batch steps (same code as the notebook)."""
    with _one_thread_private_rng() as torch:
        from torch import nn

        torch.manual_seed(0)
        X = torch.as_tensor(np.asarray(X_train), dtype=torch.float32)
        y = torch.as_tensor(np.asarray(y_train), dtype=torch.float32).reshape(-1, 1)
        hidden = int(config["hidden"])
        model = nn.Sequential(nn.Linear(X.shape[1], hidden), nn.ReLU(), nn.Linear(hidden, 1))
        optimizer = torch.optim.Adam(model.parameters(), lr=float(config["lr"]),
                                     weight_decay=float(config["weight_decay"]))
        loss_fn = nn.BCEWithLogitsLoss()
        model.train()
        for _ in range(EPOCHS):
            optimizer.zero_grad()
            loss_fn(model(X), y).backward()
            optimizer.step()
        model.eval()
        return model


def loss(model, X: np.ndarray, y: np.ndarray) -> float:
    """Binary cross-entropy of a fitted model on (X, y)."""
    import torch
    from torch import nn

    with torch.no_grad():
        Xt = torch.as_tensor(np.asarray(X), dtype=torch.float32)
        yt = torch.as_tensor(np.asarray(y), dtype=torch.float32).reshape(-1, 1)
        return float(nn.BCEWithLogitsLoss()(model(Xt), yt))


def train_and_evaluate(config, X_train, y_train, X_val, y_val) -> dict[str, float]:
    model = fit(config, X_train, y_train)
    return {"train_loss": loss(model, X_train, y_train), "val_loss": loss(model, X_val, y_val)}


def all_configs(space: dict[str, list]) -> list[dict[str, Any]]:
    keys = list(space)
    return [dict(zip(keys, values, strict=True))
            for values in itertools.product(*(space[key] for key in keys))]


def best_trial(trials: Sequence[dict[str, Any]]) -> dict[str, Any]:
    return min(trials, key=lambda trial: trial["val_loss"])  # min keeps the first on ties


def make_data(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The notebook's problem: 4 features, a nonlinear boundary, noisy labels."""
    X = rng.normal(size=(n, 4))
    logit = 4.0 * (np.sin(2 * X[:, 0]) + 0.75 * X[:, 1] * (X[:, 0] > 0))
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(np.float64)
    return X, y
