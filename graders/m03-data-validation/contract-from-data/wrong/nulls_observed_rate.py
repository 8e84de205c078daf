"""max_null_rate set to the reference's null rate, with no allowance for sampling noise:
about half of the clean batches would exceed it.

fails: contract-example, null-limits
"""


def null_limit(values, batch_size):
    return float(values.isna().mean())
