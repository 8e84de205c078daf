"""summary that returns the weights of the last epoch run, not those of the best epoch.

fails: best-weights
"""


def summary(run, patience, min_delta):
    state = early_stopping_state(run["val_losses"], patience, min_delta)  # noqa: F821
    return {"weights": flat_weights(run["model"]),  # noqa: F821
            "val_losses": [float(v) for v in run["val_losses"]],
            "best_epoch": state["best_epoch"],
            "stopped_epoch": len(run["val_losses"])}
