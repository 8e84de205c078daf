"""A correct solution that leans on scikit-learn where it can."""

import numpy as np
from sklearn import metrics


def confusion_counts(y_true, y_pred):
    tn, fp, fn, tp = metrics.confusion_matrix(y_true, y_pred, labels=[0, 1]).ravel()
    return {"tp": int(tp), "fp": int(fp), "fn": int(fn), "tn": int(tn)}


def precision(y_true, y_pred):
    return float(metrics.precision_score(y_true, y_pred, zero_division=0.0))


def recall(y_true, y_pred):
    return float(metrics.recall_score(y_true, y_pred, zero_division=0.0))


def f1(y_true, y_pred):
    return float(metrics.f1_score(y_true, y_pred, zero_division=0.0))


def roc_auc(y_true, y_score):
    return float(metrics.roc_auc_score(np.asarray(y_true), np.asarray(y_score)))
