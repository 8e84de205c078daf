"""The batch order comes from DataLoader(shuffle=True) without a generator, and the
checkpoint is the tutorial one (model, optimizer, history, best weights) with no RNG state.

A fresh run is still reproducible: torch.manual_seed(seed) also fixes the global generator
that the DataLoader and dropout draw from. But after a resume they draw from wherever the
process's global generator happens to be, so batch order and dropout masks change.

fails: resume
"""

import copy

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


def start_run(n_features, seed, hidden, dropout, lr):
    torch.manual_seed(seed)
    model = make_model(n_features, hidden, dropout)  # noqa: F821
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    return {"model": model, "optimizer": optimizer, "val_losses": [], "best_state": None}


def run_epochs(run, X_train, y_train, X_val, y_val, batch_size, max_epochs, patience,
               min_delta, stop_after=None):
    X, y = as_tensors(X_train, y_train)  # noqa: F821
    Xv, yv = as_tensors(X_val, y_val)  # noqa: F821
    loader = DataLoader(TensorDataset(X, y), batch_size=batch_size, shuffle=True)
    model, optimizer, losses = run["model"], run["optimizer"], run["val_losses"]
    while len(losses) < max_epochs:
        if early_stopping_state(losses, patience, min_delta)["should_stop"]:  # noqa: F821
            break
        if stop_after is not None and len(losses) >= stop_after:
            break
        model.train()
        for xb, yb in loader:
            optimizer.zero_grad()
            nn.functional.mse_loss(model(xb), yb).backward()
            optimizer.step()
        losses.append(validation_loss(model, Xv, yv))  # noqa: F821
        if early_stopping_state(losses, patience, min_delta)["best_epoch"] == len(losses):  # noqa: F821
            run["best_state"] = copy.deepcopy(model.state_dict())
    return run


def save_checkpoint(run, path):
    torch.save({"model": run["model"].state_dict(),
                "optimizer": run["optimizer"].state_dict(),
                "val_losses": list(run["val_losses"]),
                "best_state": run["best_state"]}, path)


def load_checkpoint(path, n_features, hidden, dropout, lr):
    ckpt = torch.load(path, weights_only=True)
    model = make_model(n_features, hidden, dropout)  # noqa: F821
    model.load_state_dict(ckpt["model"])
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    optimizer.load_state_dict(ckpt["optimizer"])
    return {"model": model, "optimizer": optimizer,
            "val_losses": list(ckpt["val_losses"]), "best_state": ckpt["best_state"]}
