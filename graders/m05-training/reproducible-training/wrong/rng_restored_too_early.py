"""load_checkpoint that restores PyTorch's global RNG state first and builds the model
afterwards: initialising the new model draws random numbers from the restored state, so the
dropout masks after the resume are not the ones the uninterrupted run drew.

fails: resume
"""

import torch


def load_checkpoint(path, n_features, hidden, dropout, lr):
    ckpt = torch.load(path, weights_only=True)
    torch.set_rng_state(ckpt["torch_rng"])
    generator = torch.Generator()
    generator.set_state(ckpt["shuffle_rng"])
    model = make_model(n_features, hidden, dropout)  # noqa: F821
    model.load_state_dict(ckpt["model"])
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    optimizer.load_state_dict(ckpt["optimizer"])
    return {"model": model, "optimizer": optimizer, "generator": generator,
            "val_losses": list(ckpt["val_losses"]), "best_state": ckpt["best_state"]}
