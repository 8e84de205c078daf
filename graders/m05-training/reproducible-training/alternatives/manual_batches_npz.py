"""A correct solution written differently: no DataLoader (batches from torch.randperm with a
seeded generator), early stopping with a counter, the best weights kept as cloned tensors,
and a checkpoint of plain arrays in an .npz file (no pickle), optimizer moments included."""

import math

import numpy as np
import torch


def early_stopping_state(val_losses, patience, min_delta=0.0):
    best, best_epoch, waited = math.inf, 0, 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss < best - min_delta:
            best, best_epoch, waited = loss, epoch, 0
        else:
            waited += 1
    return {"best_epoch": best_epoch, "should_stop": waited >= patience}


class _Run:
    def __init__(self, n_features, hidden, dropout, lr, seed=None):
        if seed is not None:
            torch.manual_seed(seed)
        self.model = make_model(n_features, hidden, dropout)  # noqa: F821
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=lr)
        self.generator = torch.Generator()
        if seed is not None:
            self.generator.manual_seed(seed)
        self.losses = []
        self.best = None

    def fit(self, X_train, y_train, X_val, y_val, batch_size, max_epochs, patience, min_delta,
            stop_after=None):
        X = torch.tensor(np.asarray(X_train), dtype=torch.float32)
        y = torch.tensor(np.asarray(y_train), dtype=torch.float32).unsqueeze(1)
        Xv = torch.tensor(np.asarray(X_val), dtype=torch.float32)
        yv = torch.tensor(np.asarray(y_val), dtype=torch.float32).unsqueeze(1)
        limit = max_epochs if stop_after is None else min(max_epochs, stop_after)
        while len(self.losses) < limit and \
                not early_stopping_state(self.losses, patience, min_delta)["should_stop"]:
            self.model.train()
            order = torch.randperm(len(X), generator=self.generator)
            for start in range(0, len(X), batch_size):
                rows = order[start:start + batch_size]
                self.optimizer.zero_grad()
                ((self.model(X[rows]) - y[rows]) ** 2).mean().backward()
                self.optimizer.step()
            self.model.eval()
            with torch.no_grad():
                self.losses.append(((self.model(Xv) - yv) ** 2).mean().item())
            if early_stopping_state(self.losses, patience, min_delta)["best_epoch"] == \
                    len(self.losses):
                self.best = [p.detach().clone() for p in self.model.parameters()]

    def result(self, patience, min_delta):
        return {"weights": torch.cat([p.reshape(-1) for p in self.best]).double().numpy(),
                "val_losses": list(self.losses),
                "best_epoch": early_stopping_state(self.losses, patience, min_delta)["best_epoch"],
                "stopped_epoch": len(self.losses)}

    def save(self, path):
        arrays = {"losses": np.array(self.losses, dtype=np.float64),
                  "torch_rng": torch.get_rng_state().numpy(),
                  "shuffle_rng": self.generator.get_state().numpy()}
        for i, p in enumerate(self.model.parameters()):
            arrays[f"param_{i}"] = p.detach().numpy()
            arrays[f"best_{i}"] = self.best[i].numpy()
            state = self.optimizer.state[p]
            for key in ("step", "exp_avg", "exp_avg_sq"):
                arrays[f"adam_{i}_{key}"] = state[key].numpy()
        with open(path, "wb") as fh:  # np.savez(path) would append ".npz" to the name
            np.savez(fh, **arrays)

    def load(self, path):
        with np.load(path, allow_pickle=False) as data:
            params = list(self.model.parameters())
            with torch.no_grad():
                for i, p in enumerate(params):
                    p.copy_(torch.from_numpy(data[f"param_{i}"]))
            self.best = [torch.from_numpy(data[f"best_{i}"].copy()) for i in range(len(params))]
            groups = self.optimizer.state_dict()["param_groups"]
            state = {i: {key: torch.from_numpy(data[f"adam_{i}_{key}"].copy())
                         for key in ("step", "exp_avg", "exp_avg_sq")}
                     for i in range(len(params))}
            self.optimizer.load_state_dict({"state": state, "param_groups": groups})
            self.losses = [float(v) for v in data["losses"]]
            self.generator.set_state(torch.from_numpy(data["shuffle_rng"].copy()))
            torch.set_rng_state(torch.from_numpy(data["torch_rng"].copy()))


def train(X_train, y_train, X_val, y_val, seed, hidden=32, dropout=0.1, lr=0.01,
          batch_size=16, max_epochs=40, patience=4, min_delta=0.0):
    run = _Run(np.asarray(X_train).shape[1], hidden, dropout, lr, seed=seed)
    run.fit(X_train, y_train, X_val, y_val, batch_size, max_epochs, patience, min_delta)
    return run.result(patience, min_delta)


def train_with_checkpoint(X_train, y_train, X_val, y_val, seed, path, stop_after, hidden=32,
                          dropout=0.1, lr=0.01, batch_size=16, max_epochs=40, patience=4,
                          min_delta=0.0):
    run = _Run(np.asarray(X_train).shape[1], hidden, dropout, lr, seed=seed)
    run.fit(X_train, y_train, X_val, y_val, batch_size, max_epochs, patience, min_delta,
            stop_after=stop_after)
    run.save(path)
    return list(run.losses)


def resume(path, X_train, y_train, X_val, y_val, hidden=32, dropout=0.1, lr=0.01,
           batch_size=16, max_epochs=40, patience=4, min_delta=0.0):
    run = _Run(np.asarray(X_train).shape[1], hidden, dropout, lr)
    run.load(path)
    run.fit(X_train, y_train, X_val, y_val, batch_size, max_epochs, patience, min_delta)
    return run.result(patience, min_delta)
