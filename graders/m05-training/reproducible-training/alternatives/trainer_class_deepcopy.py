"""A correct solution organised differently: one Trainer class holding the run, a DataLoader
with its own generator, the best model kept with copy.deepcopy, early stopping from the loss
list, and the whole Trainer state in one torch.save dict."""

import copy

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


def early_stopping_state(val_losses, patience, min_delta=0.0):
    best_epoch = 0
    for epoch in range(1, len(val_losses) + 1):
        if best_epoch == 0 or val_losses[epoch - 1] < val_losses[best_epoch - 1] - min_delta:
            best_epoch = epoch
    return {"best_epoch": best_epoch, "should_stop": len(val_losses) - best_epoch >= patience}


class Trainer:
    def __init__(self, X_train, y_train, X_val, y_val, hidden, dropout, lr, batch_size,
                 max_epochs, patience, min_delta):
        self.X = torch.from_numpy(np.asarray(X_train, dtype=np.float32))
        self.y = torch.from_numpy(np.asarray(y_train, dtype=np.float32)).view(-1, 1)
        self.Xv = torch.from_numpy(np.asarray(X_val, dtype=np.float32))
        self.yv = torch.from_numpy(np.asarray(y_val, dtype=np.float32)).view(-1, 1)
        self.shape = (self.X.shape[1], hidden, dropout)
        self.lr, self.batch_size, self.max_epochs = lr, batch_size, max_epochs
        self.patience, self.min_delta = patience, min_delta
        self.history, self.best_model = [], None

    def start(self, seed):
        torch.manual_seed(seed)
        self.model = make_model(*self.shape)  # noqa: F821
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=self.lr)
        self.generator = torch.Generator()
        self.generator.manual_seed(seed)
        return self

    def fit(self, epochs=None):
        loader = DataLoader(TensorDataset(self.X, self.y), batch_size=self.batch_size,
                            shuffle=True, generator=self.generator)
        loss_fn = nn.MSELoss()
        for _ in range(epochs if epochs is not None else self.max_epochs):
            if len(self.history) >= self.max_epochs or early_stopping_state(
                    self.history, self.patience, self.min_delta)["should_stop"]:
                break
            self.model.train()
            for xb, yb in loader:
                self.optimizer.zero_grad()
                loss_fn(self.model(xb), yb).backward()
                self.optimizer.step()
            self.model.eval()
            with torch.no_grad():
                self.history.append(loss_fn(self.model(self.Xv), self.yv).item())
            state = early_stopping_state(self.history, self.patience, self.min_delta)
            if state["best_epoch"] == len(self.history):
                self.best_model = copy.deepcopy(self.model)
        return self

    def result(self):
        state = early_stopping_state(self.history, self.patience, self.min_delta)
        weights = np.concatenate([p.detach().numpy().ravel()
                                  for p in self.best_model.parameters()])
        return {"weights": weights.astype(np.float64), "val_losses": list(self.history),
                "best_epoch": state["best_epoch"], "stopped_epoch": len(self.history)}

    def save(self, path):
        torch.save({"model": self.model.state_dict(), "optimizer": self.optimizer.state_dict(),
                    "best": self.best_model.state_dict(), "history": self.history,
                    "rng": {"global": torch.get_rng_state(),
                            "loader": self.generator.get_state()}}, path)

    def load(self, path):
        saved = torch.load(path, weights_only=True)
        self.model = make_model(*self.shape)  # noqa: F821
        self.model.load_state_dict(saved["model"])
        self.best_model = make_model(*self.shape)  # noqa: F821
        self.best_model.load_state_dict(saved["best"])
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=self.lr)
        self.optimizer.load_state_dict(saved["optimizer"])
        self.history = list(saved["history"])
        self.generator = torch.Generator()
        self.generator.set_state(saved["rng"]["loader"])
        torch.set_rng_state(saved["rng"]["global"])
        return self


def train(X_train, y_train, X_val, y_val, seed, hidden=32, dropout=0.1, lr=0.01,
          batch_size=16, max_epochs=40, patience=4, min_delta=0.0):
    trainer = Trainer(X_train, y_train, X_val, y_val, hidden, dropout, lr, batch_size,
                      max_epochs, patience, min_delta)
    return trainer.start(seed).fit().result()


def train_with_checkpoint(X_train, y_train, X_val, y_val, seed, path, stop_after, hidden=32,
                          dropout=0.1, lr=0.01, batch_size=16, max_epochs=40, patience=4,
                          min_delta=0.0):
    trainer = Trainer(X_train, y_train, X_val, y_val, hidden, dropout, lr, batch_size,
                      max_epochs, patience, min_delta)
    trainer.start(seed).fit(epochs=stop_after).save(path)
    return list(trainer.history)


def resume(path, X_train, y_train, X_val, y_val, hidden=32, dropout=0.1, lr=0.01,
           batch_size=16, max_epochs=40, patience=4, min_delta=0.0):
    trainer = Trainer(X_train, y_train, X_val, y_val, hidden, dropout, lr, batch_size,
                      max_epochs, patience, min_delta)
    return trainer.load(path).fit().result()
