"""early_stopping_state that stops one epoch late: more than `patience` epochs without
improvement instead of `patience` of them.

fails: stopping-example-patience, stopping-example-min-delta, stopping-example-ties, stopping-random, early-stopping
"""

import math


def early_stopping_state(val_losses, patience, min_delta=0.0):
    best_loss, best_epoch = math.inf, 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss < best_loss - min_delta:
            best_loss, best_epoch = loss, epoch
    return {"best_epoch": best_epoch, "should_stop": len(val_losses) - best_epoch > patience}
