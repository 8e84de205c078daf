"""early_stopping_state that counts a loss equal to the best as an improvement (<= instead
of <), so a plateau of identical losses never triggers the stop.

Losses of real trainings almost never tie exactly, so the training checks pass.

fails: stopping-example-ties, stopping-random
"""

import math


def early_stopping_state(val_losses, patience, min_delta=0.0):
    best_loss, best_epoch = math.inf, 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss <= best_loss - min_delta:
            best_loss, best_epoch = loss, epoch
    return {"best_epoch": best_epoch, "should_stop": len(val_losses) - best_epoch >= patience}
