"""early_stopping_state that applies min_delta with the wrong sign (loss - min_delta < best),
so a loss slightly WORSE than the best still counts as an improvement.

fails: stopping-example-min-delta, stopping-random, early-stopping
"""

import math


def early_stopping_state(val_losses, patience, min_delta=0.0):
    best_loss, best_epoch = math.inf, 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss - min_delta < best_loss:
            best_loss, best_epoch = loss, epoch
    return {"best_epoch": best_epoch, "should_stop": len(val_losses) - best_epoch >= patience}
