"""start_run that seeds everything with a constant 42 copied from a tutorial, ignoring the
seed argument: runs are repeatable, but every seed gives the same weights.

fails: same-seed
"""

import torch


def start_run(n_features, seed, hidden, dropout, lr):
    torch.manual_seed(42)
    model = make_model(n_features, hidden, dropout)  # noqa: F821
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    generator = torch.Generator().manual_seed(42)
    return {"model": model, "optimizer": optimizer, "generator": generator,
            "val_losses": [], "best_state": None}
