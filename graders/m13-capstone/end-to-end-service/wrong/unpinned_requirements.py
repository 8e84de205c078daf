"""requirements.txt names the packages without versions: every build may get new ones, and
the next scikit-learn may not read the pickle.

fails: static-review, image-builds-pinned-nonroot"""

from pathlib import Path

Path("data/scorer/requirements.txt").write_text("fastapi\nuvicorn\nscikit-learn\nnumpy\npandas\n")
