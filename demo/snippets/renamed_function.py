# The learner renamed roc_auc; the grader looks for the name the exercise asks for.
roc_auc_score = roc_auc  # noqa: F821
del roc_auc  # noqa: F821
