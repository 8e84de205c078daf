"""validation_loss without model.eval(): dropout stays active while validating, so every
recorded loss is the loss of a randomly thinned network, not of the model that is returned.

Runs stay reproducible (the masks come from the seeded generator) and the rule is applied
to the recorded losses, so only the recomputed loss of the best weights disagrees.

fails: best-weights
"""

import torch
from torch import nn


def validation_loss(model, X_val, y_val):
    with torch.no_grad():
        return float(nn.functional.mse_loss(model(X_val), y_val))
