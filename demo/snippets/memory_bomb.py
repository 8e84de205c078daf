# precision tries to allocate without bound: it hits the sandbox's memory limit.
import numpy as np


def precision(y_true, y_pred):
    hoard = []
    while True:
        hoard.append(np.empty(2**27))  # 1 GiB at a time, until the limit says no
