"""A correct solution written differently: plain loops and pairwise AUC."""


def confusion_counts(y_true, y_pred):
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for t, p in zip(y_true, y_pred, strict=True):
        key = ("t" if t == p else "f") + ("p" if p == 1 else "n")
        counts[key] += 1
    return counts


def precision(y_true, y_pred):
    c = confusion_counts(y_true, y_pred)
    predicted = c["tp"] + c["fp"]
    return 0.0 if predicted == 0 else c["tp"] / predicted


def recall(y_true, y_pred):
    c = confusion_counts(y_true, y_pred)
    actual = c["tp"] + c["fn"]
    return 0.0 if actual == 0 else c["tp"] / actual


def f1(y_true, y_pred):
    c = confusion_counts(y_true, y_pred)
    denominator = 2 * c["tp"] + c["fp"] + c["fn"]
    return 0.0 if denominator == 0 else 2 * c["tp"] / denominator


def roc_auc(y_true, y_score):
    pos = [s for t, s in zip(y_true, y_score, strict=True) if t == 1]
    neg = [s for t, s in zip(y_true, y_score, strict=True) if t != 1]
    wins = 0.0
    for p in pos:
        for n in neg:
            wins += 1.0 if p > n else 0.5 if p == n else 0.0
    return wins / (len(pos) * len(neg))
