# roc_auc returns objects that claim to equal anything. In the learner's own
# kernel an assert would be fooled; the grader only accepts plain data.
class Anything(float):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = float.__hash__


def roc_auc(y_true, y_score):
    return Anything(0.0)
