"""start_run that seeds Python's and numpy's generators but not PyTorch's, and creates the
batch-order generator without seeding it.

The initial weights and dropout masks then come from wherever PyTorch's global generator
happens to be, so a second run with the same seed differs, and so does a run that is
interrupted and resumed (it started from another initialisation).

fails: same-seed, resume
"""

import random

import numpy as np
import torch


def start_run(n_features, seed, hidden, dropout, lr):
    random.seed(seed)
    np.random.seed(seed)
    model = make_model(n_features, hidden, dropout)  # noqa: F821
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    generator = torch.Generator()
    return {"model": model, "optimizer": optimizer, "generator": generator,
            "val_losses": [], "best_state": None}
