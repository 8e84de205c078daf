"""A checkpoint without the optimizer's state: resume builds a fresh Adam, whose moment
estimates and step count start from zero, so the first steps after resuming differ.

fails: resume
"""

import torch


def save_checkpoint(run, path):
    torch.save({
        "model": run["model"].state_dict(),
        "val_losses": list(run["val_losses"]),
        "best_state": run["best_state"],
        "shuffle_rng": run["generator"].get_state(),
        "torch_rng": torch.get_rng_state(),
    }, path)


def load_checkpoint(path, n_features, hidden, dropout, lr):
    ckpt = torch.load(path, weights_only=True)
    model = make_model(n_features, hidden, dropout)  # noqa: F821
    model.load_state_dict(ckpt["model"])
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    generator = torch.Generator()
    generator.set_state(ckpt["shuffle_rng"])
    torch.set_rng_state(ckpt["torch_rng"])
    return {"model": model, "optimizer": optimizer, "generator": generator,
            "val_losses": list(ckpt["val_losses"]), "best_state": ckpt["best_state"]}
