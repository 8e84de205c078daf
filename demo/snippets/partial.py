# A learner who finished confusion_counts and precision only.
import numpy as np


def confusion_counts(y_true, y_pred):
    t = np.asarray(y_true) == 1
    p = np.asarray(y_pred) == 1
    return {"tp": int((t & p).sum()), "fp": int((~t & p).sum()),
            "fn": int((t & ~p).sum()), "tn": int((~t & ~p).sum())}


def precision(y_true, y_pred):
    c = confusion_counts(y_true, y_pred)
    return c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
