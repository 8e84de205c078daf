"""Oracle for reproducible-training. Runs only in the grader, never in a sandbox.

The checks never compare the learner's weights with weights trained here: a correct
loop may batch, shuffle and checkpoint in many ways. They judge consistency instead,
with the pieces below: the early-stopping rule applied to the learner's own losses,
and the validation loss of the learner's returned weights, recomputed in numpy.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np


def early_stopping_state(val_losses: Sequence[float], patience: int,
                         min_delta: float = 0.0) -> dict:
    """An epoch improves when loss < best - min_delta; stop once
    ``len(val_losses) - best_epoch >= patience``."""
    best_loss, best_epoch = math.inf, 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss < best_loss - min_delta:
            best_loss, best_epoch = loss, epoch
    return {"best_epoch": best_epoch, "should_stop": len(val_losses) - best_epoch >= patience}


def n_params(n_features: int, hidden: int) -> int:
    """Parameters of Linear(n_features, hidden) -> ReLU -> Dropout -> Linear(hidden, 1)."""
    return hidden * n_features + hidden + hidden + 1


def predict(weights: np.ndarray, n_features: int, hidden: int, X: np.ndarray) -> np.ndarray:
    """The network in evaluation mode (dropout is the identity), from its flat weights."""
    w = np.asarray(weights, dtype=np.float64).reshape(-1)
    i = 0
    W1 = w[i:i + hidden * n_features].reshape(hidden, n_features)
    i += hidden * n_features
    b1 = w[i:i + hidden]
    i += hidden
    W2 = w[i:i + hidden].reshape(1, hidden)
    i += hidden
    b2 = w[i:i + 1]
    hidden_out = np.maximum(np.asarray(X, dtype=np.float64) @ W1.T + b1, 0.0)
    return (hidden_out @ W2.T + b2).reshape(-1)


def validation_mse(weights: np.ndarray, n_features: int, hidden: int, X_val: np.ndarray,
                   y_val: np.ndarray) -> float:
    """Mean squared error of the network with these weights on the validation set."""
    pred = predict(weights, n_features, hidden, X_val)
    return float(np.mean((pred - np.asarray(y_val, dtype=np.float64)) ** 2))


def regression_data(rng: np.random.Generator, n_train: int, n_val: int, n_features: int,
                    noise: float = 0.5) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """A noisy nonlinear regression problem, the same family as the notebook's make_data."""
    w = rng.normal(size=n_features) / math.sqrt(n_features)
    X = rng.normal(size=(n_train + n_val, n_features))
    y = np.sin(2 * X @ w) + 0.5 * X[:, 0] * X[:, 1] + noise * rng.normal(size=len(X))
    return X[:n_train], y[:n_train], X[n_train:], y[n_train:]
