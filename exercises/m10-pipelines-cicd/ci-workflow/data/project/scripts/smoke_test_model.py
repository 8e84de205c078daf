"""Model quality smoke test: `python scripts/smoke_test_model.py`.

Trains the model on 75% of data/orders.csv and exits with status 1 when its ROC-AUC on the
other 25% is below QUALITY_BAR.
"""

import sys
from pathlib import Path

import pandas as pd
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from delivery.model import LABEL, predict_proba, train  # noqa: E402

QUALITY_BAR = 0.70


def main():
    orders = pd.read_csv(ROOT / "data" / "orders.csv")
    fit, held_out = train_test_split(orders, test_size=0.25, random_state=0,
                                     stratify=orders[LABEL])
    auc = roc_auc_score(held_out[LABEL], predict_proba(train(fit), held_out))
    verdict = "ok" if auc >= QUALITY_BAR else "BELOW THE QUALITY BAR"
    print(f"held-out ROC-AUC {auc:.3f} (bar {QUALITY_BAR}): {verdict}")
    return 0 if auc >= QUALITY_BAR else 1


if __name__ == "__main__":
    sys.exit(main())
