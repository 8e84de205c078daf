"""The allowance for sampling noise computed with the size of the reference instead of the
size of the batches the contract will judge: far too tight for small batches.

fails: contract-example, null-limits
"""

import math


def null_limit(values, batch_size):
    rate = float(values.isna().mean())
    return min(1.0, rate + 3 * math.sqrt(rate * (1 - rate) / len(values)))
